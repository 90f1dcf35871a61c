/**
 * The CI gate: B fails when, on any dataset's primary metric, it is worse than A by more than the
 * threshold AND the paired test calls the difference significant. Both are needed: a large drop on
 * a few items is noise, and a significant drop of a tenth of a point is not worth failing a build.
 */
import type { Comparison } from './compare.js';
import type { MetricComparison } from './metrics.js';

export interface Regression {
  readonly dataset: string;
  readonly row: MetricComparison;
}

export interface GateResult {
  /** Percentage points. */
  readonly threshold: number;
  readonly alpha: number;
  readonly regressions: readonly Regression[];
  /** Datasets whose primary metric has no value on the paired units: the gate cannot judge them. */
  readonly unjudged: readonly string[];
}

export function applyGate(c: Comparison, thresholdPts: number): GateResult {
  const regressions: Regression[] = [];
  const unjudged: string[] = [];
  for (const d of c.datasets) {
    const row = d.metrics.find((m) => m.primary);
    if (row === undefined || Number.isNaN(row.diff)) unjudged.push(d.dataset);
    // The tolerance keeps a loss of exactly the threshold (e.g. 3 of 300 units) from tripping on float noise.
    else if (row.diff * 100 < -thresholdPts - 1e-9 && row.p < c.alpha) regressions.push({ dataset: d.dataset, row });
  }
  return { threshold: thresholdPts, alpha: c.alpha, regressions, unjudged };
}
