/**
 * EmbSpatial-Bench through the CLI, both file forms in their real schemas: VLMEvalKit's
 * EmbSpatialBench.tsv (SITE's prompt format, the spatial-bench matcher, overall and per
 * data_source) and lmms-eval's FlagEval/EmbSpatial-Bench Parquet (its note, "A) …" lines, the
 * reply's first letter, embspatial_acc and per source). The stored predictions are then rewritten
 * with replies whose reading the original code gave (the extraction case table, cross-checked
 * against VLMEvalKit's can_match_option; embspatial-cases.ts, run through lmms-eval's original) and
 * `actial-eval score` must give the numbers computed here.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { field, writeParquetGroups, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { TINY_PNG_B64 } from '../e2e/helpers.js';
import { CASES } from '../extract/cases/index.js';
import { LMMS_EMBSPATIAL_LETTERS } from './embspatial-cases.js';
import { MODEL, expectDataError, expectMetrics, outputs, pyList, rescoreWithReplies, runDataset, tempDir, writeTsv } from './helpers.js';

const SOURCES = ['mp3d', 'ai2thor', 'scannet'] as const;
const OPTIONS = ['left of the sofa', 'right of the sofa', 'above the sofa', 'under the sofa'];
const N = 15;
const items = Array.from({ length: N }, (_, i) => ({ question: `Where is the lamp in scene ${i}?`, source: SOURCES[i % 3] as string, gold: i % 4 }));

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Overall and per source (listed sources, in order) of per-item hits. */
function bySource(hits: readonly boolean[], overall: string): Record<string, number> {
  const out: Record<string, number> = { [overall]: mean(hits.map(Number)) };
  for (const s of SOURCES) out[s] = mean(items.flatMap((it, i) => (it.source === s ? [Number(hits[i])] : [])));
  return out;
}


const storedQuestions = async (work: string, dataset: string): Promise<Map<string, string>> =>
  new Map((await readFile(join(work, MODEL, `${MODEL}_${dataset}.jsonl`), 'utf8')).split('\n').filter((l) => l !== '').map((l) => {
    const r = JSON.parse(l) as { index: string; question: string };
    return [r.index, r.question];
  }));

describe("EmbSpatial-Bench, VLMEvalKit's TSV", () => {
  it("sends SITE's prompt format and scores the spatial-bench matcher, overall and per source", async () => {
    const dir = await tempDir();
    const path = join(dir, 'EmbSpatialBench.tsv');
    const columns = ['index', 'image', 'question', 'options', 'answer', 'data_source'];
    await writeTsv(path, columns, items.map((it, i) => ({ index: String(i), image: TINY_PNG_B64, question: it.question, options: pyList(OPTIONS), answer: 'ABCD'[it.gold] as string, data_source: it.source })));
    const run = await runDataset(dir, 'EmbSpatialBench', { class: 'EmbSpatialBench', dataset: 'EmbSpatialBench', path });
    expect(run.code, run.stderr).toBe(0);
    const questions = await storedQuestions(run.work, 'EmbSpatialBench');
    expect(questions.get('0')).toBe(`Question: ${items[0]?.question ?? ''}\nOptions:\nA: left of the sofa\nB: right of the sofa\nC: above the sofa\nD: under the sofa\nGive me the answer letter directly. The best answer is:`);

    const cases = CASES.filter((c) => c.expected['vlmevalkit-spatial'].answer !== null).slice(0, N);
    await rescoreWithReplies(run.work, 'EmbSpatialBench', (index) => cases[Number(index)]?.text ?? '');
    const hits = items.map((it, i) => cases[i]?.expected['vlmevalkit-spatial'].answer === 'ABCD'[it.gold]);
    expect(hits.some(Boolean) && !hits.every(Boolean)).toBe(true);
    const { summary } = await outputs(run.work, 'EmbSpatialBench');
    expectMetrics(summary.metrics['vlmevalkit'], bySource(hits, 'overall'));
  });
});

const LMMS_FIELDS = [
  field.int64('question_id'), field.string('question'), field.list('answer_options', field.string), field.int64('answer'),
  field.image('image'), field.string('data_source'), field.string('relation'),
];

const lmmsRow = (it: (typeof items)[number], i: number): ParquetRowValues => ({
  question_id: BigInt(100 + i), question: it.question, answer_options: OPTIONS, answer: BigInt(it.gold), image: { bytes: TINY_PNG, path: `${i}.jpg` }, data_source: it.source, relation: 'left',
});

describe("EmbSpatial-Bench as lmms-eval's `embspatial` task", () => {
  it("sends lmms-eval's prompt and scores the reply's first letter, overall and per source", async () => {
    const dir = await tempDir();
    const path = join(dir, 'test-00000-of-00001.parquet');
    await writeParquetGroups(path, { fields: LMMS_FIELDS }, [items.map(lmmsRow)]);
    const run = await runDataset(dir, 'EmbSpatialBench_lmms', { class: 'EmbSpatialBench', dataset: 'EmbSpatialBench_lmms', path });
    expect(run.code, run.stderr).toBe(0);
    const questions = await storedQuestions(run.work, 'EmbSpatialBench_lmms');
    items.forEach((it, i) => {
      expect(questions.get(String(100 + i))).toBe(`Note: You only need to respond with A, B, C, D without providing any additional information.\n${it.question}\nA) left of the sofa\nB) right of the sofa\nC) above the sofa\nD) under the sofa`);
    });

    const cases = items.map((_, i) => LMMS_EMBSPATIAL_LETTERS[(i * 2) % LMMS_EMBSPATIAL_LETTERS.length] as readonly [string, string]);
    await rescoreWithReplies(run.work, 'EmbSpatialBench_lmms', (index) => cases[Number(index) - 100]?.[0] ?? '');
    const hits = items.map((it, i) => cases[i]?.[1] === 'ABCD'[it.gold]);
    expect(hits.some(Boolean) && !hits.every(Boolean)).toBe(true);
    const { summary } = await outputs(run.work, 'EmbSpatialBench_lmms');
    expectMetrics(summary.metrics['lmms-eval'], bySource(hits, 'embspatial_acc'));
  });

  it('refuses an answer position beyond A–D with one line naming the file, row and column', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'bad'));
    const path = join(dir, 'bad', 'test-00000-of-00001.parquet');
    await writeParquetGroups(path, { fields: LMMS_FIELDS }, [items.slice(0, 3).map((it, i) => ({ ...lmmsRow(it, i), answer: i === 2 ? 4n : BigInt(it.gold) }))]);
    expectDataError(await runDataset(dir, 'EmbSpatialBench_lmms', { class: 'EmbSpatialBench', dataset: 'EmbSpatialBench_lmms', path }), [/test-00000-of-00001\.parquet/, /row 3/, /answer/, /A–D/]);
  });
});
