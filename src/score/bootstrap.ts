import type { ScoredItem } from '../workdir/scores.js';
import { creditOf } from './credit.js';
import { unitField } from './unit-fields.js';
import { sampleMultinomial } from './binomial.js';
import type { Random } from './random.js';

/**
 * A stratified cluster bootstrap of hit counts that never materialises a resample.
 *
 * Units are split into strata (the values of some fields) and, within a stratum, into clusters
 * (units resampled together: the rows of a circular group, a question and its mirror). A
 * resample draws as many clusters as the stratum has, with replacement. All that matters for an
 * accuracy is how many units and hits the drawn clusters hold, so clusters are grouped into kinds
 * by (units, hits): the number drawn of each kind is Multinomial(clusters; kind shares), and a
 * replicate costs O(strata × kinds) exact draws (binomial.ts) whatever the number of units.
 * Independent units are one-unit clusters: two kinds (hit, miss), i.e. Binomial(n, h/n) hits.
 */
export interface Stratum {
  /** The stratum's value of each stratifying field (absent when its units lack the field). */
  readonly fields: Readonly<Record<string, string>>;
  readonly clusters: number;
  /** Per kind of cluster, in (units, hits) order: its units, its hits, how many clusters are of it. */
  readonly units: Float64Array;
  readonly hits: Float64Array;
  readonly counts: Float64Array;
}

/** Counts of one replicate (or of the data), one entry per stratum in `strataOf` order. */
export interface StratumCounts {
  readonly n: Float64Array;
  readonly hits: Float64Array;
}

const SEP = '\u001f';
const MISSING = '\u001e';

/**
 * Dense cluster ids of `units` (aligned with them), computed once per protocol: cluster keys can be
 * regex rewrites, and every stratification of the same units reuses the ids.
 */
export function clusterIds(units: readonly ScoredItem[], clusterOf: (u: ScoredItem) => string): Int32Array {
  const ids = new Map<string, number>();
  const out = new Int32Array(units.length);
  for (let i = 0; i < units.length; i++) {
    const key = clusterOf(units[i] as ScoredItem);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    out[i] = id;
  }
  return out;
}

/**
 * Strata of `units` by `fields`; clusters by `clusters` (ids aligned with `units`, from
 * `clusterIds`), each unit its own cluster when absent. Strata and kinds are sorted, so the
 * bootstrap does not depend on the order of the units. A cluster whose units fall in two strata is
 * split at the boundary (its parts are then resampled independently): the rotations and mirror of
 * a question share its category, so this does not arise in the benchmarks we know.
 */
export function strataOf(units: readonly ScoredItem[], fields: readonly string[], clusters?: Int32Array): Stratum[] {
  const index = new Map<string, number>();
  const building: Building[] = [];
  const stratumOf = new Int32Array(units.length);
  for (let i = 0; i < units.length; i++) {
    const u = units[i] as ScoredItem;
    const key = stratumKey(u, fields);
    let s = index.get(key);
    if (s === undefined) {
      index.set(key, (s = building.length));
      building.push({ key, fields: stratumFields(u, fields), n: 0, hits: 0, partial: false, kinds: new Map() });
    }
    stratumOf[i] = s;
    const b = building[s] as Building;
    b.n++;
    b.hits += creditOf(u);
    if (u.credit !== undefined) b.partial = true;
  }
  if (clusters === undefined) {
    for (const b of building) {
      if (b.partial) continue;
      // A right/wrong unit is a (1, hit) cluster: two kinds, counted above.
      addKind(b, 1, 0, b.n - b.hits, 2);
      addKind(b, 1, 1, b.hits, 2);
    }
    if (building.some((b) => b.partial)) addCreditKinds(units, stratumOf, building);
  } else addClusterKinds(units, clusters, stratumOf, building);
  return building.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map(toStratum);
}

interface Building {
  readonly key: string;
  readonly fields: Record<string, string>;
  n: number;
  /** Summed credit: hits for right/wrong units. */
  hits: number;
  /** Some unit has partial credit: its kinds are (1, credit) per distinct credit. */
  partial: boolean;
  readonly kinds: Map<number, { n: number; hits: number; count: number }>;
}

/** Independent units with partial credit: one kind per distinct credit of the stratum. */
function addCreditKinds(units: readonly ScoredItem[], stratumOf: Int32Array, building: Building[]): void {
  const counts = building.map(() => new Map<number, number>());
  for (let i = 0; i < units.length; i++) {
    const s = stratumOf[i] as number;
    if (!(building[s] as Building).partial) continue;
    const credit = creditOf(units[i] as ScoredItem);
    const m = counts[s] as Map<number, number>;
    m.set(credit, (m.get(credit) ?? 0) + 1);
  }
  building.forEach((b, s) => {
    for (const [credit, count] of counts[s] as Map<number, number>) addKind(b, 1, credit, count, 2);
  });
}

function stratumKey(u: ScoredItem, fields: readonly string[]): string {
  if (fields.length === 0) return '';
  if (fields.length === 1) return unitField(u, fields[0] as string) ?? MISSING;
  return fields.map((f) => unitField(u, f) ?? MISSING).join(SEP);
}

/**
 * Units and hits of each (cluster, stratum) piece, then how many pieces of each kind a stratum has.
 * A cluster's piece is found by its id; only a cluster met again in another stratum needs a map.
 */
function addClusterKinds(units: readonly ScoredItem[], clusters: Int32Array, stratumOf: Int32Array, building: Building[]): void {
  let clusterCount = 0;
  for (const c of clusters) if (c >= clusterCount) clusterCount = c + 1;
  const pieceOfCluster = new Int32Array(clusterCount).fill(-1);
  const crossing = new Map<number, number>();
  const pieceN = new Int32Array(units.length);
  const pieceHits = new Float64Array(units.length);
  const pieceStratum = new Int32Array(units.length);
  let pieces = 0;
  for (let i = 0; i < units.length; i++) {
    const c = clusters[i] as number;
    const s = stratumOf[i] as number;
    let p = pieceOfCluster[c] as number;
    if (p === -1) {
      pieceOfCluster[c] = p = pieces++;
      pieceStratum[p] = s;
    } else if (pieceStratum[p] !== s) {
      const key = c * building.length + s;
      let q = crossing.get(key);
      if (q === undefined) {
        crossing.set(key, (q = pieces++));
        pieceStratum[q] = s;
      }
      p = q;
    }
    pieceN[p] = (pieceN[p] as number) + 1;
    pieceHits[p] = (pieceHits[p] as number) + creditOf(units[i] as ScoredItem);
  }
  // A piece has at most units.length units, so n·(length + 1) + hits keys kinds exactly.
  for (let p = 0; p < pieces; p++) addKind(building[pieceStratum[p] as number] as Building, pieceN[p] as number, pieceHits[p] as number, 1, units.length + 1);
}

/** Kinds are keyed by n·base + hits, with hits < base (hits may be a fractional credit sum). */
function addKind(b: Building, n: number, hits: number, count: number, base: number): void {
  if (count === 0) return;
  const key = n * base + hits;
  const kind = b.kinds.get(key);
  if (kind === undefined) b.kinds.set(key, { n, hits, count });
  else kind.count += count;
}

function stratumFields(u: ScoredItem, fields: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of fields) {
    const v = unitField(u, f);
    if (v !== undefined) out[f] = v;
  }
  return out;
}

function toStratum(b: Building): Stratum {
  const sorted = [...b.kinds.values()].sort((x, y) => x.n - y.n || x.hits - y.hits);
  return {
    fields: b.fields,
    clusters: sorted.reduce((k, kind) => k + kind.count, 0),
    units: Float64Array.from(sorted, (k) => k.n),
    hits: Float64Array.from(sorted, (k) => k.hits),
    counts: Float64Array.from(sorted, (k) => k.count),
  };
}

/** True when some cluster holds more than one unit (so units are not independent). */
export function clustered(strata: readonly Stratum[]): boolean {
  return strata.some((s) => s.units.some((n) => n > 1));
}

/** The observed counts per stratum. */
export function observedCounts(strata: readonly Stratum[]): StratumCounts {
  const n = new Float64Array(strata.length);
  const hits = new Float64Array(strata.length);
  strata.forEach((s, i) => {
    for (let k = 0; k < s.counts.length; k++) {
      n[i] = (n[i] as number) + (s.counts[k] as number) * (s.units[k] as number);
      hits[i] = (hits[i] as number) + (s.counts[k] as number) * (s.hits[k] as number);
    }
  });
  return { n, hits };
}

/** `replicates` values of `statistic` over bootstrap resamples of the strata. */
export function bootstrap(strata: readonly Stratum[], replicates: number, random: Random, statistic: (counts: StratumCounts) => number): Float64Array {
  const out = new Float64Array(replicates);
  const counts: StratumCounts = { n: new Float64Array(strata.length), hits: new Float64Array(strata.length) };
  const drawn = new Float64Array(Math.max(1, ...strata.map((s) => s.counts.length)));
  for (let r = 0; r < replicates; r++) {
    strata.forEach((s, i) => {
      sampleMultinomial(random, s.clusters, s.counts, drawn);
      let n = 0;
      let hits = 0;
      for (let k = 0; k < s.counts.length; k++) {
        n += (drawn[k] as number) * (s.units[k] as number);
        hits += (drawn[k] as number) * (s.hits[k] as number);
      }
      counts.n[i] = n;
      counts.hits[i] = hits;
    });
    out[r] = statistic(counts);
  }
  return out;
}

/**
 * The percentile interval: the ⌈B·α/2⌉-th and ⌈B·(1−α/2)⌉-th smallest replicates (the inverse
 * of their empirical distribution at α/2 and 1−α/2), with α = 1 − level.
 */
export function percentileInterval(replicates: Float64Array, level: number): { lo: number; hi: number } {
  const sorted = Float64Array.from(replicates).sort();
  const B = sorted.length;
  const alpha = 1 - level;
  // The tolerance absorbs rounding in B·α/2 (2000 × 0.025 comes out as 50.00000000000004).
  const rank = (q: number): number => Math.min(B, Math.max(1, Math.ceil(B * q - 1e-9)));
  return { lo: sorted[rank(alpha / 2) - 1] as number, hi: sorted[rank(1 - alpha / 2) - 1] as number };
}
