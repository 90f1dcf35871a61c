import { InputError } from '../core/errors.js';
import { stableJson } from '../core/hash.js';
import { CURRENT_FORMATS, type RunHeader } from '../workdir/header.js';
import { describeShardSet, type ShardSet } from './spec.js';
import type { StoredPart } from './stores.js';

/** How the shards of one (model, dataset) combine. */
export interface PairPlan {
  readonly model: string;
  readonly dataset: string;
  /** In shard order, so the merged store is the same whatever order the dirs were named in. */
  readonly parts: readonly StoredPart[];
  /** The merged run header: the first shard's, with summed dataset_rows and no shard unless some are missing. */
  readonly meta: RunHeader;
  /** Shards absent (only with --allow-missing). */
  readonly missing: readonly number[];
  /** Parts whose run did not stream the whole shard (interrupted), so the dataset size is unknown. */
  readonly unsized: readonly StoredPart[];
}

/**
 * Everything a merged report takes from the run headers must agree between shards, or the merged
 * summary would claim one config, dataset file, model or setting for rows produced under another.
 * `dataset_file` may differ (machines mount data at different paths); its fingerprint may not.
 */
const MUST_AGREE: readonly (keyof RunHeader)[] = [
  'benchmark', 'dataset_name', 'circular', 'extract', 'settings', 'endpoint_model', 'dataset_fingerprint', 'config_hash',
];

/** Groups the stores of all shard dirs by (model, dataset) and checks each group can be merged. */
export function planMerge(parts: readonly StoredPart[], allowMissing: boolean): PairPlan[] {
  const byPair = new Map<string, StoredPart[]>();
  for (const p of parts) {
    const key = `${p.model}\0${p.dataset}`;
    byPair.set(key, [...(byPair.get(key) ?? []), p]);
  }
  return [...byPair.keys()].sort().map((key) => planPair(byPair.get(key) ?? [], allowMissing));
}

function planPair(unordered: readonly StoredPart[], allowMissing: boolean): PairPlan {
  const parts = [...unordered].sort((a, b) => firstShard(a) - firstShard(b));
  const first = parts[0] as StoredPart;
  const name = `${first.model} × ${first.dataset}`;
  const of = shardSet(first).of;
  const owner = new Map<number, StoredPart>();
  for (const p of parts) {
    const set = shardSet(p);
    if (set.of !== of) throw new InputError(`${name}: ${where(first)} is a shard of ${of} but ${where(p)} a shard of ${set.of}; merge shards of one split`);
    for (const s of set.shards) {
      const other = owner.get(s);
      if (other !== undefined) throw new InputError(`${name}: shard ${s}/${of} is in both ${other.dir} and ${p.dir} (overlap); merge each shard once`);
      owner.set(s, p);
    }
  }
  for (const field of MUST_AGREE) {
    const differing = parts.find((p) => stableJson(p.meta[field]) !== stableJson(first.meta[field]));
    if (differing !== undefined) {
      throw new InputError(
        `${name}: mismatched ${field} between shards: ${where(first)} has ${show(first.meta[field])}, ${where(differing)} has ${show(differing.meta[field])}; merge only shards of one run`,
      );
    }
  }
  const missing = Array.from({ length: of }, (_, i) => i + 1).filter((s) => !owner.has(s));
  if (missing.length > 0 && !allowMissing) {
    const have = [...owner.keys()].sort((a, b) => a - b).join(', ');
    throw new InputError(`${name}: shard(s) ${missing.join(', ')} of ${of} missing (have ${have}); run them, or pass --allow-missing for a partial merge`);
  }
  const unsized = parts.filter((p) => typeof p.meta.dataset_rows !== 'number');
  return { model: first.model, dataset: first.dataset, parts, meta: mergedMeta(first.meta, parts, unsized.length === 0, missing.length === 0 ? undefined : [...owner.keys()]), missing, unsized };
}

/** An unsharded run's header when every shard is there, so the two are alike byte for byte. */
function mergedMeta(first: RunHeader, parts: readonly StoredPart[], sized: boolean, present: number[] | undefined): RunHeader {
  const { shard, dataset_rows, ...rest } = first;
  const rows = parts.reduce((n, p) => n + (p.meta.dataset_rows ?? 0), 0);
  return {
    ...rest,
    // This version writes the merged store, and the merge's scoring follows at once.
    formats: CURRENT_FORMATS,
    ...(sized ? { dataset_rows: rows } : {}),
    ...(present !== undefined && shard !== undefined ? { shard: { shards: present.sort((a, b) => a - b), of: shard.of } } : {}),
  };
}

function shardSet(p: StoredPart): ShardSet {
  const s = p.meta.shard;
  if (s === undefined) throw new InputError(`${p.metaFile}: not a shard (no "shard" in its run header); merge takes the work dirs of --shard runs`);
  return s;
}

function firstShard(p: StoredPart): number {
  return Math.min(...shardSet(p).shards);
}

function where(p: StoredPart): string {
  return `shard ${describeShardSet(shardSet(p))} (${p.dir})`;
}

function show(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}
