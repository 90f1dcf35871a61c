import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../../benchmarks/index.js';
import type { MetricSpec } from '../../src/benchmark/types.js';
import type { ScoredItem } from '../../src/workdir/scores.js';
import { linearMetrics, metricLeaves, unitWeights } from '../../src/compare/linear.js';
import { computeMetrics } from '../../src/score/metrics.js';
import { seededRandom, randomInt } from '../../src/score/random.js';

/** Every field the specs read, with the values they list (plus one no spec lists). */
function fieldValues(specs: readonly MetricSpec[]): Map<string, string[]> {
  const out = new Map<string, Set<string>>();
  const add = (field: string, values: readonly string[]) => {
    const set = out.get(field) ?? new Set(['other']);
    for (const v of values) set.add(v);
    out.set(field, set);
  };
  for (const s of specs) {
    if (s.kind === 'per-value' || s.kind === 'macro') add(s.field, s.values ?? ['x', 'y']);
    if (s.kind === 'accuracy' && s.where !== undefined) add(s.where.field, [s.where.value]);
  }
  return new Map([...out].map(([f, v]) => [f, [...v]]));
}

function randomUnits(specs: readonly MetricSpec[], n: number, seed: number): ScoredItem[] {
  const random = seededRandom(seed);
  const fields = fieldValues(specs);
  return Array.from({ length: n }, (_, i) => ({
    index: String(i),
    answer: 'A',
    extracted: 'A',
    method: 'test',
    hit: random() < 0.6,
    fields: Object.fromEntries([...fields].map(([f, values]) => [f, values[randomInt(random, values.length)] ?? 'other'])),
  }));
}

describe('metrics as weighted sums of unit hits', () => {
  it('equal computeMetrics on every protocol of every benchmark (NaN where it is NaN)', () => {
    let checked = 0;
    for (const benchmark of BENCHMARKS) {
      for (const [name, protocol] of Object.entries(benchmark.protocols)) {
        // Few units, so some listed categories stay empty and their means undefined.
        for (const n of [400, 12]) {
          const units = randomUnits(protocol.metrics, n, n);
          const expected = computeMetrics(units, protocol.metrics);
          const linear = linearMetrics(units, protocol.metrics);
          expect([...linear.keys()], `${benchmark.id}/${name}`).toEqual([...expected.keys()]);
          for (const [metric, terms] of linear) {
            const want = expected.get(metric)?.value ?? Number.NaN;
            if (terms === null) {
              // A formula over units is never compared; the others are NaN on these units.
              if (!protocol.metrics.some((m) => m.kind === 'formula' && m.name === metric)) expect(want, `${benchmark.id}/${name}/${metric}`).toBeNaN();
              continue;
            }
            const got = unitWeights(terms).reduce((s, w) => s + (units[w.position]?.hit ? w.weight : 0), 0);
            expect(got, `${benchmark.id}/${name}/${metric}`).toBeCloseTo(want, 12);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('a mean of means weights units by their share, and strata follow the leaves', () => {
    // CV-Bench's shape: Overall = mean(2D, 3D), 2D = mean(ADE20K, COCO), 3D = Omni3D.
    const specs: MetricSpec[] = [
      { kind: 'per-value', field: 'source', values: ['ADE20K', 'COCO', 'Omni3D'] },
      { kind: 'mean', name: '2D', of: ['ADE20K', 'COCO'] },
      { kind: 'mean', name: '3D', of: ['Omni3D'] },
      { kind: 'mean', name: 'Overall', of: ['2D', '3D'] },
    ];
    const sources = ['ADE20K', 'ADE20K', 'COCO', 'Omni3D', 'Omni3D', 'Omni3D', 'Omni3D', 'Omni3D'];
    const units = sources.map((source) => ({ fields: { source } }));
    const overall = linearMetrics(units, specs).get('Overall');
    expect(overall).not.toBeNull();
    const weights = unitWeights(overall ?? []);
    // ADE20K: ¼ · ½ each; COCO: ¼ · 1; Omni3D: ½ · ⅕ each.
    expect(weights.map((w) => w.weight)).toEqual([0.125, 0.125, 0.25, 0.1, 0.1, 0.1, 0.1, 0.1]);
    // Strata are the leaves a unit is in: here one source each.
    expect(metricLeaves(overall ?? []).map((t) => [t.leaf.key, t.coef])).toEqual([['source=ADE20K', 0.25], ['source=COCO', 0.25], ['source=Omni3D', 0.5]]);
    expect(weights.map((w) => w.stratum)).toEqual(['0', '0', '1', '2', '2', '2', '2', '2']);
  });
});
