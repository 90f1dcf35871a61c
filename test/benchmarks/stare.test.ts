/**
 * STARE through the CLI in its three file forms: VLMEvalKit's StareBench.tsv (its prompt, the
 * spatial-bench matcher, accuracy per category, the yes/no F1 of the binary ones, the 6-term
 * macro), the authors' kuvvi/STARE Parquet and lmms-eval's pangyyyyy/STARE Parquet (their prompts,
 * fast_extract_answer + is_equal). Stored predictions are rewritten with replies the originals were
 * run on (stare-cases.ts) and every number is recomputed here from what the originals extracted.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { field, writeParquetGroups, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { TINY_PNG_B64 } from '../e2e/helpers.js';
import { STARE_FAST_EXTRACT, STARE_ROWS, STARE_VLMEVALKIT_ROWS, STARE_VLMEVALKIT_SUMMARY } from './stare-cases.js';
import { MODEL, expectMetrics, outputs, rescoreWithReplies, runDataset, tempDir, writeTsv } from './helpers.js';

const MCQ = ['2d_trans', '2d_trans_vsim', '3d_trans', '3d_trans_vsim', 'temporal', 'perspective'];
const BINARY = ['folding_nets', 'folding_nets_vsim', 'tangram_puzzle', 'tangram_puzzle_vsim'];
const replyOf = new Map(STARE_ROWS.map((r) => [r[0], r[4]]));
const categoryOf = (cell: string): string => cell.trim().toLowerCase();

/** The question's yes/no letters, read here by a plain "X. yes|no" line rule (the questions are written that way). */
function yesNo(question: string): Map<string, string> {
  return new Map([...question.matchAll(/^([A-F])\. (yes|no)$/gim)].map((m) => [(m[1] as string).toLowerCase(), (m[2] as string).toLowerCase()]));
}

/** StareBench.evaluate recomputed from the original's pred_extracted and hit per row. */
function vlmevalkitExpected(): Record<string, number> {
  const rows = STARE_ROWS.map((r, i) => ({ category: categoryOf(r[1]), question: r[2], gold: r[3], pred: STARE_VLMEVALKIT_ROWS[i]?.[1] ?? null, hit: STARE_VLMEVALKIT_ROWS[i]?.[2] ?? 0 }));
  const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
  const out: Record<string, number> = { overall_accuracy: mean(rows.map((r) => r.hit)) };
  const accOf = (c: string): number => {
    const sub = rows.filter((r) => r.category === c);
    return sub.length === 0 ? Number.NaN : mean(sub.map((r) => r.hit));
  };
  for (const c of [...MCQ, ...BINARY]) out[c] = accOf(c);
  const f1 = (c: string): number => {
    let tp = 0, fp = 0, fn = 0, used = 0;
    for (const r of rows.filter((x) => x.category === c && x.pred !== null)) {
      const map = yesNo(r.question);
      const g = map.get(r.gold.toLowerCase()), p = map.get((r.pred as string).toLowerCase());
      if (g === undefined || p === undefined) continue;
      used++;
      if (p === 'yes' && g === 'yes') tp++;
      else if (p === 'yes') fp++;
      else if (g === 'yes') fn++;
    }
    if (used === 0) return Number.NaN;
    return tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  };
  for (const c of BINARY) out[`${c}_f1`] = f1(c);
  const present = (xs: readonly number[]): number => { const p = xs.filter((x) => !Number.isNaN(x)); return p.length === 0 ? Number.NaN : mean(p); };
  const mcq = (c: string): number => (Number.isNaN(out[c] as number) ? 0 : (out[c] as number));
  const f = (c: string): number => out[`${c}_f1`] as number;
  out['macro'] = present([present([mcq('2d_trans'), mcq('2d_trans_vsim')]), present([mcq('3d_trans'), mcq('3d_trans_vsim')]), present([f('folding_nets'), f('folding_nets_vsim')]), present([f('tangram_puzzle'), f('tangram_puzzle_vsim')]), mcq('temporal'), mcq('perspective')]);
  return out;
}

const TSV_COLUMNS = ['index', 'image', 'question', 'answer', 'category'];
const tsvRows = STARE_ROWS.map(([index, category, question, answer]) => ({ index, image: TINY_PNG_B64, question: question.replaceAll('\n', '\\n'), answer, category }));

describe("STARE, VLMEvalKit's StareBench TSV", () => {
  it('asks its prompt, and reports per-category accuracy, the binary F1s and the macro as evaluate() does', async () => {
    const dir = await tempDir();
    const path = join(dir, 'StareBench.tsv');
    await writeTsv(path, TSV_COLUMNS, tsvRows);
    const run = await runDataset(dir, 'StareBench_CoT', { class: 'StareBench', dataset: 'StareBench_CoT', path });
    expect(run.code, run.stderr).toBe(0);
    const stored = (await readFile(join(run.work, MODEL, `${MODEL}_StareBench_CoT.jsonl`), 'utf8')).split('\n').filter((l) => l !== '');
    const first = JSON.parse(stored[0] as string) as { question: string };
    expect(first.question).toContain("Which shape results?\nA. one\nB. two\nC. three\nD. four");
    expect(first.question).toContain("Answer with the option's letter from the given choices and put the letter in one <answer> answer </answer>\nPlease solve the problem step by step.");

    await rescoreWithReplies(run.work, 'StareBench_CoT', (index) => replyOf.get(index) as string);
    const expected = vlmevalkitExpected();
    const { summary } = await outputs(run.work, 'StareBench_CoT');
    expectMetrics(summary.metrics['vlmevalkit'], expected);
    expect(summary.primary).toMatchObject({ metric: 'overall_accuracy', value: expected['overall_accuracy'] });
    // The original's own summary (percent): every number it prints; an absent category it prints as 0, here it is missing.
    for (const [name, value] of Object.entries(STARE_VLMEVALKIT_SUMMARY)) {
      const key = name.replace(/_accuracy$/, '').replace(/^overall$/, 'overall_accuracy');
      const got = summary.metrics['vlmevalkit']?.[key];
      if (got === null) expect(value, name).toBe(0);
      else expect((got as number) * 100, name).toBeCloseTo(value, 9);
    }
  });
});

// ------------------------------------------------------------- the Parquet forms

const PARQUET_FIELDS = [field.string('qid'), field.string('question'), field.string('answer'), field.list('images', field.image), field.string('category'), field.string('other_info')];
const PNG = { bytes: TINY_PNG, path: 'x.png' };
const CATEGORIES = ['2D_text_instruct', 'folding_nets', 'tangram_puzzle_VSim'];
const GOLDS = ['A', 'B', 'C', 'D'];

/** One row per reply the originals were run on; the gold cycles A–D, the category over three. */
const parquetRows = (): ParquetRowValues[] =>
  STARE_FAST_EXTRACT.map((_, i) => ({ qid: `q${i}`, question: `Question ${i}?\nA. yes\nB. no\nC. red\nD. blue`, answer: GOLDS[i % 4] as string, images: i % 2 === 0 ? [PNG] : [PNG, PNG], category: CATEGORIES[i % 3] as string, other_info: '' }));

/** The original's reading of reply i, then is_equal (lower-cased, stripped) with the gold. */
function parquetExpected(overall: string): Record<string, number> {
  const hits = STARE_FAST_EXTRACT.map(([, extracted], i) => extracted.toLowerCase().trim() === (GOLDS[i % 4] as string).toLowerCase());
  const acc = (xs: readonly boolean[]): number => xs.filter(Boolean).length / xs.length;
  const out: Record<string, number> = { [overall]: acc(hits) };
  for (const c of CATEGORIES) out[c] = acc(hits.filter((_, i) => CATEGORIES[i % 3] === c));
  return out;
}

for (const form of [
  { name: 'STARE', protocol: 'official', overall: 'accuracy', file: 'folding_nets/test-00000-of-00001.parquet', instruction: 'put the letter in one "\\\\boxed{}".\n\nPlease solve the problem step by step.' },
  { name: 'STARE_lmms', protocol: 'lmms-eval', overall: 'stare_score', file: 'All/train-00000-of-00001.parquet', instruction: 'put the letter in one "\\boxed{}". \nPlease solve the problem step by step.' },
] as const) {
  describe(`STARE, ${form.name} Parquet (${form.protocol})`, () => {
    it('sends its prompt and scores fast_extract_answer + is_equal, overall and per category', async () => {
      const dir = await tempDir();
      const data = join(dir, 'snapshot');
      await mkdir(dirname(join(data, form.file)), { recursive: true });
      await writeParquetGroups(join(data, form.file), { fields: PARQUET_FIELDS }, [parquetRows()]);
      // The snapshot folder: the module picks its files.
      const run = await runDataset(dir, form.name, { class: 'STARE', dataset: form.name, path: data });
      expect(run.code, run.stderr).toBe(0);
      const stored = (await readFile(join(run.work, MODEL, `${MODEL}_${form.name}.jsonl`), 'utf8')).split('\n').filter((l) => l !== '');
      expect((JSON.parse(stored[0] as string) as { question: string }).question).toContain(form.instruction);
      const replies = new Map(STARE_FAST_EXTRACT.map(([reply], i) => [`q${i}`, reply]));
      await rescoreWithReplies(run.work, form.name, (index) => replies.get(index) as string);
      const { summary } = await outputs(run.work, form.name);
      expectMetrics(summary.metrics[form.protocol], parquetExpected(form.overall));
      expect(summary.primary).toMatchObject({ metric: form.overall });
    });
  });
}
