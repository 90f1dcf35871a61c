/**
 * VSR-zeroshot as VLMEvalKit asks it, through the CLI on a Yes/No TSV in its schema: the question
 * is the prompt; the stored predictions are then rewritten with replies whose reading the original
 * YOrN_Extraction gave (vlmevalkit-yorn-cases.ts) and `actial-eval score` must report VSR_rating's
 * acc, precision, recall and F1, computed here from a confusion table ("Unknown" predicts No).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TINY_PNG_B64 } from '../e2e/helpers.js';
import { VLMEVALKIT_YORN_CASES } from '../extract/vlmevalkit-yorn-cases.js';
import { errorLines, expectDataError, expectMetrics, MODEL, outputs, runCli, runDataset, tempDir, writeTsv } from './helpers.js';

const CASES = VLMEVALKIT_YORN_CASES.filter(([reply]) => !/[\n\r\u2028\u2029\x0b\x0c\x1c-\x1e\x85]/.test(reply));
const gold = (i: number): 'Yes' | 'No' => (i % 3 === 0 ? 'No' : 'Yes');

describe('VSR-zeroshot (VLMEvalKit ImageYORNDataset, VSR_rating)', () => {
  it('asks the question and reports acc, precision, recall and F1 of Yes', async () => {
    const dir = await tempDir();
    const path = join(dir, 'VSR-zeroshot.tsv');
    const rows = CASES.map((_, i) => ({ index: String(i), image: TINY_PNG_B64, question: `The cat is under the table (${i}). Is this statement correct?`, answer: gold(i) }));
    await writeTsv(path, ['index', 'image', 'question', 'answer'], rows);
    const run = await runDataset(dir, 'VSR-zeroshot', { class: 'ImageYORNDataset', dataset: 'VSR-zeroshot', path });
    expect(run.code, run.stderr).toBe(0);
    const store = join(run.work, MODEL, `${MODEL}_VSR-zeroshot.jsonl`);
    const lines = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const recs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(recs.find((r) => r['index'] === '4')?.['question']).toBe(rows[4]?.question);

    await writeFile(store, `${recs.map((r) => JSON.stringify({ ...r, prediction: CASES[Number(r['index'])]?.[0] })).join('\n')}\n`);
    const rescored = await runCli(['score', '--work-dir', run.work]);
    expect(errorLines(rescored.stderr)).toEqual([]);

    const pred = CASES.map(([, verdict]) => verdict);
    const tp = pred.filter((p, i) => p === 'Yes' && gold(i) === 'Yes').length;
    const fp = pred.filter((p, i) => p === 'Yes' && gold(i) === 'No').length;
    const fn = pred.filter((p, i) => p !== 'Yes' && gold(i) === 'Yes').length;
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    const acc = pred.filter((p, i) => p === gold(i)).length / pred.length;
    const { summary } = await outputs(run.work, 'VSR-zeroshot');
    expectMetrics(summary.metrics['vlmevalkit'], { acc, precision, recall, f1_score: (2 * precision * recall) / (precision + recall) });
  });

  it('refuses a gold answer other than Yes or No with one line', async () => {
    const dir = await tempDir();
    const path = join(dir, 'VSR-zeroshot.tsv');
    await writeTsv(path, ['index', 'image', 'question', 'answer'], [{ index: '0', image: TINY_PNG_B64, question: 'q?', answer: 'Yes' }, { index: '1', image: TINY_PNG_B64, question: 'q?', answer: 'true' }]);
    expectDataError(await runDataset(dir, 'VSR-zeroshot', { class: 'ImageYORNDataset', dataset: 'VSR-zeroshot', path }), [/VSR-zeroshot\.tsv/, /row 2/, /answer/, /Yes or No/]);
  });
});
