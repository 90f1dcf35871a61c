/**
 * MMVP through the CLI, both file forms in their real schemas: VLMEvalKit's MMVP.tsv (generic MCQ
 * prompt, exact matching; report_acc_MMVP's Average and Overall = pairs of rows 2i, 2i+1) and
 * lmms-eval's lmms-lab-eval/MMVP Parquet (its prompt and letter rule; mmvp_accuracy and
 * mmvp_pair_accuracy over pairs (Index − 1) // 2). The stored predictions are then rewritten with
 * replies whose reading is known (bare letters; the lmms-eval original's letters for the cases it
 * was run on, mmvp-cases.ts) and `actial-eval score` must give the numbers computed here.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { field, writeParquetGroups, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { TINY_PNG_B64 } from '../e2e/helpers.js';
import { LMMS_MMVP_LETTERS } from './mmvp-cases.js';
import { MODEL, expectDataError, expectMetrics, outputs, rescoreWithReplies, runDataset, tempDir, writeTsv } from './helpers.js';

const PAIRS = [
  ['Is the dog facing left or right?', 'left', 'right'],
  ['Are the elephant tusks long or short?', 'long', 'short'],
  ['Is the door open or closed?', 'open', 'closed'],
  ['Is the person standing or sitting?', 'standing', 'sitting'],
  ['Is the butterfly wing up or down?', 'up', 'down'],
  ['Is there one cup or two?', 'one', 'two'],
  ['Is the light on or off?', 'on', 'off'],
] as const;

/** Two rows per pair, same question, opposite answers (A then B). */
const ROWS = PAIRS.flatMap(([q, a, b]) => [{ q, a, b, gold: 'A' }, { q, a, b, gold: 'B' }]);

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Average over rows, and over pairs (rows 2i, 2i+1) both right. */
function pairScores(hits: readonly boolean[]): { rows: number; pairs: number } {
  const pairs = Array.from({ length: hits.length / 2 }, (_, i) => (hits[2 * i] === true && hits[2 * i + 1] === true ? 1 : 0));
  return { rows: mean(hits.map((h) => (h ? 1 : 0))), pairs: mean(pairs) };
}


describe("MMVP, VLMEvalKit's TSV (report_acc_MMVP)", () => {
  const columns = ['index', 'image', 'question', 'A', 'B', 'answer', 'category'];
  const tsvRows = ROWS.map((r, i) => ({ index: String(i + 1), image: TINY_PNG_B64, question: r.q, A: r.a, B: r.b, answer: r.gold, category: 'Orientation' }));

  it('asks the generic MCQ prompt and reports Average over questions and Overall over pairs', async () => {
    const dir = await tempDir();
    const path = join(dir, 'MMVP.tsv');
    await writeTsv(path, columns, tsvRows);
    const run = await runDataset(dir, 'MMVP', { class: 'ImageMCQDataset', dataset: 'MMVP', path });
    expect(run.code, run.stderr).toBe(0);
    const { records } = await outputs(run.work, 'MMVP');
    const stored = await readFile(join(run.work, MODEL, `${MODEL}_MMVP.jsonl`), 'utf8');
    const first = JSON.parse(stored.split('\n')[0] as string) as { question: string };
    expect(first.question).toBe(`Question: ${PAIRS[0][0]}\nOptions:\nA. left\nB. right\nPlease select the correct answer from the options above. \n`);
    expect(records).toHaveLength(ROWS.length);

    // Both right, one right, both wrong, a refusal, ... in a pattern that makes the two numbers differ.
    const replies = ['A', 'B', 'A', 'A', 'B', 'A', 'A', 'B', 'none of them', 'B', 'A', 'B', 'B', 'B'];
    await rescoreWithReplies(run.work, 'MMVP', (index) => replies[Number(index) - 1] as string);
    const hits = ROWS.map((r, i) => replies[i] === r.gold);
    const expected = pairScores(hits);
    const { summary } = await outputs(run.work, 'MMVP');
    // Grouped protocols also report the per-row accuracy as 'Overall (vanilla)': VLMEvalKit's Average.
    expectMetrics(summary.metrics['vlmevalkit'], { Overall: expected.pairs, 'Overall (vanilla)': expected.rows });
    expectMetrics(summary.metrics['vlmevalkit-average'], { Average: expected.rows });
    expect(summary.primary).toMatchObject({ metric: 'Overall', value: expected.pairs });
    expect(expected.pairs).not.toBeCloseTo(expected.rows, 6);
  });
});

const LMMS_FIELDS = [field.int64('Index'), field.string('Question'), field.string('Options'), field.string('Correct Answer'), field.image('image')];

function lmmsRow(r: (typeof ROWS)[number], i: number): ParquetRowValues {
  return { Index: BigInt(i + 1), Question: r.q, Options: `(a) ${r.a} (b) ${r.b}`, 'Correct Answer': r.gold === 'A' ? '(a)' : '(b)', image: { bytes: TINY_PNG, path: `${i + 1}.jpg` } };
}

describe("MMVP as lmms-eval's `mmvp` task (lmms-lab-eval/MMVP Parquet)", () => {
  it("sends lmms-eval's prompt and scores its letter rule, per question and per pair", async () => {
    const dir = await tempDir();
    const path = join(dir, 'train-00000-of-00001.parquet');
    await writeParquetGroups(path, { fields: LMMS_FIELDS }, [ROWS.map(lmmsRow)]);
    const run = await runDataset(dir, 'MMVP_lmms', { class: 'MMVP', dataset: 'MMVP_lmms', path });
    expect(run.code, run.stderr).toBe(0);
    const stored = (await readFile(join(run.work, MODEL, `${MODEL}_MMVP_lmms.jsonl`), 'utf8')).split('\n').filter((l) => l !== '');
    const questions = new Map(stored.map((l) => JSON.parse(l) as { index: string; question: string }).map((r) => [r.index, r.question]));
    ROWS.forEach((r, i) => {
      expect(questions.get(String(i + 1))).toBe(`${r.q}\nA. ${r.a}\nB. ${r.b}\nAnswer with the option's letter from the given choices directly.`);
    });

    // Each row gets a reply the original was run on; its letter is what the original read.
    const cases = ROWS.map((_, i) => LMMS_MMVP_LETTERS[(i * 3) % LMMS_MMVP_LETTERS.length] as readonly [string, string]);
    await rescoreWithReplies(run.work, 'MMVP_lmms', (index) => cases[Number(index) - 1]?.[0] as string);
    const hits = ROWS.map((r, i) => cases[i]?.[1] === r.gold);
    const expected = pairScores(hits);
    const { summary } = await outputs(run.work, 'MMVP_lmms');
    expectMetrics(summary.metrics['lmms-eval'], { mmvp_pair_accuracy: expected.pairs, 'Overall (vanilla)': expected.rows });
    expectMetrics(summary.metrics['lmms-eval-accuracy'], { mmvp_accuracy: expected.rows });
    expect(summary.primary).toMatchObject({ metric: 'mmvp_pair_accuracy', value: expected.pairs });
  });

  it('refuses a gold answer that names no option, and an options cell it cannot parse, with one line', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'bad-gold'));
    await mkdir(join(dir, 'bad-options'));
    const bad = join(dir, 'bad-gold', 'train-00000-of-00001.parquet');
    await writeParquetGroups(bad, { fields: LMMS_FIELDS }, [ROWS.slice(0, 2).map((r, i) => (i === 1 ? { ...lmmsRow(r, i), 'Correct Answer': '(c)' } : lmmsRow(r, i)))]);
    expectDataError(await runDataset(dir, 'MMVP_lmms', { class: 'MMVP', dataset: 'MMVP_lmms', path: bad }), [/train-00000-of-00001\.parquet/, /row 2/, /Correct Answer/, /\(c\)/]);
    const noOptions = join(dir, 'bad-options', 'train-00000-of-00001.parquet');
    await writeParquetGroups(noOptions, { fields: LMMS_FIELDS }, [ROWS.slice(0, 2).map((r, i) => (i === 0 ? { ...lmmsRow(r, i), Options: 'left or right' } : lmmsRow(r, i)))]);
    expectDataError(await runDataset(dir, 'MMVP_lmms', { class: 'MMVP', dataset: 'MMVP_lmms', path: noOptions }), [/row 1/, /Options/, /\(a\) … \(b\)/]);
  });
});
