/** Number formats shared by the terminal table and the Markdown report. */
import type { MetricComparison } from './metrics.js';

/** A fraction as a percentage with one decimal; '' when undefined. */
export function pct(v: number): string {
  return Number.isFinite(v) ? (v * 100).toFixed(1) : '';
}

/** A difference in percentage points, always signed. */
export function pts(v: number, digits = 1): string {
  if (!Number.isFinite(v)) return '';
  const s = (v * 100).toFixed(digits);
  // -0.0 reads as a loss that is not there.
  return Number(s) === 0 ? (0).toFixed(digits) : Number(s) > 0 ? `+${s}` : s;
}

export function ci(row: MetricComparison): string {
  return Number.isFinite(row.low) ? `[${pts(row.low)}, ${pts(row.high)}]` : '';
}

/** Three decimals, or scientific notation below 0.001, so tiny p-values keep their size. */
export function pValue(p: number): string {
  if (!Number.isFinite(p)) return '';
  return p >= 0.001 ? p.toFixed(3) : p.toExponential(1);
}

/** better / worse when significant at alpha, else 'no sig. change'. */
export function verdict(row: MetricComparison, alpha: number): string {
  if (row.test === 'none') return 'n/a';
  if (!(row.p < alpha)) return 'no sig. change';
  return row.diff > 0 ? 'better' : 'worse';
}

export function testName(row: MetricComparison): string {
  const names: Record<MetricComparison['test'], string> = { mcnemar: 'McNemar', bootstrap: 'bootstrap', 'cluster-bootstrap': 'cluster bootstrap', none: '' };
  return names[row.test];
}

/** The confidence level as a percentage label, e.g. "95%". */
export function level(alpha: number): string {
  return `${Number(((1 - alpha) * 100).toFixed(2))}%`;
}
