/** docs/protocols.md is generated from the benchmark modules: the committed file must be what they declare now. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../../benchmarks/index.js';
import { describeProtocol, protocolLines, protocolsDoc } from '../../src/benchmark/describe.js';
import type { Protocol } from '../../src/benchmark/types.js';
import { runCli } from '../e2e/helpers.js';

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'protocols.md');

describe('docs/protocols.md', () => {
  it('equals what the modules generate (after a protocol change, run npm run docs:protocols)', async () => {
    expect(await readFile(DOC, 'utf8')).toBe(protocolsDoc(BENCHMARKS));
  });

  it('has a row per protocol of every benchmark, each naming its pipeline', () => {
    const lines = protocolLines(BENCHMARKS);
    expect(lines).toHaveLength(BENCHMARKS.reduce((n, b) => n + b.protocols.length, 0));
    for (const b of BENCHMARKS) for (const p of b.protocols) {
      const line = lines.find((l) => l.benchmark === b.id && l.protocol === p.name);
      expect(line?.rule).toContain(`extract ${p.extract.name} (`);
      expect(line?.rule).toContain(`; ${p.headline}`);
    }
  });
});

describe('describeProtocol', () => {
  const base: Protocol = {
    name: 'x', roles: [], grouping: { kind: 'row' }, headline: 'acc',
    extract: { name: 'p', narrowers: [], steps: [{ name: 's1', run: () => null }, { name: 's2', run: () => null }] },
    metrics: [{ kind: 'accuracy', name: 'acc' }],
  };

  it.each([
    ['steps when the pipeline has no rule', base, 'extract p (whole reply; first of s1, s2); credit exact match with the gold answer; units: each row; acc = mean credit over units'],
    ['the rule when it has one', { ...base, extract: { ...base.extract, rule: 'the first letter' } }, 'extract p (the first letter); credit exact match with the gold answer; units: each row; acc = mean credit over units'],
    ['a scorer, a key grouping and a macro headline', {
      ...base, scorer: { name: 'substring', credit: () => 0 }, grouping: { kind: 'key', field: 'qid', rewrite: [[/-\d$/, '']] },
      metrics: [{ kind: 'macro', name: 'acc', field: 'task', values: ['a', 'b'] }],
    } satisfies Protocol, "extract p (whole reply; first of s1, s2); credit substring; units: rows grouped by qid /-\\d$/→'', right when all are; acc = unweighted mean of the per-task accuracies (2 listed)"],
  ] as const)('%s', (_name, protocol, line) => {
    expect(describeProtocol(protocol)).toBe(line);
  });

  it('says when rotations are grouped by the dataset name', () => {
    expect(describeProtocol(base, /circular/i)).toContain('units: each row (rotations grouped by index mod 1e6, right when all are, for dataset names matching /circular/i)');
  });
});

describe('actial-eval list --protocols (the CLI)', () => {
  it("prints every benchmark's protocols with their roles and rule", async () => {
    const res = await runCli(['list', '--protocols']);
    expect(res.code, res.stderr).toBe(0);
    const lines = res.stdout.split('\n');
    for (const b of BENCHMARKS) {
      const at = lines.indexOf(b.id);
      expect(at, b.id).toBeGreaterThanOrEqual(0);
      const own = b.protocols.map((p) => `  ${p.name} [${p.roles.join(', ') || '-'}]: ${describeProtocol(p, b.circularWhenNameMatches)}`);
      expect(lines.slice(at + 1, at + 1 + own.length)).toEqual(own);
    }
  });
});
