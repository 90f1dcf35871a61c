/**
 * Statistics for a right/wrong outcome measured on the same units under A and B. Only the
 * discordant units carry information about the difference: b (A right, B wrong) and c (A wrong,
 * B right).
 */
import { normalQuantile } from './normal.js';

/** The paired 2×2 table: a both right, b only A right, c only B right, d both wrong. */
export interface PairedTable {
  readonly a: number;
  readonly b: number;
  readonly c: number;
  readonly d: number;
}

/**
 * Exact two-sided McNemar test: under "no difference" each discordant unit is equally likely to
 * favour A or B, so min(b, c) ~ Binomial(b + c, 1/2) and p = 2·P(X ≤ min(b, c)), capped at 1.
 * Exact rather than the χ² approximation because discordant counts on a benchmark's categories
 * are often small, where χ² is badly off. Summed in log space so b + c in the millions stays finite.
 */
export function mcnemarExact(b: number, c: number): number {
  const n = b + c;
  const k = Math.min(b, c);
  if (n === 0 || 2 * k >= n) return 1;
  // P(X = 0) = 2^-n; P(X = j+1) / P(X = j) = (n - j) / (j + 1).
  let logTerm = -n * Math.LN2;
  let logSum = logTerm;
  for (let j = 0; j < k; j++) {
    logTerm += Math.log((n - j) / (j + 1));
    logSum = logAddExp(logSum, logTerm);
  }
  return Math.min(1, 2 * Math.exp(logSum));
}

function logAddExp(x: number, y: number): number {
  const hi = Math.max(x, y);
  return hi + Math.log1p(Math.exp(Math.min(x, y) - hi));
}

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** Wilson score interval for a proportion x/n at level 1 − alpha. */
export function wilson(x: number, n: number, alpha: number): Interval {
  if (n === 0) return { low: 0, high: 1 };
  const z = normalQuantile(1 - alpha / 2);
  const z2 = z * z;
  const p = x / n;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

/**
 * Interval for pB − pA on paired data: Newcombe's (1998) method 10, square-and-add of the two
 * Wilson intervals with the correlation φ between the paired outcomes. Chosen over the Wald
 * interval, which collapses to zero width when b = c = 0 and undercovers with few discordant
 * units, and over a bootstrap, because it is closed-form (no seed, same bytes every time) and
 * its coverage is close to nominal in Newcombe's and Fagerland et al.'s evaluations.
 */
export function newcombePaired(t: PairedTable, alpha: number): Interval {
  const n = t.a + t.b + t.c + t.d;
  if (n === 0) return { low: Number.NaN, high: Number.NaN };
  const pA = (t.a + t.b) / n;
  const pB = (t.a + t.c) / n;
  const ciA = wilson(t.a + t.b, n, alpha);
  const ciB = wilson(t.a + t.c, n, alpha);
  const phi = phiCorrected(t, n);
  const diff = pB - pA;
  const down = Math.sqrt((pB - ciB.low) ** 2 - 2 * phi * (pB - ciB.low) * (ciA.high - pA) + (ciA.high - pA) ** 2);
  const up = Math.sqrt((ciB.high - pB) ** 2 - 2 * phi * (ciB.high - pB) * (pA - ciA.low) + (pA - ciA.low) ** 2);
  return { low: Math.max(-1, diff - down), high: Math.min(1, diff + up) };
}

/**
 * The φ coefficient of the 2×2 table with Newcombe's continuity correction: a positive ad − bc is
 * reduced by n/2 (and floored at 0), a negative one kept; 0 when a margin is empty.
 */
function phiCorrected(t: PairedTable, n: number): number {
  const margins = (t.a + t.b) * (t.c + t.d) * (t.a + t.c) * (t.b + t.d);
  if (margins === 0) return 0;
  const cross = t.a * t.d - t.b * t.c;
  const corrected = cross > n / 2 ? cross - n / 2 : cross >= 0 ? 0 : cross;
  return corrected / Math.sqrt(margins);
}
