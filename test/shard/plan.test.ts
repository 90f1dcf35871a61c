import { describe, expect, it } from 'vitest';
import { CURRENT_FORMATS, RUN_HEADER_SCHEMA, type RunHeader } from '../../src/workdir/header.js';
import { planMerge } from '../../src/shard/plan.js';
import type { StoredPart } from '../../src/shard/stores.js';

const META: RunHeader = {
  schema: RUN_HEADER_SCHEMA,
  formats: CURRENT_FORMATS,
  config_hash: 'c1',
  dataset_file: ['/data/x.tsv'],
  dataset_fingerprint: 'f1',
  settings: { model: 'm', temperature: 0 },
  endpoint_model: 'm',
  benchmark: 'image-mcq',
  dataset_name: 'X',
  circular: false,
  extract: null,
};

function part(shards: number[], of: number, edit: Partial<RunHeader> = {}, dir = `/w/${shards.join('-')}`): StoredPart {
  return { dir, model: 'M', dataset: 'X', metaFile: `${dir}/M/M_X.meta.json`, meta: { ...META, shard: { shards, of }, dataset_rows: 10 * shards.length, ...edit } };
}

describe('planMerge', () => {
  it('orders shards, sums dataset_rows and drops the shard field, keeping an unsharded header\'s key order', () => {
    const [plan] = planMerge([part([3], 3), part([1], 3), part([2], 3, { dataset_file: ['/mnt/other/x.tsv'] })], false);
    expect(plan?.parts.map((p) => p.meta.shard?.shards[0])).toEqual([1, 2, 3]);
    expect(plan?.meta).toEqual({ ...META, dataset_rows: 30 });
    expect(Object.keys(plan?.meta ?? {})).toEqual([...Object.keys(META), 'dataset_rows']);
    expect(plan?.missing).toEqual([]);
  });

  it('accepts an earlier partial merge as one of the parts', () => {
    const [plan] = planMerge([part([1, 3], 3), part([2], 3)], false);
    expect(plan?.meta.dataset_rows).toBe(30);
    expect(plan?.meta.shard).toBeUndefined();
  });

  it('refuses a shard given twice (overlap)', () => {
    expect(() => planMerge([part([1], 3, {}, '/a'), part([1], 3, {}, '/b'), part([2], 3), part([3], 3)], false)).toThrow(/shard 1\/3 is in both \/a and \/b \(overlap\)/);
  });

  it('refuses shards of different splits or of different runs', () => {
    expect(() => planMerge([part([1], 3), part([2], 2)], false)).toThrow(/shard of 3 but .* shard of 2/);
    expect(() => planMerge([part([1], 2), part([2], 2, { settings: { model: 'm', temperature: 0.7 } })], false)).toThrow(/mismatched settings between shards/);
    expect(() => planMerge([part([1], 2), part([2], 2, { endpoint_model: 'other' })], false)).toThrow(/mismatched endpoint_model/);
    expect(() => planMerge([part([1], 2), part([2], 2, { benchmark: 'blink' })], false)).toThrow(/mismatched benchmark/);
    expect(() => planMerge([part([1], 2), part([2], 2, { dataset_fingerprint: 'f2' })], false)).toThrow(/mismatched dataset_fingerprint/);
    expect(() => planMerge([part([1], 2), part([2], 2, { config_hash: 'c2' })], false)).toThrow(/mismatched config_hash/);
  });

  it('refuses an unsharded store', () => {
    const whole: StoredPart = { dir: '/w', model: 'M', dataset: 'X', metaFile: '/w/M/M_X.meta.json', meta: META };
    expect(() => planMerge([whole], false)).toThrow(/not a shard/);
  });

  it('refuses missing shards unless allowed, then says which it holds', () => {
    expect(() => planMerge([part([1], 3), part([3], 3)], false)).toThrow(/shard\(s\) 2 of 3 missing \(have 1, 3\)/);
    const [plan] = planMerge([part([3], 3), part([1], 3)], true);
    expect(plan?.missing).toEqual([2]);
    expect(plan?.meta.shard).toEqual({ shards: [1, 3], of: 3 });
    expect(plan?.meta.dataset_rows).toBe(20);
  });

  it('leaves the dataset size unknown when a shard did not finish its pass', () => {
    const [plan] = planMerge([part([1], 2), part([2], 2, { dataset_rows: undefined })], false);
    expect(plan?.meta.dataset_rows).toBeUndefined();
    expect(plan?.unsized.map((p) => p.dir)).toEqual(['/w/2']);
  });
});
