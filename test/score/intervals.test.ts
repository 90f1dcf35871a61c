import { describe, expect, it } from 'vitest';
import type { MetricSpec } from '../../src/benchmark/types.js';
import type { ScoredItem } from '../../src/workdir/scores.js';
import { logFactorial, sampleBinomial, sampleMultinomial } from '../../src/score/binomial.js';
import { bootstrap, clusterIds, percentileInterval, strataOf } from '../../src/score/bootstrap.js';
import { clusteredAccuracyInterval, DEFAULT_CI, metricIntervals, type CiSettings, type Interval } from '../../src/score/intervals.js';
import { computeMetrics } from '../../src/score/metrics.js';
import { seededRandom } from '../../src/score/random.js';
import { normalQuantile, wilson, zForLevel } from '../../src/score/wilson.js';

const item = (index: string, hit: boolean, fields: Record<string, string> = {}): ScoredItem => ({
  index, answer: 'A', extracted: hit ? 'A' : 'B', method: 'm', hit, fields,
});

/** `hits` right then `n − hits` wrong units, with the given fields. */
const units = (n: number, hits: number, fields: Record<string, string> = {}, prefix = ''): ScoredItem[] =>
  Array.from({ length: n }, (_, i) => item(`${prefix}${i}`, i < hits, fields));

/** Binomial(n, p) pmf by the product formula in exact rationals' stead: log-space sums of logs, term by term. */
function binomialPmf(n: number, p: number): number[] {
  const out: number[] = [];
  for (let k = 0; k <= n; k++) {
    let log = k * Math.log(p) + (n - k) * Math.log(1 - p);
    for (let j = 1; j <= k; j++) log += Math.log(n - k + j) - Math.log(j);
    out.push(Math.exp(log));
  }
  return out;
}

/** The smallest k with P(X ≤ k) ≥ q: the binomial quantile the percentile interval converges to. */
function binomialQuantile(pmf: readonly number[], q: number): number {
  let cdf = 0;
  for (let k = 0; k < pmf.length; k++) {
    cdf += pmf[k] as number;
    if (cdf >= q) return k;
  }
  return pmf.length - 1;
}

describe('normal quantile (AS 241)', () => {
  it('matches tabulated values', () => {
    expect(zForLevel(0.95)).toBeCloseTo(1.959963984540054, 14);
    expect(normalQuantile(0.995)).toBeCloseTo(2.5758293035489, 12);
    expect(normalQuantile(0.9)).toBeCloseTo(1.2815515655446004, 14);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361340902404056, 11);
    expect(normalQuantile(0.5)).toBe(0);
  });
});

describe('Wilson score interval, worked by hand at 95% (z = 1.959964, z² = 3.841459)', () => {
  // centre = (p̂ + z²/2n)/(1 + z²/n), half = z/(1 + z²/n)·√(p̂(1−p̂)/n + z²/4n²)
  it('8/10: centre 0.99207/1.38415 = 0.71674, half 1.95996·0.16001/1.38415 = 0.22658', () => {
    // p̂(1−p̂)/n = 0.016, z²/4n² = 0.0096036, √0.0256036 = 0.160011
    const b = wilson(8, 10, 0.95);
    expect(b?.lo).toBeCloseTo(0.4901625, 6);
    expect(b?.hi).toBeCloseTo(0.9433178, 6);
  });
  it('0/5: lo 0; hi = (z²/n)/(1 + z²/n) = 0.76829/1.76829 = 0.43448', () => {
    const b = wilson(0, 5, 0.95);
    expect(b?.lo).toBe(0);
    expect(b?.hi).toBeCloseTo(0.4344825, 6);
  });
  it('5/5 mirrors 0/5: lo = 1/(1 + z²/n) = 0.56552, hi 1', () => {
    const b = wilson(5, 5, 0.95);
    expect(b?.lo).toBeCloseTo(0.5655175, 6);
    expect(b?.hi).toBe(1);
  });
  it('50/100: centre 0.5, half 1.95996·√(0.0025 + 0.000096)/1.038415 = 0.096168', () => {
    const b = wilson(50, 100, 0.95);
    expect(b?.lo).toBeCloseTo(0.4038315, 6);
    expect(b?.hi).toBeCloseTo(0.5961685, 6);
  });
  it('has no interval without units, and narrows as the level drops', () => {
    expect(wilson(0, 0, 0.95)).toBeNull();
    const at90 = wilson(50, 100, 0.9) as { lo: number; hi: number };
    expect(at90.lo).toBeGreaterThan(0.4038315);
    expect(at90.hi).toBeLessThan(0.5961685);
  });
});

describe('exact binomial and multinomial draws', () => {
  it('ln k! agrees with the summed logarithms across the table/Stirling boundary', () => {
    let sum = 0;
    for (let k = 1; k <= 1000; k++) {
      sum += Math.log(k);
      expect(Math.abs(logFactorial(k) - sum)).toBeLessThan(1e-9 * Math.max(1, sum));
    }
  });
  it('Binomial(1000, 0.3): the draws follow the pmf (total variation < 0.01 over 200,000 draws)', () => {
    const pmf = binomialPmf(1000, 0.3);
    const r = seededRandom(7);
    const freq = new Map<number, number>();
    const draws = 200_000;
    for (let i = 0; i < draws; i++) {
      const k = sampleBinomial(r, 1000, 0.3);
      freq.set(k, (freq.get(k) ?? 0) + 1);
    }
    let tv = 0;
    pmf.forEach((p, k) => (tv += Math.abs(p - (freq.get(k) ?? 0) / draws)));
    expect(tv / 2).toBeLessThan(0.01);
  });
  it('large n: mean and variance of Binomial(100,000, 0.75) without materialising draws', () => {
    const r = seededRandom(3);
    const xs = Array.from({ length: 20_000 }, () => sampleBinomial(r, 100_000, 0.75));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1);
    expect(Math.abs(mean - 75_000)).toBeLessThan(5 * Math.sqrt(18_750 / xs.length));
    expect(variance / 18_750).toBeGreaterThan(0.95);
    expect(variance / 18_750).toBeLessThan(1.05);
  });
  it('edge cases and multinomial totals', () => {
    const r = seededRandom(1);
    expect(sampleBinomial(r, 0, 0.5)).toBe(0);
    expect(sampleBinomial(r, 10, 0)).toBe(0);
    expect(sampleBinomial(r, 10, 1)).toBe(10);
    const out = new Float64Array(3);
    for (let i = 0; i < 100; i++) {
      sampleMultinomial(r, 50, [5, 3, 2], out);
      expect(out[0]! + out[1]! + out[2]!).toBe(50);
    }
  });
});

describe('percentile bootstrap against closed forms', () => {
  const accuracySpec: MetricSpec[] = [{ kind: 'accuracy', name: 'Overall' }];
  it('one stratum, 26/40: the bootstrap mean is Binomial(40, 0.65)/40, so its percentile bounds are binomial quantiles', () => {
    // Quantiles chosen far from a CDF step: P(X ≤ 19) = 0.0173, P(X ≤ 20) = 0.0363; P(X ≤ 31) = 0.9697, P(X ≤ 32) = 0.9876.
    const pmf = binomialPmf(40, 0.65);
    expect(binomialQuantile(pmf, 0.025)).toBe(20);
    expect(binomialQuantile(pmf, 0.975)).toBe(32);
    const strata = strataOf(units(40, 26), []);
    for (const seed of [1, 2, 3]) {
      const reps = bootstrap(strata, 20_000, seededRandom(seed), (c) => c.hits[0]! / c.n[0]!);
      expect(percentileInterval(reps, 0.95)).toEqual({ lo: 20 / 40, hi: 32 / 40 });
    }
  });
  it('the default 2,000 replicates land within one step (1/n) of the binomial quantiles', () => {
    const pmf = binomialPmf(100, 0.7);
    const ci = metricIntervals({ protocol: 'p', units: units(100, 70), specs: accuracySpec, metrics: computeMetrics(units(100, 70), accuracySpec), clusterOf: undefined, ci: DEFAULT_CI });
    expect(ci.get('Overall')?.method).toBe('wilson');
    const reps = bootstrap(strataOf(units(100, 70), []), 2000, seededRandom(0), (c) => c.hits[0]! / c.n[0]!);
    const { lo, hi } = percentileInterval(reps, 0.95);
    expect(Math.abs(lo * 100 - binomialQuantile(pmf, 0.025))).toBeLessThanOrEqual(1);
    expect(Math.abs(hi * 100 - binomialQuantile(pmf, 0.975))).toBeLessThanOrEqual(1);
  });
  it('macro mean of 4 strata: stratified bootstrap ≈ normal approximation mean ± z·√(Σ p(1−p)/n)/4', () => {
    const ps = [0.5, 0.6, 0.7, 0.8];
    const all = ps.flatMap((p, i) => units(400, p * 400, { task: `t${i}` }, `t${i}-`));
    const specs: MetricSpec[] = [{ kind: 'macro', name: 'Macro', field: 'task' }];
    const ci = metricIntervals({ protocol: 'p', units: all, specs, metrics: computeMetrics(all, specs), clusterOf: undefined, ci: DEFAULT_CI }).get('Macro');
    const mean = ps.reduce((s, p) => s + p, 0) / 4;
    const sd = Math.sqrt(ps.reduce((s, p) => s + (p * (1 - p)) / 400, 0)) / 4;
    const z = zForLevel(0.95);
    expect(ci?.method).toBe('bootstrap');
    expect(Math.abs((ci?.lo ?? 0) - (mean - z * sd))).toBeLessThan(0.003);
    expect(Math.abs((ci?.hi ?? 0) - (mean + z * sd))).toBeLessThan(0.003);
  });
});

describe('reproducibility', () => {
  const all = [...units(30, 20, { task: 'a' }, 'a'), ...units(25, 10, { task: 'b' }, 'b')];
  const specs: MetricSpec[] = [{ kind: 'macro', name: 'Macro', field: 'task' }, { kind: 'per-value', field: 'task' }];
  const run = (ci: CiSettings, s: readonly MetricSpec[] = specs) =>
    metricIntervals({ protocol: 'official', units: all, specs: s, metrics: computeMetrics(all, s), clusterOf: undefined, ci }).get('Macro');
  it('the same seed gives identical intervals; another seed different ones', () => {
    expect(run(DEFAULT_CI)).toEqual(run(DEFAULT_CI));
    expect(run({ ...DEFAULT_CI, seed: 1 })).not.toEqual(run(DEFAULT_CI));
  });
  it("a metric's interval does not depend on the other metrics or the order of units", () => {
    const alone: MetricSpec[] = [{ kind: 'macro', name: 'Macro', field: 'task' }];
    expect(run(DEFAULT_CI, alone)).toEqual(run(DEFAULT_CI));
    const reversed = [...all].reverse();
    expect(metricIntervals({ protocol: 'official', units: reversed, specs, metrics: computeMetrics(reversed, specs), clusterOf: undefined, ci: DEFAULT_CI }).get('Macro')).toEqual(run(DEFAULT_CI));
  });
});

describe('cluster bootstrap', () => {
  // 50 questions asked 4 times each, every rotation answered alike: 30 right questions, 120/200 rows.
  const rows = Array.from({ length: 50 }, (_, q) => Array.from({ length: 4 }, (_, k) => item(String(q + 1_000_000 * k), q < 30))).flat();
  const byQuestion = (r: ScoredItem): string => String(Number(r.index) % 1_000_000);
  const width = (b: { lo: number; hi: number } | null): number => (b === null ? 0 : b.hi - b.lo);
  it('is wider than the naive interval on perfectly correlated clusters, and equals the 50-question closed form', () => {
    const clustered = clusteredAccuracyInterval('official', 'Overall (vanilla)', rows, clusterIds(rows, byQuestion), DEFAULT_CI) as Interval;
    const naive = wilson(120, 200, 0.95);
    expect(clustered.method).toBe('cluster-bootstrap');
    expect(width(clustered)).toBeGreaterThan(1.7 * width(naive));
    // Whole clusters move together, so the resampled row accuracy is Binomial(50, 0.6)/50.
    const pmf = binomialPmf(50, 0.6);
    expect(Math.abs(clustered.lo * 50 - binomialQuantile(pmf, 0.025))).toBeLessThanOrEqual(1);
    expect(Math.abs(clustered.hi * 50 - binomialQuantile(pmf, 0.975))).toBeLessThanOrEqual(1);
  });
  it('falls back to Wilson when no cluster holds two units', () => {
    const single = rows.filter((r) => Number(r.index) < 1_000_000);
    expect(clusteredAccuracyInterval('p', 'm', single, clusterIds(single, byQuestion), DEFAULT_CI)).toEqual({ ...wilson(30, 50, 0.95), method: 'wilson' });
  });
  it('declared clusters turn per-value accuracies into cluster bootstraps within their value', () => {
    // A question and its mirror (qid 'Q1', 'Q1-flip') share a cluster; every pair is answered alike.
    const pairs = Array.from({ length: 40 }, (_, q) => [
      item(`Q${q}`, q % 2 === 0, { qid: `Q${q}`, category: q < 20 ? 'x' : 'y' }),
      item(`Q${q}-flip`, q % 2 === 0, { qid: `Q${q}-flip`, category: q < 20 ? 'x' : 'y' }),
    ]).flat();
    const specs: MetricSpec[] = [{ kind: 'accuracy', name: 'Overall' }, { kind: 'per-value', field: 'category' }];
    const ci = metricIntervals({
      protocol: 'official', units: pairs, specs, metrics: computeMetrics(pairs, specs), clusterOf: (u) => (u.fields['qid'] ?? '').replace('-flip', ''), ci: DEFAULT_CI,
    });
    expect([...ci.keys()]).toEqual(['Overall', 'x', 'y']);
    for (const i of ci.values()) expect(i?.method).toBe('cluster-bootstrap');
    expect(width(ci.get('Overall') ?? null)).toBeGreaterThan(1.25 * width(wilson(40, 80, 0.95)));
  });
});

describe('metricIntervals: a method per metric kind', () => {
  const all = [...units(20, 15, { source: 'A', task: 'count' }, 'a'), ...units(10, 4, { source: 'B', task: 'depth' }, 'b')];
  const specs: MetricSpec[] = [
    { kind: 'accuracy', name: 'Overall' },
    { kind: 'accuracy', name: 'OnlyA', where: { field: 'source', value: 'A' } },
    { kind: 'per-value', field: 'source', values: ['A', 'B', 'C'] },
    { kind: 'macro', name: 'Macro', field: 'task' },
    { kind: 'mean', name: 'Mean', of: ['A', 'B'] },
    { kind: 'mean', name: 'WithGap', of: ['A', 'C'] },
  ];
  const metrics = computeMetrics(all, specs);
  const ci = metricIntervals({ protocol: 'official', units: all, specs, metrics, clusterOf: undefined, ci: DEFAULT_CI });
  it('Wilson for accuracies and per-value accuracies, bootstrap for macro and mean, null where the metric is NaN', () => {
    expect([...ci.keys()]).toEqual([...metrics.keys()]);
    expect(ci.get('Overall')).toEqual({ ...wilson(19, 30, 0.95), method: 'wilson' });
    expect(ci.get('OnlyA')).toEqual({ ...wilson(15, 20, 0.95), method: 'wilson' });
    expect(ci.get('B')).toEqual({ ...wilson(4, 10, 0.95), method: 'wilson' });
    expect(ci.get('C')).toBeNull();
    expect(ci.get('Macro')?.method).toBe('bootstrap');
    expect(ci.get('Mean')?.method).toBe('bootstrap');
    expect(ci.get('WithGap')).toBeNull();
  });
  it('every interval holds its point estimate', () => {
    for (const [name, m] of metrics) {
      const i = ci.get(name);
      if (i === null || i === undefined) continue;
      expect(i.lo, name).toBeLessThanOrEqual(m.value);
      expect(i.hi, name).toBeGreaterThanOrEqual(m.value);
    }
  });
  it('a mean of a single metric takes that metric\'s interval', () => {
    const s: MetricSpec[] = [{ kind: 'per-value', field: 'source' }, { kind: 'mean', name: 'JustB', of: ['B'] }];
    const got = metricIntervals({ protocol: 'p', units: all, specs: s, metrics: computeMetrics(all, s), clusterOf: undefined, ci: DEFAULT_CI });
    expect(got.get('JustB')).toEqual(got.get('B'));
    expect(got.get('JustB')?.method).toBe('wilson');
  });
  it('a mean of disjoint per-value parts equals the macro over the same field (one joint resample)', () => {
    const s: MetricSpec[] = [{ kind: 'per-value', field: 'source' }, { kind: 'mean', name: 'M', of: ['A', 'B'] }];
    const viaMean = metricIntervals({ protocol: 'p', units: all, specs: s, metrics: computeMetrics(all, s), clusterOf: undefined, ci: DEFAULT_CI }).get('M');
    const m: MetricSpec[] = [{ kind: 'macro', name: 'M', field: 'source' }];
    const viaMacro = metricIntervals({ protocol: 'p', units: all, specs: m, metrics: computeMetrics(all, m), clusterOf: undefined, ci: DEFAULT_CI }).get('M');
    expect(viaMean).toEqual(viaMacro);
  });
});
