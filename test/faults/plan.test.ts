import { describe, expect, it } from 'vitest';
import { mockOptionsFromFlags } from '../../src/cli/mock-server.js';
import { InputError } from '../../src/core/errors.js';
import { questionKey } from '../../src/mock/answer-key.js';
import { FaultPlan, parseFault, type FaultSpec } from '../../src/mock/faults.js';
import { startMockServer } from '../../src/mock/server.js';

function target(i: number): { key: string; text: string } {
  const text = `Item ${i}: where is the lamp?`;
  return { key: questionKey([text]), text };
}

describe('--fault grammar', () => {
  const good: [string, FaultSpec][] = [
    ['500', { kind: '500' }],
    ['503:0.25', { kind: '503', rate: 0.25 }],
    ['reset:first=2', { kind: 'reset', firstAttempts: 2 }],
    ['slow:ms=3000:0.5', { kind: 'slow', ms: 3000, rate: 0.5 }],
    ['hang:0.1:first=1:items=Item 3:,Item 7:', { kind: 'hang', rate: 0.1, firstAttempts: 1, items: ['Item 3:', 'Item 7:'] }],
    ['400-context:items=0123456789abcdef01234567', { kind: '400-context', items: ['0123456789abcdef01234567'] }],
  ];
  it.each(good)('reads %s', (flag, spec) => {
    expect(parseFault(flag)).toEqual(spec);
  });

  const bad: [string, RegExp][] = [
    ['timeout', /unknown fault 'timeout'; expected KIND\[:RATE\].* KIND one of 500, 503/],
    ['500:1.5', /rate must be a number from 0 to 1, got 1.5/],
    ['500:first=0', /first= must be an integer >= 1, got 0/],
    ['500:first=1.5', /first= must be an integer >= 1/],
    ['slow:ms=-1', /ms= must be from 0 to 3600000/],
    ['500:often', /cannot read 'often'/],
    ['500:tries=2', /cannot read 'tries=2'/],
    ['500::0.1', /cannot read ''/],
    ['500:items=', /items= names no item/],
  ];
  it.each(bad)('refuses %s with one line naming the flag', (flag, message) => {
    expect(() => parseFault(flag)).toThrow(InputError);
    expect(() => parseFault(flag)).toThrow(message);
    expect(() => parseFault(flag)).toThrow(new RegExp(`^--fault '${flag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}': `));
  });

  it('is repeatable on mock-server and validated in MockOptions too', async () => {
    const options = await mockOptionsFromFlags({ fault: ['500:first=1', '429:0.2'] }, {});
    expect(options.faults).toEqual([{ kind: '500', firstAttempts: 1 }, { kind: '429', rate: 0.2 }]);
    await expect(startMockServer({ faults: [{ kind: '500', rate: 2 }] })).rejects.toThrow(/mock option faults\[0\]: rate must be/);
  });
});

describe('which requests get a fault', () => {
  it('rate: the same items for the same seed, about `rate` of them, independent of order', () => {
    const hit = (seed: number, order: number[]): number[] => {
      const plan = new FaultPlan([{ kind: '500', rate: 0.3 }], seed);
      return order.filter((i) => plan.next(target(i)) !== undefined).sort((a, b) => a - b);
    };
    const forward = Array.from({ length: 1000 }, (_, i) => i);
    const first = hit(1, forward);
    expect(hit(1, [...forward].reverse())).toEqual(first);
    expect(first.length).toBeGreaterThan(250);
    expect(first.length).toBeLessThan(350);
    expect(hit(2, forward)).not.toEqual(first);
  });

  it('items: by question key or by a substring of the question text', () => {
    const plan = new FaultPlan([{ kind: '401', items: ['Item 3:', target(5).key] }], 0);
    const hits = Array.from({ length: 40 }, (_, i) => i).filter((i) => plan.next(target(i)) !== undefined);
    expect(hits).toEqual([3, 5]);
  });

  it('rate and items together: either selects', () => {
    const plan = new FaultPlan([{ kind: '500', rate: 0, items: ['Item 2:'] }], 0);
    expect([1, 2, 3].map((i) => plan.next(target(i))?.kind)).toEqual([undefined, '500', undefined]);
  });

  it('first=K fails the first K attempts at an item; faults chain by attempt, first applicable wins', () => {
    const plan = new FaultPlan([{ kind: '500', firstAttempts: 1 }, { kind: '429', firstAttempts: 3 }, { kind: 'null-content', items: ['Item 9:'] }], 0);
    const attempts = (i: number): (string | undefined)[] => Array.from({ length: 5 }, () => plan.next(target(i))?.kind);
    expect(attempts(1)).toEqual(['500', '429', '429', undefined, undefined]);
    expect(attempts(9)).toEqual(['500', '429', '429', 'null-content', 'null-content']);
  });

  it('no faults: nothing is counted or selected', () => {
    expect(new FaultPlan([], 0).next(target(1))).toBeUndefined();
  });
});
