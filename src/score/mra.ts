/**
 * Mean relative accuracy (MRA, from VSI-Bench; also Omni3D-Bench's float metric): the fraction of
 * thresholds θ at which a numeric answer is close enough to the gold one. Benchmarks differ in the
 * grid, in `<` vs `≤`, in the bound (θ itself or 1 − θ) and in what a gold 0 means, so each of
 * those is a setting here, named after the code it reproduces.
 */
export interface MraSettings {
  /** Thresholds in the order the original sums them (float sums depend on the order). */
  readonly thresholds: readonly number[];
  /** Right at θ when relative error < bound(θ) ('strict') or ≤ bound(θ) ('inclusive'). */
  readonly comparison: 'strict' | 'inclusive';
  /** The bound a threshold sets: θ itself (Omni3D-Bench) or 1 − θ (VSI-Bench's confidence levels). */
  readonly bound: 'theta' | 'one-minus-theta';
  /**
   * Relative error as |gold − pred| / gold ('signed': a negative gold makes every error negative,
   * so it passes every threshold, as in Omni3D-Bench's script), or / |gold| ('abs').
   */
  readonly denominator: 'signed' | 'abs';
  /**
   * A gold 0: no threshold is met ('never', the default), or the error is the prediction's absolute
   * value |pred − 0| (VSI-Bench's `abs_dist_norm`, copied by SPAR-Bench and VLMEvalKit).
   */
  readonly zeroGold?: 'never' | 'absolute';
}

/** Relative error of a prediction; NaN (never within a threshold) for a gold 0 or a non-finite value. */
export function relativeError(pred: number, gold: number, denominator: MraSettings['denominator'], zeroGold: MraSettings['zeroGold'] = 'never'): number {
  if (gold === 0) return zeroGold === 'absolute' ? Math.abs(pred) : Number.NaN;
  return Math.abs(gold - pred) / (denominator === 'abs' ? Math.abs(gold) : gold);
}

/** An answer's MRA credit in [0, 1]: thresholds met over thresholds. A NaN error meets none. */
export function mraCredit(pred: number, gold: number, s: MraSettings): number {
  const err = relativeError(pred, gold, s.denominator, s.zeroGold);
  let met = 0;
  for (const theta of s.thresholds) {
    const bound = s.bound === 'theta' ? theta : 1 - theta;
    if (s.comparison === 'strict' ? err < bound : err <= bound) met++;
  }
  return met / s.thresholds.length;
}

/**
 * `np.linspace(start, stop, num)` (floats): `arange(num) · step + start`, step = (stop − start) /
 * (num − 1), the last point set to `stop`. Thresholds built so differ from decimal literals in the
 * last bits (0.6000000000000001), which decides answers exactly at a bound.
 */
export function numpyLinspace(start: number, stop: number, num: number): number[] {
  const div = num - 1;
  const delta = stop - start;
  const step = div > 0 ? delta / div : Number.NaN;
  return Array.from({ length: num }, (_, i) => {
    if (div > 0 && i === div) return stop;
    if (div <= 0) return i * delta + start;
    return step === 0 ? (i / div) * delta + start : i * step + start;
  });
}
