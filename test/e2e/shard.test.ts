/**
 * `--shard i/N` and `merge`: shards run as separate processes into their own work dirs, and their
 * merge must report exactly what one unsharded run reports. The embedded mock answers each question
 * the same whichever process asks it, so the predictions match and any difference is the harness's.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { listFiles, readJson, readJsonl, runCli, tempDir, type StoredRecord } from './helpers.js';

// The demo datasets whose question texts are unique: the mock keys its answers by question text, so
// on datasets that repeat a text over different images (the demo CV-Bench, BLINK) which gold answer
// it simulates depends on the other rows in the run.
const DATA = ['--data', 'DemoSpatial', 'DemoSpatial_circular', '3DSRBench', 'MMSIBench_circular'];
const DEMO = ['--config', 'actial_test.json', ...DATA];

/** Everything a run reports: all files but the prediction stores (which hold times and arrival order). */
async function reportFiles(dir: string): Promise<string[]> {
  const all = (await listFiles(dir)).map((f) => relative(dir, f));
  return all.filter((f) => !f.startsWith('.') && (!f.endsWith('.jsonl') || f.endsWith('_score.jsonl')));
}

/** Stored records without what differs between two askings of the same question. */
async function answers(file: string): Promise<unknown[]> {
  const records = await readJsonl<StoredRecord>(file);
  return records
    .map(({ time, latency_ms, ...rest }) => rest)
    .sort((a, b) => Number(a.index) - Number(b.index) || (a.index < b.index ? -1 : a.index > b.index ? 1 : 0));
}

describe('--shard and merge', () => {
  it('shards 1/3, 2/3, 3/3 merged give byte-identical reports to an unsharded run', async () => {
    const dir = await tempDir();
    const whole = join(dir, 'W0');
    expect((await runCli([...DEMO, '--work-dir', whole])).code).toBe(0);
    const shards = [1, 2, 3].map((i) => join(dir, `W${i}`));
    const runs = await Promise.all(shards.map((w, i) => runCli([...DEMO, '--shard', `${i + 1}/3`, '--work-dir', w])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);

    // Each shard says it is partial and counts only its own rows; together they count every row
    // (a tiny dataset may leave a shard empty: that must work too).
    type Counts = { partial?: unknown; counts: { dataset_rows: number; rows: number; missing: number } };
    for (const d of DATA.slice(1)) {
      const summary = (w: string) => join(w, 'actial-7b-sim', `actial-7b-sim_${d}_summary.json`);
      const parts = await Promise.all(shards.map((w) => readJson<Counts>(summary(w))));
      parts.forEach((p, i) => {
        expect(p.partial).toEqual({ shards: [i + 1], of: 3 });
        expect(p.counts.missing).toBe(0);
        expect(p.counts.rows).toBe(p.counts.dataset_rows);
      });
      const total = await readJson<Counts>(summary(whole));
      expect(total.partial).toBeUndefined();
      expect(parts.reduce((n, p) => n + p.counts.dataset_rows, 0)).toBe(total.counts.dataset_rows);
    }

    const merged = join(dir, 'W4');
    // Named out of order on purpose: the merge must not depend on it.
    const res = await runCli(['merge', '--out', merged, shards[2] as string, shards[0] as string, shards[1] as string]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('Leaderboard');

    const files = await reportFiles(whole);
    expect(files.filter((f) => f.endsWith('_summary.json'))).toHaveLength(8);
    expect(await reportFiles(merged)).toEqual(files);
    for (const f of files) expect((await readFile(join(merged, f))).equals(await readFile(join(whole, f))), f).toBe(true);
    const store = join('qwen2.5-vl-7b-sim', 'qwen2.5-vl-7b-sim_3DSRBench.jsonl');
    expect(await answers(join(merged, store))).toEqual(await answers(join(whole, store)));
  });
});
