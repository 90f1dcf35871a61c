import { createHash } from 'node:crypto';
import type { Sample } from '../core/types.js';
import type { Benchmark, Grouping } from '../benchmark/types.js';
import type { ScoringDataset } from '../config/data.js';
import { unitKey } from '../score/grouping.js';
import { primaryProtocol } from '../benchmark/protocols.js';
import type { Shard } from './spec.js';

/**
 * The rows that must share a shard: those a protocol scores as one unit (a circular question's
 * rotations, a 3DSRBench qid's rotations and mirror). Split across shards, such a group would be
 * scored from some of its rows in each shard's own report. The merged report is the same either way.
 */
export function shardGrouping(benchmark: Benchmark, circular: boolean): Grouping {
  const grouping = benchmark.shardGrouping ?? primaryProtocol(benchmark.protocols).grouping;
  return circular && grouping.kind === 'row' ? { kind: 'circular-index' } : grouping;
}

/**
 * Shard (1-based) of a sample: a hash of the dataset name and the sample's group key, so it depends
 * on neither row order, file layout nor the machine, and every dataset is split independently.
 */
export function shardOf(datasetName: string, groupKey: string, count: number): number {
  const digest = createHash('sha256').update(`${datasetName}\0${groupKey}`).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** The predicate inference uses to skip samples of other shards. */
export function inShard(shard: Shard, dataset: Pick<ScoringDataset, 'datasetName' | 'benchmark' | 'circular'>): (sample: Sample) => boolean {
  const grouping = shardGrouping(dataset.benchmark, dataset.circular);
  return (sample) => shardOf(dataset.datasetName, unitKey(grouping, sample.index, sample.fields), shard.count) === shard.index;
}
