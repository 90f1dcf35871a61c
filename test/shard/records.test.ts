import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PredictionRecord } from '../../src/workdir/records.js';
import type { PairPlan } from '../../src/shard/plan.js';
import { checkRecords, mergeJudgeCaches, writeMergedStore } from '../../src/shard/records.js';
import { readLatest } from '../../src/workdir/records.js';
import { CURRENT_FORMATS, RUN_HEADER_SCHEMA, type RunHeader } from '../../src/workdir/header.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-shard-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

function rec(index: string, prediction: string, settings = 's1'): PredictionRecord {
  return {
    index, prompt_hash: `p-${index}`, settings_hash: settings, status: 'ok', prediction, finish_reason: 'stop', usage: null,
    latency_ms: 1, attempts: 1, time: 't', answer: 'A', choices: [], fields: {},
  };
}

/** A shard dir holding M/M_D.jsonl (and optionally M/M_D_judge.jsonl) with these lines. */
async function shardDir(name: string, records: PredictionRecord[], judge: object[] = []): Promise<string> {
  const d = join(dir, name);
  await mkdir(join(d, 'M'), { recursive: true });
  await writeFile(join(d, 'M', 'M_D.jsonl'), records.map((r) => `${JSON.stringify(r)}\n`).join(''));
  if (judge.length > 0) await writeFile(join(d, 'M', 'M_D_judge.jsonl'), judge.map((v) => `${JSON.stringify(v)}\n`).join(''));
  return d;
}

const META: RunHeader = {
  schema: RUN_HEADER_SCHEMA, formats: CURRENT_FORMATS, config_hash: 'c', dataset_file: ['d.tsv'], dataset_fingerprint: 'f', settings: {},
  endpoint_model: 'm', benchmark: 'image-mcq', dataset_name: 'D', circular: false, extract: null,
};

function plan(dirs: string[]): PairPlan {
  return { model: 'M', dataset: 'D', parts: dirs.map((d) => ({ dir: d, model: 'M', dataset: 'D', metaFile: '', meta: META })), meta: META, missing: [], unsized: [] };
}

describe('merging shard stores', () => {
  it('keeps the latest record per index, shard by shard', async () => {
    const a = await shardDir('a', [rec('1', 'B'), rec('3', 'C'), rec('1', 'A')]);
    const b = await shardDir('b', [rec('2', 'D')]);
    expect(await checkRecords(plan([a, b]))).toBe(3);
    await writeMergedStore(plan([a, b]), join(dir, 'out'));
    const merged = await readLatest(join(dir, 'out', 'M', 'M_D.jsonl'));
    expect([...merged.values()].map((r) => `${r.index}:${r.prediction}`)).toEqual(['1:A', '3:C', '2:D']);
  });

  it('refuses an index in two shards, and rows asked with different settings', async () => {
    const a = await shardDir('a', [rec('1', 'A')]);
    await expect(checkRecords(plan([a, await shardDir('b', [rec('1', 'A')])]))).rejects.toThrow(/index '1' is stored by both .*a and .*b \(overlap\)/);
    await expect(checkRecords(plan([a, await shardDir('c', [rec('2', 'A', 's2')])]))).rejects.toThrow(/different settings \(settings_hash s1 .*, s2 /);
  });

  it("unites the judge's verdict caches, the out dir's own first, one line per key", async () => {
    const v = (key: string, verdict: string | null) => ({ key, index: '1', judge_model: 'j', prompt_version: 'p', verdict, reply: '', asks: 1, time: 't' });
    const a = await shardDir('a', [], [v('k1', 'A'), v('k2', null)]);
    const b = await shardDir('b', [], [v('k2', 'B'), v('k3', 'C')]);
    const out = join(dir, 'out');
    await mkdir(join(out, 'M'), { recursive: true });
    await writeFile(join(out, 'M', 'M_D_judge.jsonl'), `${JSON.stringify(v('k0', 'D'))}\n`);
    await mergeJudgeCaches(plan([a, b]), out);
    const lines = (await readFile(join(out, 'M', 'M_D_judge.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { key: string; verdict: string | null });
    expect(lines.map((l) => `${l.key}:${l.verdict}`)).toEqual(['k0:D', 'k1:A', 'k2:null', 'k3:C']);
  });
});
