/**
 * `compare.csv`: one row per (dataset, metric), primary first within a dataset. Scores and bounds
 * are fractions (as `_acc.csv` and the summaries), rounded to 6 decimals so equal inputs give equal
 * bytes on every platform; p-values keep 6 significant digits.
 */
import { stringify } from 'csv-stringify/sync';
import type { Comparison } from './compare.js';

export const COMPARE_CSV_COLUMNS = [
  'side_a', 'side_b', 'dataset', 'benchmark', 'metric', 'primary', 'test', 'n', 'score_a', 'score_b', 'diff',
  'ci_low', 'ci_high', 'ci_level', 'p_value', 'significant', 'gained', 'lost', 'both_right', 'both_wrong', 'unpaired_a', 'unpaired_b',
] as const;

export function compareCsv(c: Comparison): string {
  const rows = c.datasets.flatMap((d) =>
    d.metrics.map((m) => [
      c.a.label, c.b.label, d.dataset, d.benchmark, m.metric, m.primary, m.test, m.n,
      fraction(m.a), fraction(m.b), fraction(m.diff), fraction(m.low), fraction(m.high), 1 - c.alpha,
      Number.isFinite(m.p) ? Number(m.p.toPrecision(6)) : '', m.test === 'none' ? '' : m.p < c.alpha,
      m.gained, m.lost, m.bothRight, m.bothWrong, d.onlyA, d.onlyB,
    ]),
  );
  return stringify([[...COMPARE_CSV_COLUMNS], ...rows], { cast: { boolean: (v) => String(v) } });
}

function fraction(v: number): number | string {
  return Number.isFinite(v) ? Number(v.toFixed(6)) : '';
}
