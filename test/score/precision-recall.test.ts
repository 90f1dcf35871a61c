/**
 * The precision-recall-f1 metric kind against the textbook formulas computed here from a confusion
 * table (tp, fp, fn of the positive label; an undecided answer is a negative prediction), and its
 * bootstrap interval: deterministic, around the estimate, and null where the metric is.
 */
import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../../src/benchmark/types.js';
import type { ScoredItem } from '../../src/workdir/scores.js';
import { DEFAULT_CI, metricIntervals } from '../../src/score/intervals.js';
import { computeMetrics } from '../../src/score/metrics.js';

const SPECS: readonly MetricSpec[] = [
  { kind: 'accuracy', name: 'acc' },
  { kind: 'precision-recall-f1', positive: 'Yes', precision: 'precision', recall: 'recall', f1: 'f1' },
];

/** [gold, extracted] pairs → scored rows (hit = exact equality, as for yes/no datasets). */
const rows = (pairs: readonly (readonly [string, string | null])[]): ScoredItem[] =>
  pairs.map(([answer, extracted], i) => ({ index: String(i), answer, extracted, method: extracted === null ? 'none' : 'yes-no', hit: extracted === answer, fields: {} }));

function textbook(pairs: readonly (readonly [string, string | null])[]): Record<string, number> {
  const tp = pairs.filter(([g, p]) => g === 'Yes' && p === 'Yes').length;
  const fp = pairs.filter(([g, p]) => g !== 'Yes' && p === 'Yes').length;
  const fn = pairs.filter(([g, p]) => g === 'Yes' && p !== 'Yes').length;
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return { acc: pairs.filter(([g, p]) => g === p).length / pairs.length, precision, recall, f1: (2 * precision * recall) / (precision + recall) };
}

const PAIRS: readonly (readonly [string, string | null])[] = [
  ...Array.from({ length: 30 }, () => ['Yes', 'Yes'] as const),
  ...Array.from({ length: 9 }, () => ['No', 'Yes'] as const),
  ...Array.from({ length: 7 }, () => ['Yes', 'No'] as const),
  ...Array.from({ length: 4 }, () => ['Yes', null] as const),
  ...Array.from({ length: 25 }, () => ['No', 'No'] as const),
  ...Array.from({ length: 5 }, () => ['No', null] as const),
];

describe('precision, recall and F1 of a positive label', () => {
  it('equal the textbook formulas, an undecided answer counting as a negative prediction', () => {
    const got = computeMetrics(rows(PAIRS), SPECS);
    const want = textbook(PAIRS);
    for (const [name, value] of Object.entries(want)) expect(got.get(name)?.value, name).toBeCloseTo(value, 14);
    // 30 / 39, 30 / 41, 60 / 80
    expect(got.get('precision')?.value).toBeCloseTo(30 / 39, 14);
    expect(got.get('recall')?.value).toBeCloseTo(30 / 41, 14);
    expect(got.get('f1')?.value).toBeCloseTo(0.75, 14);
  });

  it('are NaN when nothing is predicted positive (precision, F1 still defined by the gold)', () => {
    const got = computeMetrics(rows([['Yes', 'No'], ['No', 'No'], ['Yes', null]]), SPECS);
    expect(got.get('precision')?.value).toBeNaN();
    expect(got.get('recall')?.value).toBe(0);
    expect(got.get('f1')?.value).toBe(0);
  });

  it('get a bootstrap interval around the estimate, the same on every run', () => {
    const units = rows(PAIRS);
    const metrics = computeMetrics(units, SPECS);
    const input = { protocol: 'p', units, specs: SPECS, metrics, clusterOf: undefined, ci: DEFAULT_CI };
    const a = metricIntervals(input);
    const b = metricIntervals(input);
    for (const name of ['precision', 'recall', 'f1']) {
      const ci = a.get(name);
      expect(ci, name).not.toBeNull();
      expect(ci?.method).toBe('bootstrap');
      expect(ci?.lo ?? 1).toBeLessThan(metrics.get(name)?.value ?? 0);
      expect(ci?.hi ?? 0).toBeGreaterThan(metrics.get(name)?.value ?? 1);
      expect(ci?.hi ?? 2).toBeLessThanOrEqual(1);
      expect(b.get(name)).toEqual(ci);
    }
  });
});
