/**
 * The `chance-adjusted` metric kind (SITE's CAA): (Σ X_i − Σ 1/n_i) / (N − Σ 1/n_i), written out here
 * item by item (SITE-Bench/lmms-eval `_aggregate_category_caa`, VLMEvalKit `compute_caa_score`) and
 * compared with what the tallies give, with partial credit, a group filter, intervals, and the
 * cases where it is undefined.
 */
import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../../src/benchmark/types.js';
import { DEFAULT_CI, metricIntervals } from '../../src/score/intervals.js';
import { computeMetrics, unitTallies } from '../../src/score/metrics.js';
import type { ScoredItem } from '../../src/workdir/scores.js';

const item = (index: string, credit: number, group: string, n: number): ScoredItem => ({
  index, answer: 'A', extracted: 'A', method: 'm', hit: credit === 1, credit, fields: { g: `${group}#${n}` },
});

function caa(items: readonly { credit: number; n: number }[]): number {
  const chance = items.reduce((s, i) => s + 1 / i.n, 0);
  return (items.reduce((s, i) => s + i.credit, 0) - chance) / (items.length - chance);
}

const SPECS: readonly MetricSpec[] = [
  { kind: 'chance-adjusted', name: 'all', field: 'g' },
  { kind: 'chance-adjusted', name: 'x', field: 'g', group: 'x' },
  { kind: 'chance-adjusted', name: 'none', field: 'g', group: 'absent' },
];

describe('chance-adjusted accuracy', () => {
  const raw = [
    { g: 'x', n: 2, credit: 1 }, { g: 'x', n: 4, credit: 0 }, { g: 'x', n: 4, credit: 1 }, { g: 'y', n: 3, credit: 1 / 3 },
    { g: 'y', n: 5, credit: 0 }, { g: 'y', n: 2, credit: 1 }, { g: 'x#odd', n: 3, credit: 1 },
  ];
  const units = raw.map((r, i) => item(String(i), r.credit, r.g, r.n));
  const metrics = computeMetrics(units, SPECS);

  it('equals the item-by-item formula, overall and within a group (a group name may hold "#")', () => {
    expect(metrics.get('all')?.value).toBeCloseTo(caa(raw), 12);
    expect(metrics.get('x')?.value).toBeCloseTo(caa(raw.filter((r) => r.g === 'x')), 12);
    expect(metrics.get('x')?.n).toBe(3);
    expect(metrics.get('none')?.value).toBeNaN();
  });

  it('is undefined when every unit has one option', () => {
    expect(computeMetrics([item('1', 1, 'x', 1)], SPECS).get('all')?.value).toBeNaN();
  });

  it('gets a bootstrap interval that holds the value', () => {
    const intervals = metricIntervals({ protocol: 'p', units, specs: SPECS, metrics, tallies: unitTallies(units, ['g']), clusterOf: undefined, ci: DEFAULT_CI });
    const all = intervals.get('all');
    expect(all?.method).toBe('bootstrap');
    expect(all?.lo).toBeLessThanOrEqual(metrics.get('all')?.value ?? Number.NaN);
    expect(all?.hi).toBeGreaterThanOrEqual(metrics.get('all')?.value ?? Number.NaN);
    expect(intervals.get('none')).toBeNull();
  });
});
