import { readFile } from 'node:fs/promises';
import { InputError } from '../core/errors.js';
import type { RunMeta } from '../run/evaluate-dataset.js';
import { describeShardSet, type Shard, type ShardSet } from './spec.js';

/**
 * Refuses to add to a store that holds another part of the dataset (another shard, or all of it):
 * the store would then mix shards, and a merge could no longer tell which rows came from where.
 */
export async function checkStoredShard(metaFile: string, shard: Shard | undefined): Promise<void> {
  let stored: ShardSet | undefined;
  try {
    stored = (JSON.parse(await readFile(metaFile, 'utf8')) as Partial<RunMeta>).shard;
  } catch {
    return; // no run header yet: a fresh store
  }
  const wanted = shard === undefined ? undefined : `${shard.index}/${shard.count}`;
  const held = stored === undefined ? undefined : describeShardSet(stored);
  if (wanted === held) return;
  const holds = held === undefined ? 'an unsharded run' : `shard ${held}`;
  const run = wanted === undefined ? 'an unsharded run' : `a --shard ${wanted} run`;
  throw new InputError(`${metaFile}: this store holds ${holds}; ${run} needs its own --work-dir`);
}
