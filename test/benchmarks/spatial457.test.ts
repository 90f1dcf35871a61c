/**
 * Spatial457 through the CLI on a TSV in VLMEvalKit's schema (index, image, question, answer,
 * category = level): the level instruction, the image, the question and the reply instruction are
 * sent as VLMEvalKit's class builds them; the stored predictions are then rewritten with replies
 * whose reading and verdict the original gave (spatial457-cases.ts) and `actial-eval score` must
 * report the accuracy and per-level scores computed here from those verdicts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SPATIAL457_REPLY_INSTRUCTION } from '../../benchmarks/spatial457.js';
import { TINY_PNG_B64 } from '../e2e/helpers.js';
import { SPATIAL457_CASES } from './spatial457-cases.js';
import { errorLines, expectMetrics, MODEL, outputs, runCli, runDataset, tempDir, writeTsv } from './helpers.js';

const LEVELS = ['L1_single', 'L2_objects', 'L3_2d_spatial', 'L4_occ', 'L4_pose', 'L5_6d_spatial', 'L5_collision'];
// Cells must hold no newline (a TSV row per line): the cases whose gold or reply has none.
const CASES = SPATIAL457_CASES.filter(([reply, gold]) => !/[\n\r]/.test(reply + gold) && gold !== '');

describe('Spatial457 (VLMEvalKit class Spatial457, the authors\' pipeline)', () => {
  it('sends the level instruction, image, question and reply instruction, and scores the original verdicts', async () => {
    const dir = await tempDir();
    const path = join(dir, 'Spatial457.tsv');
    const rows = CASES.map(([, gold], i) => ({ index: String(i), image: TINY_PNG_B64, question: `Is there a red car left of the bus (${i})?`, answer: gold, category: LEVELS[i % LEVELS.length] as string }));
    await writeTsv(path, ['index', 'image', 'question', 'answer', 'category'], rows);
    const run = await runDataset(dir, 'Spatial457', { class: 'Spatial457', dataset: 'Spatial457', path });
    expect(run.code, run.stderr).toBe(0);

    const store = join(run.work, MODEL, `${MODEL}_Spatial457.jsonl`);
    const lines = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const first = JSON.parse(lines.find((l) => (JSON.parse(l) as { index: string }).index === '0') ?? '{}') as { question: string };
    const l1 = 'You are an intelligent chatbot designed to answer questions based on an image. Your task is to analyze the images, identify attributes of the objects, and then determine the answer to the question.\n';
    expect(first.question).toBe(`${l1}\n${rows[0]?.question ?? ''}\n${SPATIAL457_REPLY_INSTRUCTION}`);

    await writeFile(store, `${lines.map((l) => {
      const rec = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify({ ...rec, prediction: CASES[Number(rec['index'])]?.[0] });
    }).join('\n')}\n`);
    const rescored = await runCli(['score', '--work-dir', run.work]);
    expect(errorLines(rescored.stderr)).toEqual([]);

    const hit = CASES.map((c) => (c[4] ? 1 : 0));
    const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    const expected: Record<string, number> = { score: mean(hit) };
    LEVELS.forEach((level, k) => (expected[level] = mean(hit.filter((_, i) => i % LEVELS.length === k))));
    const { summary } = await outputs(run.work, 'Spatial457');
    expectMetrics(summary.metrics['official'], expected);
    expect(summary.primary).toMatchObject({ metric: 'score', value: mean(hit) });
  });
});
