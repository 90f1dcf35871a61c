import { InputError } from '../core/errors.js';
import type { RunHeader } from '../workdir/header.js';
import { describeShardSet, type Shard } from './spec.js';

/**
 * Refuses to add to a store that holds another part of the dataset (another shard, or all of it):
 * the store would then mix shards, and a merge could no longer tell which rows came from where.
 * `stored` is the store's run header (undefined for a fresh store).
 */
export function checkStoredShard(headerFile: string, stored: RunHeader | undefined, shard: Shard | undefined): void {
  if (stored === undefined) return;
  const wanted = shard === undefined ? undefined : `${shard.index}/${shard.count}`;
  const held = stored.shard === undefined ? undefined : describeShardSet(stored.shard);
  if (wanted === held) return;
  const holds = held === undefined ? 'an unsharded run' : `shard ${held}`;
  const run = wanted === undefined ? 'an unsharded run' : `a --shard ${wanted} run`;
  throw new InputError(`${headerFile}: this store holds ${holds}; ${run} needs its own --work-dir`);
}
