/**
 * The `formula` metric kind: a benchmark's own function of the scored units and the metrics before
 * it. It sees every unit, reads earlier results, is NaN without units, and gets no interval and no
 * paired comparison (it is no function of the resampled tallies).
 */
import { describe, expect, it } from 'vitest';
import type { FormulaUnit, MetricSpec } from '../../src/benchmark/types.js';
import { describeMetric } from '../../src/benchmark/describe.js';
import { DEFAULT_CI, metricIntervals } from '../../src/score/intervals.js';
import { computeMetrics } from '../../src/score/metrics.js';
import type { ScoredItem } from '../../src/workdir/scores.js';

const item = (index: string, extracted: string | null, answer: string): ScoredItem => ({ index, answer, extracted, method: 'm', hit: extracted === answer, fields: { g: index === '1' ? 'x' : 'y' } });

const seen: (readonly FormulaUnit[])[] = [];
const SPECS: readonly MetricSpec[] = [
  { kind: 'accuracy', name: 'acc' },
  {
    kind: 'formula',
    name: 'undecided share plus acc',
    rule: 'share of undecided units, plus acc',
    compute: (units, earlier) => {
      seen.push(units);
      return { value: units.filter((u) => u.extracted === null).length / units.length + (earlier.get('acc')?.value ?? Number.NaN), n: units.length };
    },
  },
];

describe('formula metrics', () => {
  const units = [item('1', 'A', 'A'), item('2', null, 'B'), item('3', 'C', 'B'), item('4', 'B', 'B')];
  const metrics = computeMetrics(units, SPECS);

  it('computes over all units, after the metrics before it', () => {
    expect(metrics.get('undecided share plus acc')).toEqual({ value: 1 / 4 + 2 / 4, n: 4 });
    expect(seen.at(-1)).toHaveLength(4);
  });

  it('is NaN without units, and has no interval', () => {
    expect(computeMetrics([], SPECS).get('undecided share plus acc')?.value).toBeNaN();
    const intervals = metricIntervals({ protocol: 'p', units, specs: SPECS, metrics, clusterOf: undefined, ci: DEFAULT_CI });
    expect(intervals.get('undecided share plus acc')).toBeNull();
    expect(intervals.get('acc')).not.toBeNull();
  });

  it('is described by its rule', () => {
    expect(describeMetric(SPECS[1] as MetricSpec)).toBe('share of undecided units, plus acc');
  });
});
