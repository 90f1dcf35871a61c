/**
 * Pure: paired units → one comparison per metric of a protocol. Plain accuracies (every unit of
 * the metric weighs the same) get the exact McNemar test and Newcombe's paired interval; weighted
 * metrics (macro means, means of means) get a stratified paired bootstrap.
 */
import type { MetricSpec } from '../benchmark/types.js';
import { seededRandom, seedFrom } from '../score/random.js';
import { pairedBootstrap, type Stratum } from './bootstrap.js';
import { linearMetrics, unitWeights, type UnitWeight } from './linear.js';
import { mcnemarExact, newcombePaired } from './paired-binary.js';

/** One unit scored under both checkpoints. */
export interface PairedUnit {
  readonly key: string;
  readonly hitA: boolean;
  readonly hitB: boolean;
  readonly fields: Readonly<Record<string, string>>;
}

export type TestKind = 'mcnemar' | 'bootstrap' | 'none';

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

export function compareMetrics(
  units: readonly PairedUnit[],
  protocol: { readonly metrics: readonly MetricSpec[]; readonly primary: string },
  opts: MetricOptions,
): MetricComparison[] {
  const rows: MetricComparison[] = [];
  for (const [name, linear] of linearMetrics(units, protocol.metrics)) {
    const primary = name === protocol.primary;
    const row = linear === null ? empty(name, primary) : compareWeighted(name, primary, units, unitWeights(linear), opts);
    if (primary) rows.unshift(row);
    else rows.push(row);
  }
  return rows;
}

function compareWeighted(name: string, primary: boolean, units: readonly PairedUnit[], weights: readonly UnitWeight[], opts: MetricOptions): MetricComparison {
  const flips = { gained: 0, lost: 0, bothRight: 0, bothWrong: 0 };
  let a = 0;
  let b = 0;
  for (const w of weights) {
    const u = units[w.position] as PairedUnit;
    if (u.hitA) a += w.weight;
    if (u.hitB) b += w.weight;
    if (u.hitA && u.hitB) flips.bothRight++;
    else if (u.hitA) flips.lost++;
    else if (u.hitB) flips.gained++;
    else flips.bothWrong++;
  }
  const base = { metric: name, primary, n: weights.length, ...flips };
  if (isPlainAccuracy(weights)) {
    const table = { a: flips.bothRight, b: flips.lost, c: flips.gained, d: flips.bothWrong };
    const n = weights.length;
    // Counts, not float sums: a plain accuracy prints exactly as the summary's.
    const [sa, sb] = [(table.a + table.b) / n, (table.a + table.c) / n];
    const ci = newcombePaired(table, opts.alpha);
    return { ...base, test: 'mcnemar', a: sa, b: sb, diff: sb - sa, low: ci.low, high: ci.high, p: mcnemarExact(table.b, table.c) };
  }
  const random = seededRandom(seedFrom(`${opts.seedText}\0${name}`, opts.seed));
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

function empty(metric: string, primary: boolean): MetricComparison {
  const nan = Number.NaN;
  return { metric, primary, test: 'none', n: 0, a: nan, b: nan, diff: nan, low: nan, high: nan, p: nan, gained: 0, lost: 0, bothRight: 0, bothWrong: 0 };
}
