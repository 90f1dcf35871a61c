import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../../src/benchmark/types.js';
import { compareMetrics, type PairedUnit } from '../../src/compare/metrics.js';
import { computeMetrics } from '../../src/score/metrics.js';

const opts = { alpha: 0.05, resamples: 2000, seed: 0, seedText: 'test' };

/** Units from a paired table: `a` both right, `b` only A right, `c` only B right, `d` neither. */
function table(a: number, b: number, c: number, d: number, fields: Record<string, string> = {}): PairedUnit[] {
  const make = (n: number, hitA: boolean, hitB: boolean) => Array.from({ length: n }, () => ({ hitA, hitB, fields }));
  return [...make(a, true, true), ...make(b, true, false), ...make(c, false, true), ...make(d, false, false)].map((u, i) => ({ ...u, key: `${fields['cat'] ?? ''}${i}` }));
}

const accuracy: MetricSpec[] = [{ kind: 'accuracy', name: 'Overall' }, { kind: 'per-value', field: 'cat' }];

describe('compareMetrics', () => {
  it('a plain accuracy gets McNemar on its flips and Newcombe’s interval', () => {
    // 20 units: 5 both right, 2 only A, 10 only B, 3 neither → A 7/20, B 15/20, p = 158/4096.
    const rows = compareMetrics(table(5, 2, 10, 3, { cat: 'x' }), { metrics: accuracy, primary: 'Overall' }, opts);
    const overall = rows[0];
    expect(overall).toMatchObject({ metric: 'Overall', primary: true, test: 'mcnemar', n: 20, gained: 10, lost: 2, bothRight: 5, bothWrong: 3 });
    expect(overall?.a).toBeCloseTo(0.35, 12);
    expect(overall?.b).toBeCloseTo(0.75, 12);
    expect(overall?.diff).toBeCloseTo(0.4, 12);
    expect(overall?.p).toBeCloseTo(158 / 4096, 12);
    expect(overall?.low).toBeGreaterThan(0);
    expect(rows.map((r) => r.metric)).toEqual(['Overall', 'x']);
  });

  it('a macro mean over unequal categories gets the paired bootstrap, with the metric’s own formula', () => {
    const units = [...table(40, 5, 20, 35, { cat: 'big' }), ...table(5, 8, 1, 6, { cat: 'small' })];
    const macro: MetricSpec[] = [{ kind: 'macro', name: 'Macro', field: 'cat' }, ...accuracy];
    const rows = compareMetrics(units, { metrics: macro, primary: 'Macro' }, opts);
    const m = rows[0];
    const asA = computeMetrics(units.map((u) => ({ ...u, index: u.key, hit: u.hitA, answer: '', extracted: null, method: '' })), macro).get('Macro')?.value;
    const asB = computeMetrics(units.map((u) => ({ ...u, index: u.key, hit: u.hitB, answer: '', extracted: null, method: '' })), macro).get('Macro')?.value;
    expect(m?.test).toBe('bootstrap');
    expect(m?.a).toBeCloseTo(asA ?? Number.NaN, 12);
    expect(m?.b).toBeCloseTo(asB ?? Number.NaN, 12);
    expect(m?.low).toBeLessThan(m?.diff ?? Number.NaN);
    expect(m?.high).toBeGreaterThan(m?.diff ?? Number.NaN);
    // Same input, same seed: same bytes.
    expect(compareMetrics(units, { metrics: macro, primary: 'Macro' }, opts)).toEqual(rows);
    // Each category alone is a plain accuracy again.
    expect(rows.find((r) => r.metric === 'small')?.test).toBe('mcnemar');
  });

  it('a macro over equal-sized categories equals micro accuracy, so McNemar applies', () => {
    const units = [...table(5, 1, 3, 1, { cat: 'p' }), ...table(2, 2, 4, 2, { cat: 'q' })];
    const rows = compareMetrics(units, { metrics: [{ kind: 'macro', name: 'Macro', field: 'cat' }], primary: 'Macro' }, opts);
    expect(rows[0]?.test).toBe('mcnemar');
    expect(rows[0]?.p).toBeCloseTo(mcnemar37(), 12);
  });

  it('a metric without units has no test', () => {
    const rows = compareMetrics(table(1, 0, 0, 1, { cat: 'x' }), { metrics: [{ kind: 'per-value', field: 'cat', values: ['x', 'missing'] }], primary: 'x' }, opts);
    expect(rows[1]).toMatchObject({ metric: 'missing', test: 'none', n: 0 });
    expect(rows[1]?.diff).toBeNaN();
  });
});

/** b = 3, c = 7: P(X ≤ 3 | 10, ½) = (1 + 10 + 45 + 120)/1024 = 176/1024; p = 352/1024. */
function mcnemar37(): number {
  return 352 / 1024;
}
