import type { Grouping, MetricSpec, UnitFilter } from '../benchmark/types.js';
import type { ScoredItem } from '../workdir/scores.js';
import { bootstrap, clusterIds, clustered, observedCounts, percentileInterval, strataOf, type Stratum, type StratumCounts } from './bootstrap.js';
import { unitKey } from './grouping.js';
import { metricsFromTallies, unitTallies, type MetricResults, type Tallies, type Tally } from './metrics.js';
import { seededRandom, seedFrom } from './random.js';
import { confusionInterval } from './confusion-interval.js';
import { wilson } from './wilson.js';

/**
 * A confidence interval for every metric a protocol reports. The method follows from the metric's
 * recipe and from whether its units are independent:
 *
 * - `accuracy` and `per-value` over independent units → Wilson on (hits, units). When the protocol
 *   groups rows (circular rotations, qid groups), the units are the groups: one right/wrong value
 *   per group, and groups are the independent draws (each is a distinct question), so Wilson on
 *   groups is right as it stands: the dependence between rotations lives inside a unit, where the
 *   all-rotations-right rule has already absorbed it. No bootstrap needed.
 * - the same over clustered units (the protocol declares `cluster`, e.g. a question and its mirror,
 *   and some cluster holds two units) → cluster bootstrap: Wilson would count a cluster's units as
 *   independent evidence and come out too narrow.
 * - `macro` (unweighted mean of per-value accuracies) and `mean` (of earlier metrics) → percentile
 *   bootstrap, stratified by the fields their parts read: each per-value accuracy is resampled
 *   within its own value, its size held fixed. That mirrors how benchmarks are built (a fixed
 *   number of questions per subtask), keeps every part defined in every replicate (an unstratified
 *   resample could leave a small subtask empty and the macro undefined), and lets all parts of a
 *   `mean` come from one joint resample. Clustered units make it a cluster bootstrap. Known limit
 *   of the percentile bootstrap: a stratum at 0% or 100% never varies in resamples, so a macro over
 *   tiny, all-or-nothing strata comes out too narrow (the per-value Wilson intervals do not).
 *   A `mean` of one metric is that metric and takes its interval.
 * - per-row ("vanilla") accuracy of a grouped protocol → cluster bootstrap by group: the rotations
 *   of one question are answered alike far more often than independent rows would be.
 * - any of these over units with partial credit (a number's mean relative accuracy) → percentile
 *   bootstrap of the mean credit: Wilson's formula is for right/wrong counts only.
 *
 * Each metric draws from its own stream, seeded by `${protocol}/${metric}`, so an interval never
 * depends on which other metrics were computed, or in what order.
 */
export type IntervalMethod = 'wilson' | 'bootstrap' | 'cluster-bootstrap';

export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly method: IntervalMethod;
}

export interface CiSettings {
  /** Two-sided confidence level. */
  readonly level: number;
  /** Bootstrap replicates. */
  readonly bootstrap: number;
  /** Base seed, mixed into every metric's stream. */
  readonly seed: number;
}

export const DEFAULT_CI: CiSettings = { level: 0.95, bootstrap: 2000, seed: 0 };

/** Metric name → interval (null where the metric is NaN), for the names `metrics` holds. */
export type MetricIntervals = ReadonlyMap<string, Interval | null>;

export interface IntervalInput {
  readonly protocol: string;
  readonly units: readonly ScoredItem[];
  readonly specs: readonly MetricSpec[];
  readonly metrics: MetricResults;
  /** The units' tallies when the caller has them already (computing the metrics needed them). */
  readonly tallies?: Tallies;
  /** Cluster of a unit when the protocol declares dependent units. */
  readonly clusterOf: ((u: ScoredItem) => string) | undefined;
  readonly ci: CiSettings;
}

/** Where a reported metric comes from: the last spec that set it (later specs overwrite). */
interface Origin {
  readonly index: number;
  readonly spec: MetricSpec;
  /** Fields its value reads (a `mean` reads those of its parts). */
  readonly fields: readonly string[];
  /** The units a single accuracy is over, when not all. */
  readonly domain?: UnitFilter;
}

export function metricIntervals(input: IntervalInput): MetricIntervals {
  const tallies = input.tallies ?? unitTallies(input.units);
  const origins = originsOf(input.specs, tallies);
  const strata = strataCache(input.units, input.clusterOf);
  const partial = partialCache(input.units);
  const out = new Map<string, Interval | null>();
  for (const [name, metric] of input.metrics) {
    const origin = origins.get(name);
    const same = origin === undefined ? undefined : sameAs(origin, origins);
    if (same !== undefined && out.has(same)) out.set(name, out.get(same) ?? null);
    else out.set(name, origin === undefined || Number.isNaN(metric.value) ? null : intervalOf(name, origin, tallies, strata, input, partial));
  }
  return out;
}

/**
 * A `mean` of one metric is that metric (CV-Bench's 3D = mean(Omni3D)): it gets the same interval,
 * not a bootstrap that would disagree with it. Only when that metric's value is the one the mean read.
 */
function sameAs(origin: Origin, origins: ReadonlyMap<string, Origin>): string | undefined {
  if (origin.spec.kind !== 'mean' || origin.spec.of.length !== 1) return undefined;
  const part = origin.spec.of[0] as string;
  const partOrigin = origins.get(part);
  return partOrigin !== undefined && partOrigin.index < origin.index ? part : undefined;
}

/** Per-row accuracy of rows resampled by cluster (ids aligned with the rows; Wilson when no cluster holds two rows). */
export function clusteredAccuracyInterval(protocol: string, name: string, rows: readonly ScoredItem[], clusters: Int32Array, ci: CiSettings): Interval | null {
  return proportionInterval(`${protocol}/${name}`, strataOf(rows, [], clusters), ci, rows.some((r) => r.credit !== undefined));
}

export type RowClusters = (rows: readonly ScoredItem[], grouping: Grouping) => Int32Array;

/**
 * Cluster ids of rows, shared by the protocols of one evaluation: their rows are the same records
 * in the same order (only the extraction differs), so one pass per grouping serves them all
 * (checked, not assumed). Keys can be regex rewrites over 100k rows.
 */
export function rowClusterCache(): RowClusters {
  const cache = new Map<string, { rows: readonly ScoredItem[]; ids: Int32Array }>();
  return (rows, grouping) => {
    const signature = JSON.stringify(grouping, (_, v: unknown) => (v instanceof RegExp ? v.toString() : v));
    const hit = cache.get(signature);
    if (hit !== undefined && hit.rows.length === rows.length && hit.rows.every((r, i) => r.index === rows[i]?.index)) return hit.ids;
    const ids = clusterIds(rows, (r) => unitKey(grouping, r.index, r.fields));
    cache.set(signature, { rows, ids });
    return ids;
  };
}

type StrataBy = (fields: readonly string[]) => readonly Stratum[];

/** Whether some unit of a metric's domain (all units, or those with a field's value) has partial credit. */
type PartialIn = (domain: UnitFilter | undefined) => boolean;

function partialCache(units: readonly ScoredItem[]): PartialIn {
  const partial = units.filter((u) => u.credit !== undefined);
  const cache = new Map<string, boolean>();
  return (d) => {
    if (partial.length === 0) return false;
    if (d === undefined) return true;
    const key = `${d.field}\0${d.value}`;
    let found = cache.get(key);
    if (found === undefined) cache.set(key, (found = partial.some((u) => u.fields[d.field] === d.value)));
    return found;
  };
}

function intervalOf(name: string, origin: Origin, tallies: Tallies, strataBy: StrataBy, input: IntervalInput, partialIn: PartialIn): Interval | null {
  const stream = `${input.protocol}/${name}`;
  const spec = origin.spec;
  const d = origin.domain;
  if (spec.kind === 'precision-recall-f1') return confusionInterval(input.units, spec, name, input.clusterOf !== undefined, stream, input.ci);
  if (spec.kind === 'accuracy' || spec.kind === 'per-value') {
    const partial = partialIn(d);
    if (input.clusterOf === undefined && !partial) return wilsonOf(d === undefined ? tallies.overall : tallies.byValue(d.field).get(d.value), input.ci.level);
    // The units of one value are one stratum of the strata by its field.
    return proportionInterval(stream, d === undefined ? strataBy([]) : strataBy([d.field]).filter((s) => s.fields[d.field] === d.value), input.ci, partial);
  }
  // A macro reads only its listed values: other strata would only cost draws.
  const listed = spec.kind === 'macro' && spec.values !== undefined ? new Set(spec.values) : undefined;
  const field = spec.kind === 'macro' ? spec.field : '';
  const all = strataBy(origin.fields);
  const strata = listed === undefined ? all : all.filter((s) => listed.has(s.fields[field] ?? '\0'));
  const recipe = input.specs.slice(0, origin.index + 1);
  const statistic = (c: StratumCounts): number => metricsFromTallies(stratumTallies(strata, c), recipe).get(name)?.value ?? Number.NaN;
  return percentile(strata, statistic, stream, input.ci);
}

/**
 * A proportion over one stratum (or none): Wilson when its clusters are single right/wrong units,
 * else a (cluster) bootstrap.
 */
function proportionInterval(stream: string, strata: readonly Stratum[], ci: CiSettings, partial: boolean): Interval | null {
  const observed = observedCounts(strata);
  if (strata.length !== 1 || (!clustered(strata) && !partial)) return wilsonOf({ n: observed.n[0] ?? 0, hits: observed.hits[0] ?? 0 }, ci.level);
  return percentile(strata, (c) => (c.hits[0] as number) / (c.n[0] as number), stream, ci);
}

/** Strata of the units by a set of fields, built once per set (per-value metrics share theirs). */
function strataCache(units: readonly ScoredItem[], clusterOf: ((u: ScoredItem) => string) | undefined): StrataBy {
  const cache = new Map<string, readonly Stratum[]>();
  let ids: Int32Array | undefined;
  return (fields) => {
    const key = fields.join('\0');
    let strata = cache.get(key);
    if (strata === undefined) {
      // Cluster keys can be regex rewrites: each unit's is computed once, on first need.
      if (clusterOf !== undefined && ids === undefined) ids = clusterIds(units, clusterOf);
      cache.set(key, (strata = strataOf(units, fields, ids)));
    }
    return strata;
  };
}

function wilsonOf(t: Tally | undefined, level: number): Interval | null {
  const b = t === undefined ? null : wilson(t.hits, t.n, level);
  return b === null ? null : { ...b, method: 'wilson' };
}

function percentile(strata: readonly Stratum[], statistic: (c: StratumCounts) => number, stream: string, ci: CiSettings): Interval | null {
  if (strata.length === 0) return null;
  const replicates = bootstrap(strata, ci.bootstrap, seededRandom(seedFrom(stream, ci.seed)), statistic);
  const { lo, hi } = percentileInterval(replicates, ci.level);
  if (Number.isNaN(lo) || Number.isNaN(hi)) return null;
  return { lo, hi, method: clustered(strata) ? 'cluster-bootstrap' : 'bootstrap' };
}

/** Tallies of one replicate: overall, and per value of a field, summed over the strata. */
function stratumTallies(strata: readonly Stratum[], c: StratumCounts): Tallies {
  let n = 0;
  let hits = 0;
  for (let i = 0; i < strata.length; i++) {
    n += c.n[i] as number;
    hits += c.hits[i] as number;
  }
  return {
    overall: { n, hits },
    byValue: (field) => {
      const out = new Map<string, { n: number; hits: number }>();
      strata.forEach((s, i) => {
        const v = s.fields[field];
        if (v === undefined) return;
        const t = out.get(v);
        if (t === undefined) out.set(v, { n: c.n[i] as number, hits: c.hits[i] as number });
        else {
          t.n += c.n[i] as number;
          t.hits += c.hits[i] as number;
        }
      });
      return out;
    },
  };
}

function originsOf(specs: readonly MetricSpec[], tallies: Tallies): Map<string, Origin> {
  const out = new Map<string, Origin>();
  specs.forEach((spec, index) => {
    switch (spec.kind) {
      case 'accuracy':
        out.set(spec.name, spec.where === undefined ? { index, spec, fields: [] } : { index, spec, fields: [spec.where.field], domain: spec.where });
        break;
      case 'per-value': {
        const values = spec.values ?? [...tallies.byValue(spec.field).keys()];
        for (const value of values) out.set(value, { index, spec, fields: [spec.field], domain: { field: spec.field, value } });
        break;
      }
      case 'macro':
      case 'chance-adjusted':
        out.set(spec.name, { index, spec, fields: [spec.field] });
        break;
      case 'mean': {
        const fields = new Set(spec.of.flatMap((name) => out.get(name)?.fields ?? []));
        out.set(spec.name, { index, spec, fields: [...fields].sort() });
        break;
      }
      case 'precision-recall-f1':
        for (const name of [spec.precision, spec.recall, spec.f1]) out.set(name, { index, spec, fields: [] });
        break;
      // No origin, so no interval: a formula over units is no function of the resampled tallies.
      case 'formula':
        break;
    }
  });
  return out;
}
