import type { Random } from './random.js';

/**
 * Exact binomial and multinomial draws from a seeded stream, for bootstraps that resample counts
 * instead of items: a bootstrap resample of a stratum of n units with h hits has
 * Binomial(n, h/n) hits, so one draw replaces n uniform draws and a materialised array.
 */

const SMALL = 256;
/** ln k! for k < SMALL, summed once (errors stay near 1e-14 relative). */
const LOG_FACTORIAL: Float64Array = (() => {
  const t = new Float64Array(SMALL);
  for (let k = 2; k < SMALL; k++) t[k] = (t[k - 1] as number) + Math.log(k);
  return t;
})();

/** ln k!: the table below 256, Stirling's series above (its next term is under 1e-21 there). */
export function logFactorial(k: number): number {
  if (k < SMALL) return LOG_FACTORIAL[k] as number;
  const inv = 1 / k;
  const inv2 = inv * inv;
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260));
}

/**
 * A uniform in [0, 1) with 53 random bits from two 32-bit draws: a single draw's 2⁻³² grid would
 * make binomial outcomes with probability below ~2e-10 unreachable or quantised.
 */
export function uniform53(random: Random): number {
  return (Math.floor(random() * 2 ** 21) * 2 ** 32 + random() * 2 ** 32) / 2 ** 53;
}

/**
 * One Binomial(n, p) draw by inversion, exact up to floating-point rounding of the pmf (relative
 * error about n·1e-16, from the ln-factorials: 1e-11 at n = 100,000). Instead of
 * summing the pmf from 0 (O(np) steps), the support is visited from the mode outwards in order of
 * decreasing probability (the binomial is unimodal, so the larger of the two frontier terms is
 * next): any fixed order of the support gives an exact inversion sampler, and this one needs
 * O(√(np(1−p))) steps on average, with one ln-factorial evaluation per draw.
 */
export function sampleBinomial(random: Random, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  const q = 1 - p;
  const mode = Math.min(n, Math.floor((n + 1) * p));
  const pMode = Math.exp(logFactorial(n) - logFactorial(mode) - logFactorial(n - mode) + mode * Math.log(p) + (n - mode) * Math.log1p(-p));
  const odds = p / q;
  let u = uniform53(random) - pMode;
  if (u < 0) return mode;
  let up = mode + 1;
  let down = mode - 1;
  // pmf(k+1) = pmf(k)·(n−k)/(k+1)·p/q and pmf(k−1) = pmf(k)·k/(n−k+1)·q/p.
  let pUp = up <= n ? (pMode * (n - mode) * odds) / up : 0;
  let pDown = down >= 0 ? (pMode * mode) / ((n - mode + 1) * odds) : 0;
  while (up <= n || down >= 0) {
    if (up <= n && (down < 0 || pUp >= pDown)) {
      u -= pUp;
      if (u < 0) return up;
      pUp = up < n ? (pUp * (n - up) * odds) / (up + 1) : 0;
      up++;
    } else {
      u -= pDown;
      if (u < 0) return down;
      pDown = down > 0 ? (pDown * down) / ((n - down + 1) * odds) : 0;
      down--;
    }
  }
  // Only the pmf's rounding (sum short of 1 by ~1e-15) gets here: the mode is the nearest outcome.
  return mode;
}

/**
 * Multinomial(total; weights/Σweights) counts into `out`, by conditional binomials: category i
 * gets Binomial(remaining draws, wᵢ / remaining weight). Exact, and O(categories) draws however
 * large `total` is.
 */
export function sampleMultinomial(random: Random, total: number, weights: ArrayLike<number>, out: Float64Array): void {
  let remainingDraws = total;
  let remainingWeight = 0;
  for (let i = 0; i < weights.length; i++) remainingWeight += weights[i] as number;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] as number;
    const k = i === weights.length - 1 ? remainingDraws : sampleBinomial(random, remainingDraws, w / remainingWeight);
    out[i] = k;
    remainingDraws -= k;
    remainingWeight -= w;
  }
}
