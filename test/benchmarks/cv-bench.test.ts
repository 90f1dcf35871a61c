import { copyFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../src/extract/pipelines.js';
import { CV_BENCH_FIELDS, writeParquetGroups, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { FIRST_LETTER } from '../extract/lmms-eval-cases.js';
import { rescoreWith } from './rescore.js';
import { acc, expectDataError, expectMetrics, mean, mockLetter, outputs, runDataset, tempDir, writeTsv, type Stored } from './helpers.js';

/** One CV-Bench question, the same facts written as a VLMEvalKit TSV row or a HF Parquet row. */
interface Question {
  readonly idx: number;
  readonly type: '2D' | '3D';
  readonly task: string;
  readonly source: string;
  readonly choices: readonly string[];
  readonly answer: number;
}

/** 2D questions mix both tasks over both sources; Count has six options, as the real one can. */
function questions2d(n: number): Question[] {
  return Array.from({ length: n }, (_, i) => {
    const count = i % 2 === 1;
    const choices = count ? ['0', '1', '2', '3', '4', '5'] : ['left', 'right'];
    return { idx: i, type: '2D', task: count ? 'Count' : 'Relation', source: i % 3 === 0 ? 'COCO' : 'ADE20K', choices, answer: (i * 5) % choices.length };
  });
}

function questions3d(n: number): Question[] {
  return Array.from({ length: n }, (_, i) => {
    const choices = i % 4 === 3 ? ['the chair', 'the lamp', 'the table'] : ['the chair', 'the lamp'];
    return { idx: i, type: '3D', task: i % 2 === 0 ? 'Depth' : 'Distance', source: 'Omni3D', choices, answer: (i * 7) % choices.length };
  });
}

const LETTERS = 'ABCDEF';
const letter = (k: number): string => LETTERS[k] ?? '?';

function question(q: Question): string {
  return `[${q.type} ${q.idx}] ${q.task === 'Count' ? 'How many chairs are in the image?' : 'Which object is closer to the camera (red box)?'}`;
}

function prompt(q: Question): string {
  return `${question(q)} Select from the following choices.\n${q.choices.map((c, k) => `(${letter(k)}) ${c}`).join('\n')}`;
}

const TSV_COLUMNS = ['index', 'image', 'question', 'A', 'B', 'C', 'D', 'E', 'F', 'answer', 'prompt', 'category', 'split', 'source', 'source_dataset'];

function tsvRow(q: Question): Record<string, string> {
  const row: Record<string, string> = {
    index: String(q.idx),
    image: TINY_PNG.toString('base64'),
    question: question(q),
    answer: letter(q.answer),
    prompt: prompt(q),
    category: q.task,
    split: q.type,
    source: q.source,
    source_dataset: `${q.source} val`,
  };
  q.choices.forEach((c, k) => (row[letter(k)] = c));
  return row;
}

function parquetRow(q: Question): ParquetRowValues {
  return {
    idx: q.idx,
    type: q.type,
    task: q.task,
    image: { bytes: TINY_PNG, path: `img/${q.type}/${q.idx}.png` },
    question: question(q),
    choices: [...q.choices],
    answer: `(${letter(q.answer)})`,
    prompt: prompt(q),
    filename: `img/${q.type}/${q.idx}.png`,
    source: q.source,
    source_dataset: `${q.source} val`,
    source_filename: `${q.idx}.jpg`,
    target_class: null,
    target_size: null,
    bbox: null,
  };
}

async function writeParquet(file: string, qs: readonly Question[], edit: (row: ParquetRowValues) => ParquetRowValues = (r) => r): Promise<void> {
  await writeParquetGroups(file, { fields: CV_BENCH_FIELDS }, [qs.map((q) => edit(parquetRow(q)))]);
}

/** A stored record, judged twice: by our own letter rule (official) and by VLMEvalKit's exact matching. */
interface Judged {
  readonly fields: Readonly<Record<string, string>>;
  readonly hit: boolean;
  readonly hitVlmevalkit: boolean;
  readonly hitLmms: boolean;
}

/**
 * lmms-eval's cv_bench process_results, written out for ASCII replies: the letter the stripped
 * reply starts with after "(" and spaces, upper-cased, against the answer with "()" stripped.
 */
function lmmsHit(reply: string, answer: string): boolean {
  const letter = /^[(\s]*([A-Za-z])/.exec(reply.trim())?.[1]?.toUpperCase() ?? '';
  expect(reply).toMatch(/^[\x00-\x7f]*$/);
  return letter === answer.replace(/^[()]+|[()]+$/g, '');
}

function judge(records: readonly Stored[]): Judged[] {
  return records.map((r) => {
    const mine = mockLetter(r.prediction);
    expect(mine, `no letter in ${JSON.stringify(r.prediction)}`).not.toBeNull();
    return {
      fields: r.fields,
      hit: mine === r.answer,
      // VLMEvalKit's can_infer is reproduced by the project's vlmevalkit pipeline; the formula below is ours.
      hitVlmevalkit: extractAnswer('vlmevalkit', r.prediction, r.choices).answer === r.answer,
      hitLmms: lmmsHit(r.prediction, r.answer),
    };
  });
}

const by = (items: readonly Judged[], field: string, value: string, vk = false): number =>
  acc(items.filter((j) => j.fields[field] === value).map((j) => (vk ? j.hitVlmevalkit : j.hit)));

/**
 * The official formula (CV-Bench dataset card): accuracy per source, 2D = (ADE20K + COCO) / 2,
 * 3D = Omni3D, Overall = (2D + 3D) / 2; per-task accuracies beside.
 */
function official2d(j: readonly Judged[]): Record<string, number> {
  const ade = by(j, 'source', 'ADE20K');
  const coco = by(j, 'source', 'COCO');
  return { ADE20K: ade, COCO: coco, '2D': (ade + coco) / 2, Relation: by(j, 'task', 'Relation'), Count: by(j, 'task', 'Count') };
}

function official3d(j: readonly Judged[]): Record<string, number> {
  const omni = by(j, 'source', 'Omni3D');
  return { Omni3D: omni, '3D': omni, Distance: by(j, 'task', 'Distance'), Depth: by(j, 'task', 'Depth') };
}

describe('CV-Bench', () => {
  it('CV-Bench-3D TSV: official Omni3D accuracy as its headline, VLMEvalKit report_acc beside it', async () => {
    const dir = await tempDir();
    const qs = questions3d(12);
    const file = join(dir, 'CV-Bench-3D.tsv');
    await writeTsv(file, TSV_COLUMNS, qs.map(tsvRow));
    const res = await runDataset(dir, 'CV-Bench-3D', { class: 'CVBench', dataset: 'CV-Bench-3D', path: file });
    expect(res.code, res.stderr).toBe(0);

    const { records, summary } = await outputs(res.work, 'CV-Bench-3D');
    expect(records).toHaveLength(qs.length);
    expect(summary.benchmark).toBe('cv-bench-3d');
    const j = judge(records);
    const official = official3d(j);
    expectMetrics(summary.metrics['official'], official);
    // VLMEvalKit (generic report_acc): plain accuracy over all, then per category.
    const all = acc(j.map((x) => x.hitVlmevalkit));
    expectMetrics(summary.metrics['vlmevalkit'], { Overall: all, Distance: by(j, 'task', 'Distance', true), Depth: by(j, 'task', 'Depth', true) });
    expect(summary.primary).toEqual({ protocol: 'official', metric: '3D', value: official['3D'] });
    // lmms-eval's cv_bench_3d: micro accuracy over every row.
    expectMetrics(summary.metrics['lmms-eval'], { cv_bench_acc: acc(j.map((x) => x.hitLmms)) });
  });

  it('CV-Bench-2D TSV: the 2D mean of sources is the headline, never a null overall', async () => {
    const dir = await tempDir();
    const qs = questions2d(16);
    const file = join(dir, 'CV-Bench-2D.tsv');
    await writeTsv(file, TSV_COLUMNS, qs.map(tsvRow));
    // Actial's own config names CV-Bench with the generic class: the dataset name decides.
    const res = await runDataset(dir, 'CV-Bench-2D', { class: 'ImageMCQDataset', dataset: 'CV-Bench-2D', path: file });
    expect(res.code, res.stderr).toBe(0);

    const { records, summary } = await outputs(res.work, 'CV-Bench-2D');
    expect(records).toHaveLength(qs.length);
    const j = judge(records);
    const official = official2d(j);
    expectMetrics(summary.metrics['official'], official);
    // VLMEvalKit's CVBench.report_accuracy: accuracy per source, Overall = their plain mean.
    const ade = by(j, 'source', 'ADE20K', true);
    const coco = by(j, 'source', 'COCO', true);
    expectMetrics(summary.metrics['vlmevalkit'], { Overall: mean([ade, coco]), ADE20K: ade, COCO: coco });
    expectMetrics(summary.metrics['lmms-eval'], { cv_bench_acc: acc(j.map((x) => x.hitLmms)) });
    expect(summary.primary.metric).toBe('2D');
    expect(summary.primary.value).toBeCloseTo(official['2D'] ?? Number.NaN, 12);
  });

  it("lmms-eval's cv_bench_acc on the original's cases: the stored replies replaced, re-scored by the CLI", async () => {
    const dir = await tempDir();
    // Every question's answer is B, as in the cases' run of cv_bench_process_results.
    const qs: Question[] = FIRST_LETTER.map((_, i) => ({ idx: i, type: '3D', task: i % 2 === 0 ? 'Depth' : 'Distance', source: 'Omni3D', choices: ['the chair', 'the lamp', 'the table', 'the sofa'], answer: 1 }));
    const file = join(dir, 'CV-Bench-3D.tsv');
    await writeTsv(file, TSV_COLUMNS, qs.map(tsvRow));
    const res = await runDataset(dir, 'CV-Bench-3D', { class: 'CVBench', dataset: 'CV-Bench-3D', path: file });
    expect(res.code, res.stderr).toBe(0);
    await rescoreWith(res.work, 'CV-Bench-3D', (index) => FIRST_LETTER[Number(index)]?.[0] ?? '');
    const { summary } = await outputs(res.work, 'CV-Bench-3D');
    // cv_bench_aggregate_results over the original's is_correct verdicts.
    expectMetrics(summary.metrics['lmms-eval'], { cv_bench_acc: acc(FIRST_LETTER.map((c) => c[2])) });
  });

  it('HuggingFace layout via --data-dir: test_2d + test_3d, not the old test.parquet beside them', async () => {
    const dir = await tempDir();
    const repo = join(dir, 'hf', 'nyu-visionx', 'CV-Bench');
    await mkdir(repo, { recursive: true });
    const q2 = questions2d(16);
    const q3 = questions3d(12); // idx counts from 0 in both files
    await writeParquet(join(repo, 'test_2d.parquet'), q2);
    await writeParquet(join(repo, 'test_3d.parquet'), q3);
    await copyFile(join(repo, 'test_3d.parquet'), join(repo, 'test.parquet'));

    const res = await runDataset(dir, 'CV-Bench', { class: 'CVBench', dataset: 'CV-Bench' }, ['--data-dir', join(dir, 'hf')]);
    expect(res.code, res.stderr).toBe(0);
    const { records, summary } = await outputs(res.work, 'CV-Bench');
    expect(records).toHaveLength(q2.length + q3.length);
    expect(new Set(records.map((r) => r.index))).toEqual(new Set([...q2.map((q) => `2D_${q.idx}`), ...q3.map((q) => `3D_${q.idx}`)]));

    const j = judge(records);
    const o2 = official2d(j);
    const o3 = official3d(j);
    const overall = ((o2['2D'] ?? 0) + (o3['3D'] ?? 0)) / 2;
    expectMetrics(summary.metrics['official'], { ...o2, ...o3, Overall: overall });
    // VLMEvalKit scores the halves as two datasets; both numbers, no combined mean.
    const ade = by(j, 'source', 'ADE20K', true);
    const coco = by(j, 'source', 'COCO', true);
    expectMetrics(summary.metrics['vlmevalkit'], {
      '2D': mean([ade, coco]),
      ADE20K: ade,
      COCO: coco,
      '3D': by(j, 'type', '3D', true),
      Distance: by(j, 'task', 'Distance', true),
      Depth: by(j, 'task', 'Depth', true),
    });
    expect(summary.primary.metric).toBe('Overall');
    expect(summary.primary.value).toBeCloseTo(overall, 12);
    // lmms-eval's cv_bench: micro accuracy over both halves, not the official mean of means.
    const micro = acc(j.map((x) => x.hitLmms));
    expectMetrics(summary.metrics['lmms-eval'], { cv_bench_acc: micro });

    // The 2D half alone, by its name, from the same download.
    const half = await runDataset(dir, 'CV-Bench-2D', { class: 'CVBench', dataset: 'CV-Bench-2D' }, ['--data-dir', join(dir, 'hf')]);
    expect(half.code, half.stderr).toBe(0);
    const two = await outputs(half.work, 'CV-Bench-2D');
    expect(two.records).toHaveLength(q2.length);
    expectMetrics(two.summary.metrics['official'], official2d(judge(two.records)));
  });

  it('refuses a TSV without the prompt column, naming it', async () => {
    const dir = await tempDir();
    const file = join(dir, 'CV-Bench-3D.tsv');
    await writeTsv(file, TSV_COLUMNS.filter((c) => c !== 'prompt'), questions3d(4).map(tsvRow));
    const res = await runDataset(dir, 'CV-Bench-3D', { class: 'CVBench', dataset: 'CV-Bench-3D', path: file });
    expectDataError(res, [file, /row 1/, /'prompt'/, /missing column/]);
  });

  it('refuses a TSV answer that is none of the options', async () => {
    const dir = await tempDir();
    const file = join(dir, 'CV-Bench-3D.tsv');
    const rows = questions3d(4).map(tsvRow);
    rows[2] = { ...rows[2], answer: 'E' };
    await writeTsv(file, TSV_COLUMNS, rows);
    const res = await runDataset(dir, 'CV-Bench-3D', { class: 'CVBench', dataset: 'CV-Bench-3D', path: file });
    expectDataError(res, [file, /row 3/, /'answer'/, /'E' is not one of the row's options \(A, B\)/]);
  });

  it('refuses a Parquet answer outside its choices, and a file missing a required column', async () => {
    const dir = await tempDir();
    const bad = join(dir, 'test_3d.parquet');
    await writeParquet(bad, questions3d(4), (r) => (r['idx'] === 1 ? { ...r, answer: '(D)' } : r));
    const res = await runDataset(dir, 'CV-Bench-3D', { class: 'CVBench', dataset: 'CV-Bench-3D', path: bad });
    expectDataError(res, [bad, /row 2/, /'answer'/, /\(D\)/]);

    const noSource = join(dir, 'no-source.parquet');
    const fields = CV_BENCH_FIELDS.filter((f) => f[0]?.name !== 'source');
    await writeParquetGroups(noSource, { fields }, [questions3d(4).map(parquetRow)]);
    const res2 = await runDataset(dir, 'CV-Bench-3D', { class: 'CVBench', dataset: 'CV-Bench-3D', path: noSource });
    expectDataError(res2, [noSource, /'source'/, /required column missing/]);
  });
});
