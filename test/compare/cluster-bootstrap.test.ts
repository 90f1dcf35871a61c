import { describe, expect, it } from 'vitest';
import { clusterBootstrap, type Cluster } from '../../src/compare/cluster-bootstrap.js';
import { compareMetrics, type PairedUnit } from '../../src/compare/metrics.js';
import { seededRandom } from '../../src/score/random.js';

const opts = (seed = 3) => ({ resamples: 20_000, alpha: 0.05, random: seededRandom(seed) });
const sdFromInterval = (low: number, high: number): number => (high - low) / (2 * 1.959963984540054);

/** `n` clusters of `size` units that all flip the same way (d per unit). */
const clusters = (n: number, size: number, d: number): Cluster[] => Array.from({ length: n }, () => ({ units: [size], diff: [size * d] }));

describe('paired cluster bootstrap', () => {
  it('pairs that always agree carry the information of one unit: the variance of 100 clusters, not 200 units', () => {
    // 100 clusters of 2 units: 15 both gained (d = +1), 5 both lost (d = -1), 80 ties. Accuracy diff 0.1.
    // Per cluster mean d: E[d] = 0.1, E[d²] = 0.2 → Var* = (0.2 - 0.01)/100 = 0.0019, SD = 0.04359
    // (as 200 independent units it would be SD = sqrt(0.19/200) = 0.03082: too narrow by √2).
    const all = [...clusters(15, 2, 1), ...clusters(5, 2, -1), ...clusters(80, 2, 0)];
    const r = clusterBootstrap([1], [{ leaves: [0], clusters: all }], opts());
    expect(r.estimate).toBeCloseTo(0.1, 12);
    expect(sdFromInterval(r.low, r.high)).toBeCloseTo(Math.sqrt(0.0019), 3);
  });

  it('single-unit clusters reduce to the unit bootstrap', () => {
    const all = [...clusters(30, 1, 1), ...clusters(10, 1, -1), ...clusters(160, 1, 0)];
    const r = clusterBootstrap([1], [{ leaves: [0], clusters: all }], opts());
    expect(sdFromInterval(r.low, r.high)).toBeCloseTo(Math.sqrt(0.00095), 3);
  });

  it('compareMetrics uses it only when a cluster holds several units, and is then more cautious than McNemar', () => {
    // 40 questions, each with a mirrored copy answered alike: 12 gained, 4 lost, 24 ties → 80 units.
    const units: PairedUnit[] = [];
    const outcomes: [boolean, boolean][] = [...Array(12).fill([false, true]), ...Array(4).fill([true, false]), ...Array(24).fill([true, true])];
    outcomes.forEach(([hitA, hitB], q) => {
      for (const side of ['', '-flip']) units.push({ key: `q${q}${side}`, hitA, hitB, fields: { qid: `q${q}${side}` } });
    });
    const specs = { metrics: [{ kind: 'accuracy' as const, name: 'Overall' }], primary: 'Overall' };
    const options = { alpha: 0.05, resamples: 5000, seed: 0, seedText: 'x' };
    const independent = compareMetrics(units, specs, options)[0];
    const clustered = compareMetrics(units, { ...specs, clusterOf: (u) => u.key.replace('-flip', '') }, options)[0];
    const singletons = compareMetrics(units, { ...specs, clusterOf: (u) => u.key }, options)[0];
    // McNemar on 80 "independent" units: b = 8, c = 24 → p = 2·P(X ≤ 8 | 32, ½) ≈ 0.0070.
    expect(independent?.test).toBe('mcnemar');
    expect(independent?.p).toBeCloseTo(0.0070, 4);
    expect(singletons?.test).toBe('mcnemar');
    expect(clustered?.test).toBe('cluster-bootstrap');
    expect(clustered?.diff).toBeCloseTo(independent?.diff ?? Number.NaN, 12);
    // Really 40 questions: b = 4, c = 12 → p ≈ 0.077 by McNemar on questions; the cluster bootstrap agrees it is not significant.
    expect(clustered?.p).toBeGreaterThan(0.05);
    expect((clustered?.high ?? 0) - (clustered?.low ?? 0)).toBeGreaterThan((independent?.high ?? 0) - (independent?.low ?? 0));
  });
});
