/**
 * Paired, stratified bootstrap of B − A for metrics that weight units unequally (macro means over
 * categories, means of means). Units are resampled as (A, B) pairs, so the correlation between the
 * two checkpoints is kept, and within strata of equal weight, so each category keeps its size and
 * the metric's formula stays the one the benchmark reports.
 */
import { randomInt, type Random } from '../score/random.js';
import type { Interval } from './paired-binary.js';

/** Units sharing a weight in the metric: `plus` units only B got right, `minus` only A. */
export interface Stratum {
  readonly weight: number;
  readonly size: number;
  readonly plus: number;
  readonly minus: number;
}

export interface BootstrapOptions {
  readonly resamples: number;
  readonly alpha: number;
  readonly random: Random;
}

export interface BootstrapResult extends Interval {
  readonly estimate: number;
  /** Two-sided p-value for "no difference". */
  readonly p: number;
}

/** Replicates that differ from zero by float noise only (sums of thirds…) count as zero. */
const EPS = 1e-12;

export function pairedBootstrap(strata: readonly Stratum[], opts: BootstrapOptions): BootstrapResult {
  const estimate = strata.reduce((s, st) => s + st.weight * (st.plus - st.minus), 0);
  const replicates = new Float64Array(opts.resamples);
  for (let r = 0; r < opts.resamples; r++) {
    let d = 0;
    for (const st of strata) d += st.weight * resampledSum(st, opts.random);
    replicates[r] = d;
  }
  return summarize(estimate, replicates, opts.alpha);
}

/** Percentile interval and p-value from the replicates of B − A (sorted in place). */
export function summarize(estimate: number, replicates: Float64Array, alpha: number): BootstrapResult {
  let atOrBelow = 0;
  let atOrAbove = 0;
  for (const d of replicates) {
    if (d <= EPS) atOrBelow++;
    if (d >= -EPS) atOrAbove++;
  }
  replicates.sort();
  return {
    estimate,
    low: quantile(replicates, alpha / 2),
    high: quantile(replicates, 1 - alpha / 2),
    // Inverts the percentile interval: the smallest alpha whose interval still excludes 0. Ties
    // at 0 count against significance, and the +1 keeps a finite resample from claiming p = 0.
    p: Math.min(1, (2 * (Math.min(atOrBelow, atOrAbove) + 1)) / (replicates.length + 1)),
  };
}

/** Σ (B − A) over `size` units drawn with replacement from the stratum. */
function resampledSum(st: Stratum, random: Random): number {
  if (st.plus === 0 && st.minus === 0) return 0;
  let sum = 0;
  for (let i = 0; i < st.size; i++) {
    const j = randomInt(random, st.size);
    // Units are taken as ordered: the `plus` ones first, then the `minus` ones, then the ties.
    if (j < st.plus) sum++;
    else if (j < st.plus + st.minus) sum--;
  }
  return sum;
}

/** Linear interpolation between order statistics (R's type 7). */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (pos - lo);
}
