/**
 * Feeding chosen replies through a real run: the stored predictions of a finished run are replaced
 * (the store's own format, every other field kept) and the CLI's `score` re-scores them, so a case
 * table's replies reach every protocol the way a model's would.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'vitest';
import { MODEL, runCli } from './helpers.js';

export async function rescoreWith(work: string, dataset: string, replyOf: (index: string) => string): Promise<void> {
  const store = join(work, MODEL, `${MODEL}_${dataset}.jsonl`);
  const lines = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  const replaced = lines.map((l) => {
    const rec = JSON.parse(l) as Record<string, unknown>;
    return JSON.stringify({ ...rec, prediction: replyOf(String(rec['index'])) });
  });
  await writeFile(store, `${replaced.join('\n')}\n`);
  const res = await runCli(['score', '--work-dir', work]);
  expect(res.code, res.stderr).toBe(0);
}
