import { describe, expect, it } from 'vitest';
import { pairedBootstrap, type Stratum } from '../../src/compare/bootstrap.js';
import { seededRandom } from '../../src/score/random.js';

const run = (strata: Stratum[], resamples = 20_000, seed = 7) => pairedBootstrap(strata, { resamples, alpha: 0.05, random: seededRandom(seed) });

/** Bootstrap SD from a percentile interval that is close to normal. */
const sdFromInterval = (low: number, high: number): number => (high - low) / (2 * 1.959963984540054);

describe('paired stratified bootstrap', () => {
  it('one stratum matches the closed-form variance of a resampled mean', () => {
    // 200 units: 30 only B right (d = +1), 10 only A right (d = -1), 160 ties (d = 0); weight 1/200.
    // Estimate = (30 - 10)/200 = 0.1. Var*(mean d*) = (E[d²] - E[d]²)/n = (40/200 - 0.1²)/200 = 0.00095,
    // SD = 0.030822; the percentile interval is about 0.1 ± 1.96·0.0308 = [0.0396, 0.1604].
    const r = run([{ weight: 1 / 200, size: 200, plus: 30, minus: 10 }]);
    expect(r.estimate).toBeCloseTo(0.1, 12);
    expect(sdFromInterval(r.low, r.high)).toBeCloseTo(Math.sqrt(0.00095), 3);
    expect(r.low).toBeGreaterThan(0.035);
    expect(r.high).toBeLessThan(0.165);
    // P*(D* ≤ 0) ≈ Φ(-0.1/0.0308) ≈ 0.0006: significant, far from 0.05.
    expect(r.p).toBeLessThan(0.01);
  });

  it('strata keep their sizes: a macro mean has the variance ¼(v1/n1 + v2/n2)', () => {
    // Category 1: n1 = 100, +20 / -5 → mean d 0.15, v1 = 25/100 - 0.15² = 0.2275
    // Category 2: n2 = 50,  +2 / -8  → mean d -0.12, v2 = 10/50 - 0.12² = 0.1856
    // Macro diff = ½(0.15) + ½(-0.12) = 0.015; Var = ¼(0.2275/100 + 0.1856/50) = 0.00149675, SD = 0.038688
    const r = run([
      { weight: 1 / 200, size: 100, plus: 20, minus: 5 },
      { weight: 1 / 100, size: 50, plus: 2, minus: 8 },
    ]);
    expect(r.estimate).toBeCloseTo(0.015, 12);
    expect(sdFromInterval(r.low, r.high)).toBeCloseTo(Math.sqrt(0.00149675), 3);
    expect(r.p).toBeGreaterThan(0.5);
  });

  it('no discordant unit: a zero-width interval at 0 and p = 1', () => {
    const r = run([{ weight: 0.01, size: 100, plus: 0, minus: 0 }], 1000);
    expect([r.estimate, r.low, r.high, r.p]).toEqual([0, 0, 0, 1]);
  });

  it('every unit won by B: p is the smallest a finite resample can give, 2/(B + 1)', () => {
    const r = run([{ weight: 0.1, size: 10, plus: 10, minus: 0 }], 999);
    expect(r.low).toBeCloseTo(1, 12);
    expect(r.p).toBeCloseTo(2 / 1000, 12);
  });

  it('the same seed gives the same result; another seed nearly the same', () => {
    const strata = [{ weight: 1 / 300, size: 300, plus: 25, minus: 18 }];
    expect(run(strata, 2000, 1)).toEqual(run(strata, 2000, 1));
    const other = run(strata, 2000, 2);
    expect(Math.abs(other.low - run(strata, 2000, 1).low)).toBeLessThan(0.01);
  });
});
