import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import type { ShardSet } from '../workdir/header.js';

/** Defined by the run header's schema (the summary carries it too); the shard code imports it from here. */
export type { ShardSet };

/** `--shard i/N`: this process evaluates shard `index` (1-based) of `count`. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) {
    throw new InputError(`--shard ${text}: expected i/N with whole numbers 1 ≤ i ≤ N (e.g. --shard 2/3)`);
  }
  return { index, count };
}

export function shardLabel(shard: Shard): string {
  return `shard-${shard.index}-of-${shard.count}`;
}

/** Each shard gets its own work dir by default, so shards never share a store or a lock. */
export function defaultShardWorkDir(base: string, shard: Shard): string {
  return join(base, shardLabel(shard));
}

export function shardSetOf(shard: Shard): ShardSet {
  return { shards: [shard.index], of: shard.count };
}

export function describeShardSet(set: ShardSet): string {
  return `${set.shards.join('+')}/${set.of}`;
}
