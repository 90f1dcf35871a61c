/**
 * Pure: paired units → one comparison per metric of a protocol. Plain accuracies (every unit of
 * the metric weighs the same) get the exact McNemar test and Newcombe's paired interval; weighted
 * metrics (macro means, means of means) get a stratified paired bootstrap; metrics over units that
 * depend on one another (clusters of several units) get a paired cluster bootstrap.
 */
import type { MetricSpec } from '../benchmark/types.js';
import { seededRandom, seedFrom } from '../score/random.js';
import { pairedBootstrap, type Stratum } from './bootstrap.js';
import { clusterBootstrap, type ClusterStratum } from './cluster-bootstrap.js';
import { linearMetrics, metricLeaves, unitWeights, type Term, type UnitWeight } from './linear.js';
import { mcnemarExact, newcombePaired } from './paired-binary.js';

/** One unit scored under both checkpoints. */
export interface PairedUnit {
  readonly key: string;
  readonly hitA: boolean;
  readonly hitB: boolean;
  /** Partial credit of each side, when the protocol scores by degree (MRA); else hits count 1. */
  readonly creditA?: number;
  readonly creditB?: number;
  readonly fields: Readonly<Record<string, string>>;
}

export type TestKind = 'mcnemar' | 'bootstrap' | 'cluster-bootstrap' | 'none';

/** Scores are fractions; NaN where the metric has no units. */
export interface MetricComparison {
  readonly metric: string;
  readonly primary: boolean;
  readonly test: TestKind;
  /** Units with weight in the metric. */
  readonly n: number;
  readonly a: number;
  readonly b: number;
  /** B − A. */
  readonly diff: number;
  readonly low: number;
  readonly high: number;
  readonly p: number;
  /** Units only B got right / only A got right / both / neither. */
  readonly gained: number;
  readonly lost: number;
  readonly bothRight: number;
  readonly bothWrong: number;
}

export interface MetricOptions {
  readonly alpha: number;
  readonly resamples: number;
  /** Seeds each metric's bootstrap stream together with its name: same input, same bytes. */
  readonly seed: number;
  readonly seedText: string;
}

export interface ProtocolSpec {
  readonly metrics: readonly MetricSpec[];
  readonly primary: string;
  /** Units sharing a key are not independent (the protocol's `cluster`); absent: all independent. */
  readonly clusterOf?: ((u: PairedUnit) => string) | undefined;
}

export function compareMetrics(units: readonly PairedUnit[], protocol: ProtocolSpec, opts: MetricOptions): MetricComparison[] {
  const rows: MetricComparison[] = [];
  for (const [name, linear] of linearMetrics(units, protocol.metrics)) {
    const primary = name === protocol.primary;
    const row = linear === null ? empty(name, primary) : compareWeighted(name, primary, units, linear, protocol.clusterOf, opts);
    if (primary) rows.unshift(row);
    else rows.push(row);
  }
  return rows;
}

function compareWeighted(
  name: string,
  primary: boolean,
  units: readonly PairedUnit[],
  linear: readonly Term[],
  clusterOf: ProtocolSpec['clusterOf'],
  opts: MetricOptions,
): MetricComparison {
  const weights = unitWeights(linear);
  const flips = { gained: 0, lost: 0, bothRight: 0, bothWrong: 0 };
  let a = 0;
  let b = 0;
  let partial = false;
  for (const w of weights) {
    const u = units[w.position] as PairedUnit;
    const [ca, cb] = credits(u);
    a += w.weight * ca;
    b += w.weight * cb;
    if (u.creditA !== undefined || u.creditB !== undefined) partial = true;
    if (u.hitA && u.hitB) flips.bothRight++;
    else if (u.hitA) flips.lost++;
    else if (u.hitB) flips.gained++;
    else flips.bothWrong++;
  }
  const base = { metric: name, primary, n: weights.length, ...flips };
  const random = seededRandom(seedFrom(`${opts.seedText}\0${name}`, opts.seed));
  // Partial credit has no exact test: each unit is then its own cluster of the paired bootstrap.
  const clusters = clusterOf === undefined && !partial ? undefined : clusterStrata(units, weights, clusterOf ?? ((u) => u.key), partial);
  if (clusters !== undefined) {
    const coefs = metricLeaves(linear).map((t) => t.coef);
    const boot = clusterBootstrap(coefs, clusters, { resamples: opts.resamples, alpha: opts.alpha, random });
    return { ...base, test: clusterOf === undefined ? 'bootstrap' : 'cluster-bootstrap', a, b, diff: b - a, low: boot.low, high: boot.high, p: boot.p };
  }
  if (isPlainAccuracy(weights)) {
    const table = { a: flips.bothRight, b: flips.lost, c: flips.gained, d: flips.bothWrong };
    const n = weights.length;
    // Counts, not float sums: a plain accuracy prints exactly as the summary's.
    const [sa, sb] = [(table.a + table.b) / n, (table.a + table.c) / n];
    const ci = newcombePaired(table, opts.alpha);
    return { ...base, test: 'mcnemar', a: sa, b: sb, diff: sb - sa, low: ci.low, high: ci.high, p: mcnemarExact(table.b, table.c) };
  }
  const boot = pairedBootstrap(strata(units, weights), { resamples: opts.resamples, alpha: opts.alpha, random });
  return { ...base, test: 'bootstrap', a, b, diff: b - a, low: boot.low, high: boot.high, p: boot.p };
}

function isPlainAccuracy(weights: readonly UnitWeight[]): boolean {
  const first = weights[0]?.weight ?? 0;
  return weights.every((w) => Math.abs(w.weight - first) <= 1e-12 * first);
}

/** Units grouped by the leaves they belong to, in first-seen order (stable bootstrap draws). */
function strata(units: readonly PairedUnit[], weights: readonly UnitWeight[]): Stratum[] {
  const byKey = new Map<string, { weight: number; size: number; plus: number; minus: number }>();
  for (const w of weights) {
    const u = units[w.position] as PairedUnit;
    let s = byKey.get(w.stratum);
    if (s === undefined) byKey.set(w.stratum, (s = { weight: w.weight, size: 0, plus: 0, minus: 0 }));
    s.size++;
    if (u.hitB && !u.hitA) s.plus++;
    if (u.hitA && !u.hitB) s.minus++;
  }
  return [...byKey.values()];
}

/**
 * The metric's units grouped by cluster, clusters grouped by the leaves they touch; undefined when
 * every cluster holds a single unit (independent units: the exact tests apply).
 */
function clusterStrata(units: readonly PairedUnit[], weights: readonly UnitWeight[], clusterOf: (u: PairedUnit) => string, partial: boolean): ClusterStratum[] | undefined {
  const clusters = new Map<string, Map<number, { units: number; diff: number }>>();
  let shared = false;
  for (const w of weights) {
    const u = units[w.position] as PairedUnit;
    const key = clusterOf(u);
    let cells = clusters.get(key);
    if (cells === undefined) clusters.set(key, (cells = new Map()));
    else shared = true;
    const [ca, cb] = credits(u);
    const d = cb - ca;
    for (const k of w.leaves) {
      const cell = cells.get(k) ?? { units: 0, diff: 0 };
      cells.set(k, { units: cell.units + 1, diff: cell.diff + d });
    }
  }
  if (!shared && !partial) return undefined;
  const strata = new Map<string, { leaves: number[]; clusters: { units: number[]; diff: number[] }[] }>();
  for (const cells of clusters.values()) {
    const leaves = [...cells.keys()].sort((x, y) => x - y);
    const key = leaves.join(',');
    let st = strata.get(key);
    if (st === undefined) strata.set(key, (st = { leaves, clusters: [] }));
    st.clusters.push({ units: leaves.map((k) => cells.get(k)?.units ?? 0), diff: leaves.map((k) => cells.get(k)?.diff ?? 0) });
  }
  return [...strata.values()];
}

/** Each side's credit of a unit: its partial credit, else 1 for a hit, 0 for a miss. */
function credits(u: PairedUnit): [number, number] {
  return [u.creditA ?? (u.hitA ? 1 : 0), u.creditB ?? (u.hitB ? 1 : 0)];
}

function empty(metric: string, primary: boolean): MetricComparison {
  const nan = Number.NaN;
  return { metric, primary, test: 'none', n: 0, a: nan, b: nan, diff: nan, low: nan, high: nan, p: nan, gained: 0, lost: 0, bothRight: 0, bothWrong: 0 };
}
