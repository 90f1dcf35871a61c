/**
 * The Wilson score interval for a proportion, and the normal quantile it needs.
 *
 * Wilson rather than the normal ("Wald") interval: Wald collapses to a zero-width interval at 0/n
 * and n/n and undercovers badly for small n or p near 0 or 1, which is exactly where per-category
 * benchmark accuracies live (a 12-question subtype at 100%). Wilson inverts the score test, stays
 * inside [0, 1] and has close to nominal coverage down to a handful of items.
 */

export interface Bounds {
  readonly lo: number;
  readonly hi: number;
}

/** z with P(Z ≤ z) = 1 − (1 − level)/2: the two-sided critical value of a confidence level. */
export function zForLevel(level: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be in (0, 1), got ${level}`);
  return normalQuantile(1 - (1 - level) / 2);
}

/**
 * Wilson score interval for `hits` successes out of `n` independent trials:
 *   centre = (p̂ + z²/2n) / (1 + z²/n),  half = z/(1 + z²/n) · √(p̂(1−p̂)/n + z²/4n²).
 * Null when n is 0 (no proportion to bound).
 */
export function wilson(hits: number, n: number, level: number): Bounds | null {
  if (n <= 0) return null;
  const z = zForLevel(level);
  const p = hits / n;
  const z2n = (z * z) / n;
  const denom = 1 + z2n;
  const centre = (p + z2n / 2) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2n / (4 * n));
  // At 0/n and n/n the bound is exactly 0 or 1; the formula lands there only up to rounding.
  return { lo: hits <= 0 ? 0 : Math.max(0, centre - half), hi: hits >= n ? 1 : Math.min(1, centre + half) };
}

/**
 * Φ⁻¹(p), Wichura's algorithm AS 241 (PPND16, Applied Statistics 37:477, 1988): rational
 * approximations with about 1e-16 relative error, so no refinement step is needed.
 */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normal quantile needs p in (0, 1), got ${p}`);
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (
      (q *
        (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r +
          13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r + 3.387132872796366608)) /
      (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r +
        5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r + 1)
    );
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let value: number;
  if (r <= 5) {
    r -= 1.6;
    value =
      (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r +
        3.64784832476320460504) * r + 5.7694972214606914055) * r + 4.6303378461565452959) * r + 1.42343711074968357734) /
      (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r +
        0.68976733498510000455) * r + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1);
  } else {
    r -= 5;
    value =
      (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r +
        0.29656057182850489123) * r + 1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772) /
      (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r +
        0.0148753612908506148525) * r + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1);
  }
  return q < 0 ? -value : value;
}
