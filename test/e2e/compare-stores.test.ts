/** `actial-eval compare` across work dirs, and its refusal to pair answers to different questions. */
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gptModel, mcqData, paths, readJsonl, runCli, tempDir, writeConfig, writeMcqTsv, type StoredRecord } from './helpers.js';

const ROWS = 300;
const sim = (accuracy: number, seed: number) => gptModel('mock', { mock: { accuracy, seed } });

/** Evaluates one model on one TSV into a work dir. */
async function evaluate(dir: string, work: string, model: string, tsv: string, accuracy: number, seed: number): Promise<void> {
  const config = await writeConfig(join(dir, `${model}-${seed}.json`), { model: { [model]: sim(accuracy, seed) }, data: { Set: mcqData(tsv) } });
  const res = await runCli(['--config', config, '--work-dir', work]);
  expect(res.code, res.stderr).toBe(0);
}

async function rewriteStore(file: string, edit: (r: Record<string, unknown>) => Record<string, unknown>): Promise<void> {
  const records = await readJsonl<StoredRecord>(file);
  await writeFile(file, records.map((r) => `${JSON.stringify(edit({ ...r }))}\n`).join(''));
}

describe('actial-eval compare: stores', () => {
  it('compares a stored baseline work dir with a candidate one (WORK_DIR/MODEL paths), as a CI job would', async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'set.tsv');
    await writeMcqTsv(tsv, ROWS);
    await evaluate(dir, join(dir, 'baseline'), 'ckpt', tsv, 0.6, 1);
    await evaluate(dir, join(dir, 'candidate'), 'ckpt', tsv, 0.75, 2);
    const gain = await runCli(['compare', join(dir, 'baseline', 'ckpt'), join(dir, 'candidate', 'ckpt'), '--fail-if-worse', '1']);
    expect(gain.code, gain.stderr).toBe(0);
    expect(gain.stdout).toMatch(/\* Overall .*better/);
    // compare.csv goes to the candidate's work dir by default.
    expect(await readFile(join(dir, 'candidate', 'compare.csv'), 'utf8')).toMatch(/^side_a,side_b,dataset/);
    const loss = await runCli(['compare', join(dir, 'candidate', 'ckpt'), join(dir, 'baseline', 'ckpt'), '--fail-if-worse', '1']);
    expect(loss.code).toBe(4);
  });

  it('refuses (exit 2) to pair rows whose question differs, naming the row', async () => {
    const dir = await tempDir();
    const work = join(dir, 'work');
    const v1 = join(dir, 'v1.tsv');
    const v2 = join(dir, 'v2.tsv');
    await writeMcqTsv(v1, 30);
    await writeMcqTsv(v2, 30, (row, i) => (i === 7 ? { ...row, question: 'Which object is farthest from the camera?' } : row));
    await evaluate(dir, work, 'a', v1, 0.7, 1);
    await evaluate(dir, work, 'b', v2, 0.7, 2);
    const res = await runCli(['compare', 'a', 'b', '--work-dir', work, '--fail-if-worse', '1']);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/compare: Set: 1 of 30 rows were asked a different question .*index 7: A "Question: Item 7.*" \(answer [A-D]\) vs B "Question: Which object is farthest/);
    expect(res.stdout).toBe('');
  });

  it('stores without question_hash fall back to question text and options, and still refuse a mismatch', async () => {
    const dir = await tempDir();
    const work = join(dir, 'work');
    const tsv = join(dir, 'set.tsv');
    await writeMcqTsv(tsv, 40);
    await evaluate(dir, work, 'a', tsv, 0.6, 1);
    await evaluate(dir, work, 'b', tsv, 0.8, 2);
    const storeB = paths(work, 'b', 'Set').predictions;
    await rewriteStore(storeB, (r) => ({ ...r, question_hash: undefined }));
    const ok = await runCli(['compare', 'a', 'b', '--work-dir', work]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stdout).toContain('40 row(s) matched by question text and options');
    await rewriteStore(storeB, (r) => (r['index'] === '3' ? { ...r, question: `${String(r['question'])} (edited)` } : r));
    const bad = await runCli(['compare', 'a', 'b', '--work-dir', work]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/index 3/);
  });

  it('reports rows scored on one side only instead of dropping them silently', async () => {
    const dir = await tempDir();
    const work = join(dir, 'work');
    const tsv = join(dir, 'set.tsv');
    await writeMcqTsv(tsv, 50);
    await evaluate(dir, work, 'a', tsv, 0.6, 1);
    await evaluate(dir, work, 'b', tsv, 0.6, 2);
    // B's run lost five answers (as an interrupted run would).
    const storeB = paths(work, 'b', 'Set').predictions;
    const kept = (await readJsonl<StoredRecord>(storeB)).filter((r) => Number(r.index) >= 5);
    await writeFile(storeB, kept.map((r) => `${JSON.stringify(r)}\n`).join(''));
    const res = await runCli(['compare', 'a', 'b', '--work-dir', work]);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toContain('5 unit(s) scored for A only and 0 for B only');
    expect(res.stdout).toMatch(/45 paired rows/);
  });
});
