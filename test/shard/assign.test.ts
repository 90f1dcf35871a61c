import { describe, expect, it } from 'vitest';
import type { Sample } from '../../src/core/types.js';
import { imageMcq } from '../../benchmarks/image-mcq.js';
import { threeDsrBench } from '../../benchmarks/3dsrbench.js';
import { inShard, shardOf } from '../../src/shard/assign.js';
import { unitKey } from '../../src/score/grouping.js';
import type { Protocol } from '../../src/benchmark/types.js';

function sample(index: string, fields: Record<string, string> = {}): Sample {
  return { index, parts: [], choices: [], answer: 'A', fields };
}

/** The shard (1..n) each sample lands in. */
function assign(samples: readonly Sample[], n: number, dataset: Parameters<typeof inShard>[1]): number[] {
  const filters = Array.from({ length: n }, (_, i) => inShard({ index: i + 1, count: n }, dataset));
  return samples.map((s) => {
    const hits = filters.flatMap((f, i) => (f(s) ? [i + 1] : []));
    expect(hits).toHaveLength(1); // every sample in exactly one shard
    return hits[0] as number;
  });
}

describe('shard assignment', () => {
  const plain = { datasetName: 'Plain', benchmark: imageMcq, circular: false };

  it('puts every sample in exactly one shard, the same one whatever the row order', () => {
    const samples = Array.from({ length: 300 }, (_, i) => sample(String(i)));
    const forward = assign(samples, 3, plain);
    const backward = assign([...samples].reverse(), 3, plain).reverse();
    expect(backward).toEqual(forward);
    // A hash spreads rows about evenly.
    for (const s of [1, 2, 3]) expect(forward.filter((x) => x === s).length).toBeGreaterThan(70);
  });

  it('depends on the dataset name, so datasets are split independently', () => {
    const keys = Array.from({ length: 50 }, (_, i) => String(i));
    expect(keys.map((k) => shardOf('A', k, 4))).not.toEqual(keys.map((k) => shardOf('B', k, 4)));
    expect(keys.every((k) => shardOf('A', k, 1) === 1)).toBe(true);
  });

  it('keeps the rotations of a circular question in one shard', () => {
    const samples = Array.from({ length: 40 }, (_, q) => [0, 1, 2, 3].map((k) => sample(String(q + 1_000_000 * k)))).flat();
    const shards = assign(samples, 3, { datasetName: 'X_circular', benchmark: imageMcq, circular: true });
    for (let q = 0; q < 40; q++) expect(new Set(shards.slice(4 * q, 4 * q + 4)).size).toBe(1);
  });

  it("keeps every row any 3DSRBench protocol groups together (rotations and mirror) in one shard", () => {
    const qids = Array.from({ length: 30 }, (_, q) => `Q${String(q).padStart(7, '0')}`).flatMap((base) =>
      ['', '-flip'].flatMap((flip) => [0, 1, 2, 3].map((k) => `${base}${flip}${k === 0 ? '' : `-${k}`}`)),
    );
    const samples = qids.map((qid, i) => sample(String(i), { qid }));
    const shards = assign(samples, 4, { datasetName: '3DSRBench', benchmark: threeDsrBench, circular: false });
    for (const protocol of Object.values(threeDsrBench.protocols) as Protocol[]) {
      const byUnit = new Map<string, Set<number>>();
      samples.forEach((s, i) => {
        const key = unitKey(protocol.grouping, s.index, s.fields);
        byUnit.set(key, (byUnit.get(key) ?? new Set()).add(shards[i] as number));
      });
      for (const set of byUnit.values()) expect(set.size).toBe(1);
    }
  });
});
