import { describe, expect, it } from 'vitest';
import { mcnemarExact, newcombePaired, wilson } from '../../src/compare/paired-binary.js';
import { normalQuantile } from '../../src/compare/normal.js';

describe('exact McNemar test', () => {
  it('b = 10, c = 2: p = 2·P(X ≤ 2 | n = 12, ½), worked by hand', () => {
    // P(X ≤ 2) = (C(12,0) + C(12,1) + C(12,2)) / 2^12 = (1 + 12 + 66) / 4096 = 79/4096
    // p = 2 · 79/4096 = 158/4096 = 0.03857421875
    expect(mcnemarExact(10, 2)).toBeCloseTo(158 / 4096, 14);
    expect(mcnemarExact(10, 2)).toBeCloseTo(0.0386, 4);
    // The test is two-sided: which checkpoint won does not change p.
    expect(mcnemarExact(2, 10)).toBe(mcnemarExact(10, 2));
  });

  it('more hand-worked cases', () => {
    // b = 1, c = 8: n = 9, P(X ≤ 1) = (1 + 9) / 512, p = 20/512
    expect(mcnemarExact(1, 8)).toBeCloseTo(20 / 512, 14);
    // b = 0, c = 5: p = 2 / 2^5 = 0.0625, not significant however one-sided the flips
    expect(mcnemarExact(0, 5)).toBeCloseTo(0.0625, 14);
    // b = 0, c = 6: p = 2 / 64 = 0.03125, the fewest flips that can be significant at 0.05
    expect(mcnemarExact(0, 6)).toBeCloseTo(0.03125, 14);
  });

  it('b = c gives p = 1, and no discordant pair gives p = 1', () => {
    expect(mcnemarExact(5, 5)).toBe(1);
    expect(mcnemarExact(500, 500)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
  });

  it('stays exact and finite for large discordant counts (SciPy binomtest reference values)', () => {
    // scipy.stats.binomtest(450, 1000, 0.5).pvalue = 0.0017305360849763027
    expect(mcnemarExact(450, 550)).toBeCloseTo(0.0017305360849763027, 12);
    // scipy.stats.binomtest(50000, 100600, 0.5).pvalue = 0.05895199586854574; 2^-100600 underflows a double
    expect(mcnemarExact(50_000, 50_600) / 0.05895199586854574).toBeCloseTo(1, 9);
    // b = 0, c = 1000: p = 2·2^-1000 = 2^-999, near the smallest normal double yet not rounded to 0
    expect(mcnemarExact(0, 1000) / 2 ** -999).toBeCloseTo(1, 9);
  });
});

describe('Wilson and Newcombe intervals', () => {
  it('normal quantile', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 8);
    expect(normalQuantile(0.005)).toBeCloseTo(-2.5758293035489, 8);
    expect(normalQuantile(0.5)).toBe(0);
  });

  it('Wilson 8/10 at 95% is [0.4902, 0.9433]', () => {
    const ci = wilson(8, 10, 0.05);
    expect(ci.low).toBeCloseTo(0.4901624715366418, 8);
    expect(ci.high).toBeCloseTo(0.9433178485456248, 8);
  });

  // Reference values: an independent Python implementation of Newcombe (1998) method 10 (Wilson
  // limits from scipy.stats.norm.ppf, φ with the n/2 correction), on the tables the R package
  // contingencytables uses for its paired examples (Bentur et al. 2009, Cavo et al. 2012).
  it('Newcombe: a table with no correlation (φ = 0 after correction)', () => {
    const ci = newcombePaired({ a: 1, b: 1, c: 7, d: 12 }, 0.05);
    expect(ci.low).toBeCloseTo(0.025559124164859837, 8);
    expect(ci.high).toBeCloseTo(0.506920226686141, 8);
  });

  it('Newcombe: a strongly correlated table narrows the interval', () => {
    const ci = newcombePaired({ a: 59, b: 6, c: 16, d: 80 }, 0.05);
    expect(ci.low).toBeCloseTo(0.004625113933050054, 8);
    expect(ci.high).toBeCloseTo(0.11862119563870996, 8);
    const more = newcombePaired({ a: 50, b: 2, c: 10, d: 38 }, 0.05);
    expect(more.low).toBeCloseTo(0.011280633970600806, 8);
    expect(more.high).toBeCloseTo(0.1468273339031133, 8);
  });

  it('Newcombe: no discordant pair still gives an interval around 0 (Wald would give [0, 0])', () => {
    const ci = newcombePaired({ a: 10, b: 0, c: 0, d: 10 }, 0.05);
    expect(ci.low).toBeCloseTo(-0.08975665937768057, 8);
    expect(ci.high).toBeCloseTo(0.08975665937768049, 8);
  });

  it('Newcombe: mirrored tables give mirrored intervals, and bounds stay in [-1, 1]', () => {
    const up = newcombePaired({ a: 3, b: 2, c: 9, d: 6 }, 0.05);
    const down = newcombePaired({ a: 3, b: 9, c: 2, d: 6 }, 0.05);
    expect(down.low).toBeCloseTo(-up.high, 12);
    expect(down.high).toBeCloseTo(-up.low, 12);
    const all = newcombePaired({ a: 0, b: 0, c: 5, d: 0 }, 0.05);
    expect(all.high).toBeLessThanOrEqual(1);
    expect(all.low).toBeGreaterThan(0);
  });
});
