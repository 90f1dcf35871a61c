import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { blink, BLINK_SPATIAL, BLINK_SUBTASKS } from '../../benchmarks/blink.js';
import { extractAnswer } from '../../src/extract/pipelines.js';
import { readParquet } from '../../src/data/parquet.js';
import { writeParquetGroups, writeSyntheticParquet, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { paddedJpeg, TINY_PNG } from '../../bench/synthetic.js';
import { BLINK_FIELDS } from '../data/parquet-fixtures.js';
import { blinkOracle } from './blink-oracle.js';
import { acc, expectDataError, expectMetrics, mean, mockLetter, outputs, pyList, runDataset, tempDir, writeTsv, type Stored } from './helpers.js';

/** Images per question and option count, roughly as in BLINK (1–4 images, 2–4 options). */
const SHAPE: Readonly<Record<string, { images: number; options: number }>> = {
  Art_Style: { images: 3, options: 2 },
  Counting: { images: 1, options: 4 },
  Forensic_Detection: { images: 4, options: 4 },
  IQ_Test: { images: 1, options: 4 },
  'Multi-view_Reasoning': { images: 2, options: 2 },
  Relative_Reflectance: { images: 1, options: 3 },
  Visual_Correspondence: { images: 2, options: 4 },
};
const shapeOf = (task: string) => SHAPE[task] ?? { images: 1, options: 2 };

interface Question {
  readonly task: string;
  /** 1-based within its subtask, as BLINK's idx. */
  readonly n: number;
  readonly options: readonly string[];
  readonly answer: number;
  readonly images: readonly Buffer[];
}

/** `perTask` questions per subtask, one more for every other subtask: unequal sizes tell the mean of subtasks from micro accuracy. */
function questions(perTask: number): Question[] {
  return BLINK_SUBTASKS.flatMap((task, t) =>
    Array.from({ length: perTask + (t % 2) }, (_, k) => {
      const { images, options } = shapeOf(task);
      return {
        task,
        n: k + 1,
        options: Array.from({ length: options }, (_, o) => `option ${o + 1} of ${task} ${k + 1}`),
        answer: (t + 3 * k) % options,
        images: Array.from({ length: images }, (_, m) => (m === 0 ? TINY_PNG : paddedJpeg(700, `${task} ${k} ${m}`))),
      };
    }),
  );
}

const LETTERS = 'ABCD';
const letter = (k: number): string => LETTERS[k] ?? '?';
const questionText = (q: Question): string => `[${q.task} ${q.n}] Which option matches the reference?`;

// ---------------------------------------------------------------- VLMEvalKit TSV forms

const TSV_COLUMNS = ['index', 'image', 'question', 'A', 'B', 'C', 'D', 'answer', 'category'];

/** A BLINK.tsv row: several images in one cell as a Python list literal, the subtask in `category`. */
function tsvRow(q: Question, index: number, rotation = 0): Record<string, string> {
  const k = q.options.length;
  const row: Record<string, string> = {
    index: String(index + 1_000_000 * rotation),
    // Rotations point at their original row's images, as VLMEvalKit's circular TSVs do.
    image: rotation > 0 ? String(index) : q.images.length === 1 ? (q.images[0] as Buffer).toString('base64') : pyList(q.images.map((b) => b.toString('base64'))),
    question: questionText(q),
    answer: letter((q.answer - rotation + k) % k),
    category: q.task,
  };
  q.options.forEach((_, o) => (row[letter(o)] = q.options[(o + rotation) % k] ?? ''));
  return row;
}

// ---------------------------------------------------------------- HF Parquet form

function parquetRow(q: Question, split: 'val' | 'test'): ParquetRowValues {
  const image = (m: number) => {
    const bytes = q.images[m];
    return bytes === undefined ? null : { bytes, path: `${split}_${q.task}_${q.n}_${m + 1}.png` };
  };
  return {
    idx: `${split}_${q.task}_${q.n}`,
    question: questionText(q),
    sub_task: q.task,
    image_1: image(0),
    image_2: image(1),
    image_3: image(2),
    image_4: image(3),
    choices: [...q.options],
    answer: split === 'test' ? 'hidden' : `(${letter(q.answer)})`,
    prompt: `${questionText(q)}\nSelect from the following choices.\n${q.options.map((o, k) => `(${letter(k)}) ${o}`).join('\n')}`,
    explanation: '',
  };
}

/** The HF download: `<Subtask>/val-…parquet` with answers and `<Subtask>/test-…parquet` without. */
async function writeHfLayout(root: string, qs: readonly Question[]): Promise<void> {
  for (const task of BLINK_SUBTASKS) {
    const dir = join(root, task);
    await mkdir(dir, { recursive: true });
    const mine = qs.filter((q) => q.task === task);
    await writeParquetGroups(join(dir, 'val-00000-of-00001.parquet'), { fields: BLINK_FIELDS }, [mine.map((q) => parquetRow(q, 'val'))]);
    await writeParquetGroups(join(dir, 'test-00000-of-00001.parquet'), { fields: BLINK_FIELDS }, [mine.map((q) => parquetRow(q, 'test'))]);
  }
}

// ---------------------------------------------------------------- expected scores

interface Unit {
  readonly task: string;
  readonly hit: boolean;
  readonly hitVlmevalkit: boolean;
  readonly hitLmms: boolean;
}

/** lmms-eval's blink_process_results for ASCII replies: the letter the stripped reply starts with (after "(" and spaces), upper-cased. */
function lmmsHit(reply: string, answer: string): boolean {
  expect(reply).toMatch(/^[\x00-\x7f]*$/);
  return (/^[(\s]*([A-Za-z])/.exec(reply.trim())?.[1]?.toUpperCase() ?? '') === answer;
}

/**
 * Rows judged by BLINK's own rule (official; a reply it leaves to GPT-3.5 is a miss without a
 * judge) and by VLMEvalKit's exact matching (the project's vlmevalkit pipeline).
 */
function judgeRows(records: readonly Stored[]): (Unit & { readonly index: string })[] {
  return records.map((r) => {
    expect(mockLetter(r.prediction), `no letter in ${JSON.stringify(r.prediction)}`).not.toBeNull();
    const task = r.fields['sub_task'];
    expect(BLINK_SUBTASKS as readonly (string | undefined)[]).toContain(task);
    const official = blinkOracle(r.prediction, r.choices.length);
    return { index: r.index, task: task ?? '', hit: official === `(${r.answer})`, hitVlmevalkit: extractAnswer('vlmevalkit', r.prediction, r.choices).answer === r.answer, hitLmms: lmmsHit(r.prediction, r.answer) };
  });
}

/** Circular units: rows `orig + 1e6·k` together, right only when every rotation is. */
function circularUnits(rows: readonly (Unit & { readonly index: string })[]): Unit[] {
  const groups = new Map<number, (Unit & { index: string })[]>();
  for (const r of rows) {
    const key = Number(r.index) % 1_000_000;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  return [...groups.values()].map((g) => ({ task: g[0]?.task ?? '', hit: g.every((r) => r.hit), hitVlmevalkit: g.every((r) => r.hitVlmevalkit), hitLmms: g.every((r) => r.hitLmms) }));
}

const taskAcc = (units: readonly Unit[], task: string, vk = false): number => acc(units.filter((u) => u.task === task).map((u) => (vk ? u.hitVlmevalkit : u.hit)));

/**
 * Official (eval/evaluate.py): accuracy per subtask; Total = plain mean of the 14 subtask
 * accuracies; Spatial = mean of Multi-view_Reasoning, Relative_Depth, Spatial_Relation.
 */
function official(units: readonly Unit[]): Record<string, number> {
  const per = Object.fromEntries(BLINK_SUBTASKS.map((t) => [t, taskAcc(units, t)]));
  return { ...per, Total: mean(BLINK_SUBTASKS.map((t) => per[t] ?? Number.NaN)), Spatial: mean(BLINK_SPATIAL.map((t) => per[t] ?? Number.NaN)) };
}

/** VLMEvalKit (report_acc): accuracy over all questions, then per category. */
function vlmevalkit(units: readonly Unit[]): Record<string, number> {
  const per = Object.fromEntries(BLINK_SUBTASKS.map((t) => [t, taskAcc(units, t, true)]));
  return { Overall: acc(units.map((u) => u.hitVlmevalkit)), ...per };
}

/** lmms-eval's blink group: blink_acc per subtask task, the group's blink_acc their plain mean (weight_by_size false). */
function lmmsEval(units: readonly Unit[]): Record<string, number> {
  const present = [...new Set(units.map((u) => u.task))].sort();
  const per = Object.fromEntries(present.map((t) => [t, acc(units.filter((u) => u.task === t).map((u) => u.hitLmms))]));
  return { blink_acc: mean(present.map((t) => per[t] ?? Number.NaN)), ...per };
}

describe('BLINK', () => {
  it('BLINK TSV (multi-image rows): Total is the mean of the 14 subtasks, VLMEvalKit micro accuracy beside it', async () => {
    const dir = await tempDir();
    const qs = questions(3);
    const file = join(dir, 'BLINK.tsv');
    await writeTsv(file, TSV_COLUMNS, qs.map((q, i) => tsvRow(q, i)));
    const res = await runDataset(dir, 'BLINK', { class: 'ImageMCQDataset', dataset: 'BLINK', path: file });
    expect(res.code, res.stderr).toBe(0);

    const { records, summary } = await outputs(res.work, 'BLINK');
    expect(records).toHaveLength(qs.length);
    expect(summary.benchmark).toBe('blink');
    const rows = judgeRows(records);
    const expected = official(rows);
    expectMetrics(summary.metrics['official'], expected);
    expectMetrics(summary.metrics['vlmevalkit'], vlmevalkit(rows));
    expectMetrics(summary.metrics['lmms-eval'], lmmsEval(rows));
    expect(summary.primary.metric).toBe('Total');
    expect(summary.primary.value).toBeCloseTo(expected['Total'] ?? Number.NaN, 12);
  });

  it('BLINK_circular TSV: a question counts only when all its rotations are right, in both protocols', async () => {
    const dir = await tempDir();
    const qs = questions(2);
    const file = join(dir, 'BLINK_circular.tsv');
    const rows = qs.flatMap((q, i) => q.options.map((_, k) => tsvRow(q, i, k)));
    await writeTsv(file, TSV_COLUMNS, rows);
    const res = await runDataset(dir, 'BLINK_circular', { class: 'ImageMCQDataset', dataset: 'BLINK_circular', path: file });
    expect(res.code, res.stderr).toBe(0);

    const { records, summary } = await outputs(res.work, 'BLINK_circular');
    expect(records).toHaveLength(rows.length);
    const judged = judgeRows(records);
    const units = circularUnits(judged);
    expect(units).toHaveLength(qs.length);
    // Beside the grouped scores, each protocol reports its per-row (vanilla) accuracy.
    expectMetrics(summary.metrics['official'], { ...official(units), 'Overall (vanilla)': acc(judged.map((r) => r.hit)) });
    expectMetrics(summary.metrics['vlmevalkit'], { ...vlmevalkit(units), 'Overall (vanilla)': acc(judged.map((r) => r.hitVlmevalkit)) });
    // lmms-eval has no circular BLINK; on this name its protocol groups the rotations like every other.
    expectMetrics(summary.metrics['lmms-eval'], { ...lmmsEval(units), 'Overall (vanilla)': acc(judged.map((r) => r.hitLmms)) });
  });

  it('HuggingFace layout via --data-dir: every subtask val file, never a test file', async () => {
    const dir = await tempDir();
    const qs = questions(3);
    await writeHfLayout(join(dir, 'hf', 'BLINK-Benchmark', 'BLINK'), qs);
    const res = await runDataset(dir, 'BLINK', { class: 'ImageMCQDataset', dataset: 'BLINK' }, ['--data-dir', join(dir, 'hf')]);
    expect(res.code, res.stderr).toBe(0);

    const { records, summary } = await outputs(res.work, 'BLINK');
    expect(records.map((r) => r.index).sort()).toEqual(qs.map((q) => `val_${q.task}_${q.n}`).sort());
    const rows = judgeRows(records);
    expectMetrics(summary.metrics['official'], official(rows));
    expectMetrics(summary.metrics['vlmevalkit'], vlmevalkit(rows));
    expectMetrics(summary.metrics['lmms-eval'], lmmsEval(rows));
  });

  it('official Parquet prompt: text first, then every image in order; the disclaimer only where the official script adds it', async () => {
    const dir = await tempDir();
    const qs = questions(1);
    await writeHfLayout(dir, qs);
    const parquet = blink.parquet;
    if (parquet === undefined) throw new Error('BLINK reads Parquet');
    for (const task of ['Art_Style', 'Forensic_Detection', 'Spatial_Relation', 'Multi-view_Reasoning']) {
      const file = join(dir, task, 'val-00000-of-00001.parquet');
      for await (const row of readParquet(file, { imageColumns: parquet.imageColumns, requiredColumns: parquet.requiredColumns })) {
        const sample = await parquet.toSample(row);
        const q = qs.find((x) => sample.index === `val_${x.task}_${x.n}`);
        if (q === undefined) throw new Error(`no ${task} question`);
        expect(sample.parts.map((p) => p.kind)).toEqual(['text', ...q.images.map(() => 'image')]);
        sample.parts.slice(1).forEach((p, m) => expect(p.kind === 'image' && p.image.data.equals(q.images[m] ?? Buffer.alloc(0))).toBe(true));
        const text = sample.parts[0]?.kind === 'text' ? sample.parts[0].text : '';
        const prompt = String(parquetRow(q, 'val')['prompt']);
        if (task === 'Art_Style' || task === 'Forensic_Detection') {
          expect(text).toMatch(/^Disclaimer: .*\n\n/);
          expect(text.endsWith(`\n\n${prompt}`)).toBe(true);
        } else {
          expect(text).toBe(prompt);
        }
        expect(sample.fields).toEqual({ sub_task: task });
      }
    }
  });

  it('refuses a test-split file (answers hidden) given by path', async () => {
    const dir = await tempDir();
    await writeHfLayout(dir, questions(2));
    const file = join(dir, 'Counting', 'test-00000-of-00001.parquet');
    const res = await runDataset(dir, 'BLINK', { class: 'ImageMCQDataset', dataset: 'BLINK', path: file });
    expectDataError(res, [file, /row 1/, /'answer'/, /hidden/, /val/]);
  });

  it('refuses a CV-Bench Parquet given as BLINK, naming the missing column', async () => {
    const dir = await tempDir();
    const file = join(dir, 'test_2d.parquet');
    await writeSyntheticParquet(file, { rows: 4, imageBytes: 500, rowGroupSize: 4 });
    const res = await runDataset(dir, 'BLINK', { class: 'ImageMCQDataset', dataset: 'BLINK', path: file });
    expectDataError(res, [file, /'sub_task'/, /required column missing/]);
  });

  it('refuses a TSV without the subtask column, an unknown subtask, and an answer outside the options', async () => {
    const dir = await tempDir();
    const rows = questions(1).map((q, i) => tsvRow(q, i));
    const noCategory = join(dir, 'no-category.tsv');
    await writeTsv(noCategory, TSV_COLUMNS.filter((c) => c !== 'category'), rows);
    expectDataError(await runDataset(dir, 'BLINK', { class: 'ImageMCQDataset', dataset: 'BLINK', path: noCategory }), [
      noCategory,
      /row 1/,
      /missing column 'sub_task' or 'category'/,
    ]);

    const unknown = join(dir, 'unknown.tsv');
    await writeTsv(unknown, TSV_COLUMNS, rows.map((r, i) => (i === 4 ? { ...r, category: 'Depth_Estimation' } : r)));
    expectDataError(await runDataset(dir, 'BLINK', { class: 'ImageMCQDataset', dataset: 'BLINK', path: unknown }), [
      unknown,
      /row 5/,
      /'category'/,
      /'Depth_Estimation'/,
      /Multi-view_Reasoning/,
    ]);

    const badAnswer = join(dir, 'bad-answer.tsv');
    const target = rows.findIndex((r) => r['C'] === undefined);
    await writeTsv(badAnswer, TSV_COLUMNS, rows.map((r, i) => (i === target ? { ...r, answer: 'C' } : r)));
    expectDataError(await runDataset(dir, 'BLINK', { class: 'ImageMCQDataset', dataset: 'BLINK', path: badAnswer }), [
      badAnswer,
      new RegExp(`row ${target + 1}\\b`),
      /'C' is not one of the row's options \(A, B\)/,
    ]);
  });
});
