/**
 * RealWorldQA as lmms-eval's `realworldqa` task, through the CLI on a Parquet file in
 * lmms-lab-encoder/RealWorldQA's schema (image, question with its options inside, answer): the
 * stripped question is sent, then the stored predictions are rewritten and `actial-eval score` must
 * give exact_match as realworldqa_process_results computes it — letter golds by the original
 * extract_mcq_answer's letters for those replies (lmms-mcq-cases.ts, from the original run in
 * Python), open golds by lowercased equality after stripping spaces and trailing periods.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { field, writeParquetGroups } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { LMMS_MCQ_CASES } from '../extract/lmms-mcq-cases.js';
import { TINY_PNG_B64 } from '../e2e/helpers.js';
import { errorLines, expectMetrics, MODEL, outputs, runCli, runDataset, tempDir, writeTsv } from './helpers.js';

const FIELDS = [field.image('image'), field.string('question'), field.string('answer')];
const INSTRUCTION = 'Please answer directly with only the letter of the correct option and nothing else.';

const letterItems = Array.from({ length: 12 }, (_, i) => ({ question: `  Which lane is the truck in?\nA. left\nB. middle\nC. right\nD. shoulder\n${INSTRUCTION} `, answer: 'ABCD'[i % 4] as string }));
const openItems = [
  { question: 'How many cars are visible? Please answer directly with a single word or number.', answer: '3', reply: '3.' },
  { question: 'Is the road wet or dry?', answer: 'Wet', reply: '  WET  ' },
  { question: 'Which direction does the road curve?', answer: 'left', reply: 'Left, slightly.' },
  { question: 'How many lanes are there?', answer: '2', reply: 'two' },
];

describe("RealWorldQA as lmms-eval's `realworldqa` task (lmms-lab-encoder/RealWorldQA Parquet)", () => {
  it('sends the stripped question and scores exact_match with both of its rules', async () => {
    const dir = await tempDir();
    const path = join(dir, 'test-00000-of-00001.parquet');
    const rows = [...letterItems, ...openItems].map((it, i) => ({ image: { bytes: TINY_PNG, path: `${i}.jpg` }, question: it.question, answer: it.answer }));
    await writeParquetGroups(path, { fields: FIELDS }, [rows]);
    const run = await runDataset(dir, 'RealWorldQA_lmms', { class: 'ImageMCQDataset', dataset: 'RealWorldQA_lmms', path });
    expect(run.code, run.stderr).toBe(0);

    const store = join(run.work, MODEL, `${MODEL}_RealWorldQA_lmms.jsonl`);
    const lines = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const questions = new Map(lines.map((l) => JSON.parse(l) as { index: string; question: string }).map((r) => [r.index, r.question]));
    expect(questions.get('0')).toBe(letterItems[0]?.question.trim());
    expect(questions.get('12')).toBe(openItems[0]?.question);

    const cases = letterItems.map((_, i) => LMMS_MCQ_CASES[(i * 3) % LMMS_MCQ_CASES.length] as (typeof LMMS_MCQ_CASES)[number]);
    const reply = (i: number): string => (i < letterItems.length ? (cases[i]?.[0] ?? '') : (openItems[i - letterItems.length]?.reply ?? ''));
    await writeFile(store, `${lines.map((l) => {
      const rec = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify({ ...rec, prediction: reply(Number(rec['index'])) });
    }).join('\n')}\n`);
    const rescored = await runCli(['score', '--work-dir', run.work]);
    expect(errorLines(rescored.stderr)).toEqual([]);

    const letterHits = letterItems.map((it, i) => (cases[i]?.[2] === it.answer ? 1 : 0));
    const openHits = openItems.map((it) => (it.reply.toLowerCase().trim().replace(/\.+$/, '') === it.answer.toLowerCase() ? 1 : 0));
    const all = [...letterHits, ...openHits];
    expect(openHits).toEqual([1, 1, 0, 0]);
    const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    const { summary } = await outputs(run.work, 'RealWorldQA_lmms');
    expectMetrics(summary.metrics['lmms-eval'], { exact_match: mean(all), letter: mean(letterHits), open: mean(openHits) });
  });
});

describe("RealWorldQA, VLMEvalKit's TSV", () => {
  it('is asked with the generic MCQ prompt and scored by exact matching, Overall and per category', async () => {
    const dir = await tempDir();
    const path = join(dir, 'RealWorldQA.tsv');
    const cats = ['driving', 'indoor'];
    await writeTsv(path, ['index', 'image', 'question', 'A', 'B', 'C', 'answer', 'category'], Array.from({ length: 8 }, (_, i) => ({ index: String(i), image: TINY_PNG_B64, question: `Where is the sign ${i}?`, A: 'left', B: 'right', C: 'ahead', answer: 'ABC'[i % 3] as string, category: cats[i % 2] as string })));
    const run = await runDataset(dir, 'RealWorldQA', { class: 'ImageMCQDataset', dataset: 'RealWorldQA', path });
    expect(run.code, run.stderr).toBe(0);
    const store = join(run.work, MODEL, `${MODEL}_RealWorldQA.jsonl`);
    const lines = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    expect((JSON.parse(lines[0] as string) as { question: string }).question).toBe('Question: Where is the sign 0?\nOptions:\nA. left\nB. right\nC. ahead\nPlease select the correct answer from the options above. \n');
    const replies = ['A', 'A', 'C', 'A', 'B', 'B', 'A', 'C'];
    await writeFile(store, `${lines.map((l) => {
      const rec = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify({ ...rec, prediction: replies[Number(rec['index'])] });
    }).join('\n')}\n`);
    expect((await runCli(['score', '--work-dir', run.work])).code).toBe(0);
    const hit = (i: number): number => (replies[i] === 'ABC'[i % 3] ? 1 : 0);
    const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
    const idx = [0, 1, 2, 3, 4, 5, 6, 7];
    const { summary } = await outputs(run.work, 'RealWorldQA');
    expectMetrics(summary.metrics['vlmevalkit'], { Overall: mean(idx.map(hit)), driving: mean(idx.filter((i) => i % 2 === 0).map(hit)), indoor: mean(idx.filter((i) => i % 2 === 1).map(hit)) });
  });
});
