/**
 * Paired bootstrap over clusters of dependent units (a question and its mirrored image: a
 * checkpoint that gets one right usually gets the other right too). Counting them as independent
 * pairs, as McNemar and the unit bootstrap do, would make p-values too small; so whole clusters are
 * resampled, and each leaf accuracy is recomputed from the units the drawn clusters hold.
 */
import { randomInt } from '../score/random.js';
import { summarize, type BootstrapOptions, type BootstrapResult } from './bootstrap.js';

/** One cluster's share of each leaf it touches: its units there and their Σ (B − A). */
export interface Cluster {
  readonly units: readonly number[];
  readonly diff: readonly number[];
}

/**
 * Clusters touching the same leaves, resampled among themselves so every leaf keeps units in
 * every replicate (a leaf emptied by chance would leave a macro mean undefined).
 */
export interface ClusterStratum {
  /** Indices of the leaves every cluster here touches (aligned with Cluster.units / diff). */
  readonly leaves: readonly number[];
  readonly clusters: readonly Cluster[];
}

/** `coefs[k]`: the weight of leaf k's accuracy in the metric. */
export function clusterBootstrap(coefs: readonly number[], strata: readonly ClusterStratum[], opts: BootstrapOptions): BootstrapResult {
  const units = new Float64Array(coefs.length);
  const diff = new Float64Array(coefs.length);
  const metric = (): number => coefs.reduce((s, c, k) => s + (units[k] === 0 ? 0 : (c * (diff[k] ?? 0)) / (units[k] ?? 1)), 0);
  for (const st of strata) for (const c of st.clusters) add(st.leaves, c, units, diff);
  const estimate = metric();
  const replicates = new Float64Array(opts.resamples);
  for (let r = 0; r < opts.resamples; r++) {
    units.fill(0);
    diff.fill(0);
    for (const st of strata) {
      for (let i = 0; i < st.clusters.length; i++) add(st.leaves, st.clusters[randomInt(opts.random, st.clusters.length)] as Cluster, units, diff);
    }
    replicates[r] = metric();
  }
  return summarize(estimate, replicates, opts.alpha);
}

function add(leaves: readonly number[], c: Cluster, units: Float64Array, diff: Float64Array): void {
  leaves.forEach((k, j) => {
    units[k] = (units[k] ?? 0) + (c.units[j] ?? 0);
    diff[k] = (diff[k] ?? 0) + (c.diff[j] ?? 0);
  });
}
