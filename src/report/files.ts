import { stringify } from 'csv-stringify/sync';
import type { AccuracyTable } from '../score/accuracy.js';
import type { Summary } from '../workdir/summary.js';

/** VLMEvalKit's `_acc.csv`: split, Overall, then each category; fractions. */
export function accCsv(table: AccuracyTable): string {
  const rows = table.rows.map((r) => [r.split, ...table.columns.map((c) => formatFraction(r.values[c]))]);
  return stringify([['split', ...table.columns], ...rows]);
}

/**
 * Every metric of every protocol with its confidence interval, one row each (fractions; empty cells
 * where a metric has no value). Kept apart from `_acc.csv`, which stays VLMEvalKit's exact layout.
 */
export function metricsCsv(summary: Summary): string {
  const rows: (string | number)[][] = [];
  for (const [protocol, metrics] of Object.entries(summary.metrics)) {
    for (const [metric, value] of Object.entries(metrics)) {
      const ci = summary.ci[protocol]?.[metric] ?? null;
      rows.push([protocol, metric, cell(value), cell(ci?.lo), cell(ci?.hi), summary.n[protocol]?.[metric] ?? '', ci?.method ?? '']);
    }
  }
  return stringify([['protocol', 'metric', 'value', 'ci_lo', 'ci_hi', 'n', 'method'], ...rows]);
}

function cell(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

function formatFraction(v: number | undefined): string {
  return v === undefined || Number.isNaN(v) ? '' : String(v);
}
