import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MMSI_POST_PROMPT, mmsiBench, mmsiBenchCircular, optionsInQuestion } from '../../benchmarks/mmsi-bench.js';
import type { Choice, DataRow, Sample } from '../../src/core/types.js';
import type { PredictionRecord } from '../../src/workdir/records.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { readTsv } from '../../src/data/tsv.js';
import { extractAnswer } from '../../src/extract/pipelines.js';
import { evaluate } from '../../src/score/evaluate.js';
import { writeParquetGroups } from '../../bench/synthetic-parquet.js';
import { MMSI_FIELDS, readAll } from '../data/parquet-fixtures.js';
import { CIRCULAR_COLUMNS, circularRows, mmsiItems, parquetQuestion, writeMmsiParquet, type MmsiItem } from './mmsi-data.js';
import { MMSI } from '../extract/lmms-eval-cases.js';
import { rescoreWith } from './rescore.js';
import { errorLines, mean, metricsMismatch, readOutputs, ROOT, runDataset, runDatasetRowByRow, tempDir, writeTsv } from './run-cli.js';

// ------------------------------------------------------------- the formulas, written out plainly

/** MMSI-Bench README `extract_single_choice_with_word_boundary` (ASCII text: JS \b is Python's). */
function officialLetter(prediction: string): string | null {
  let pred = prediction;
  for (const pattern of [/``([^`]*)``/, /`([^`]*)`/, /\{([^}]*)\}/]) {
    const m = pattern.exec(pred);
    if (m !== null) pred = m[1] ?? '';
  }
  return /\b[A-D]\b(?!\s[a-zA-Z])/.exec(pred)?.[0] ?? null;
}

const officialHit = (prediction: string, gold: string): number => (officialLetter(prediction)?.toLowerCase() === gold.toLowerCase() ? 1 : 0);

/** lmms-eval's copy (tasks/mmsi_bench/utils.py): the same narrowing, then A–F in either case; the lower-cased letter against the gold. */
function lmmsLetter(prediction: string): string | null {
  let pred = prediction;
  for (const pattern of [/``([^`]*)``/, /`([^`]*)`/, /\{([^}]*)\}/]) {
    const m = pattern.exec(pred);
    if (m !== null) pred = m[1] ?? '';
  }
  return /\b[A-F]\b(?!\s[a-zA-Z])/i.exec(pred)?.[0] ?? null;
}

const lmmsHit = (prediction: string, gold: string): number => (lmmsLetter(prediction)?.toLowerCase() === gold.toLowerCase().trim() ? 1 : 0);

/** msr_aggregate_results: `average` over all rows, then one accuracy per question type. */
function lmmsBreakdown<T>(units: readonly T[], hit: (u: T) => number, key: (u: T) => string): Record<string, number | null> {
  const { Overall, ...types } = breakdown(units, hit, key);
  return { average: Overall ?? null, ...types };
}

const lettered = (options: readonly string[]): Choice[] => options.map((text, k) => ({ letter: 'ABCD'[k] as string, text }));

const vlmevalkitHit = (prediction: string, gold: string, choices: readonly Choice[]): number =>
  extractAnswer('vlmevalkit', prediction, choices).answer === gold ? 1 : 0;

/** Ours, reported beside with the official protocol's metrics. */
const robustHit = (prediction: string, gold: string, choices: readonly Choice[]): number =>
  extractAnswer('robust', prediction, choices).answer === gold ? 1 : 0;

/** Accuracy overall, then per value of `key` (values sorted). */
function breakdown<T>(units: readonly T[], hit: (u: T) => number, key: (u: T) => string): Record<string, number | null> {
  const out: Record<string, number | null> = { Overall: mean(units.map(hit)) };
  for (const v of [...new Set(units.map(key))].sort()) out[v] = mean(units.filter((u) => key(u) === v).map(hit));
  return out;
}

function answersOf(predictions: ReadonlyMap<string, string>, index: string): string {
  const p = predictions.get(index);
  if (p === undefined) throw new Error(`no answer stored for index ${index}`);
  // The plain transcription above relies on ASCII-only text.
  expect(p).toMatch(/^[\x00-\x7f]*$/);
  return p;
}

// ------------------------------------------------------------- end to end

describe('MMSI_Bench Parquet through the CLI (embedded mock)', () => {
  it('scores with the official extractor per question type, and VLMEvalKit matching beside it', async () => {
    const dir = await tempDir();
    const items = mmsiItems(30);
    const file = join(dir, 'MMSI_Bench.parquet');
    await writeMmsiParquet(file, items);
    const res = await runDataset(dir, 'MMSI_Bench', { class: 'MMSIBench', dataset: 'MMSI_Bench', path: file });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);

    const { predictions, summary } = await readOutputs(res.work, 'MMSI_Bench');
    expect(predictions.size).toBe(items.length);
    const gold = (it: MmsiItem) => 'ABCD'[it.answer] as string;
    const pred = (it: MmsiItem) => answersOf(predictions, String(it.id));
    const expected = {
      official: breakdown(items, (it) => officialHit(pred(it), gold(it)), (it) => it.type),
      vlmevalkit: breakdown(items, (it) => vlmevalkitHit(pred(it), gold(it), lettered(it.options)), (it) => it.type),
      'lmms-eval': lmmsBreakdown(items, (it) => lmmsHit(pred(it), gold(it)), (it) => it.type),
      robust: breakdown(items, (it) => robustHit(pred(it), gold(it), lettered(it.options)), (it) => it.type),
    };
    expect(metricsMismatch(summary.metrics, expected)).toEqual([]);
    expect(Object.keys(expected.official)).toHaveLength(12);
    expect(summary.primary).toEqual({ protocol: 'official', metric: 'Overall', value: expected.official['Overall'] });
  });
});

describe("MMSI_Bench lmms-eval protocol on the original's cases", () => {
  it('the stored replies replaced by the cases and re-scored by the CLI give msr_aggregate_results over the original letters', async () => {
    const dir = await tempDir();
    const items = mmsiItems(MMSI.length);
    const file = join(dir, 'MMSI_Bench.parquet');
    await writeMmsiParquet(file, items);
    const res = await runDataset(dir, 'MMSI_Bench', { class: 'MMSIBench', dataset: 'MMSI_Bench', path: file });
    expect(res.code, res.stderr).toBe(0);
    const replyOf = new Map(items.map((it, i) => [String(it.id), MMSI[i] as (typeof MMSI)[number]]));
    await rescoreWith(res.work, 'MMSI_Bench', (index) => replyOf.get(index)?.[0] ?? '');
    const { summary } = await readOutputs(res.work, 'MMSI_Bench');
    // The original's letter for each reply (lmms-eval-cases.ts) against the item's gold letter.
    const hit = (it: MmsiItem) => (replyOf.get(String(it.id))?.[1] === 'ABCD'[it.answer] ? 1 : 0);
    expect(metricsMismatch({ 'lmms-eval': summary.metrics['lmms-eval'] ?? {} }, { 'lmms-eval': lmmsBreakdown(items, hit, (it) => it.type) })).toEqual([]);
    expect(items.some((it) => hit(it) === 1) && items.some((it) => hit(it) === 0)).toBe(true);
  });
});

describe('MMSIBench_circular TSV through the CLI (a mock that answers each rotation on its own)', () => {
  it('groups the rotations of a question under both protocols and reports per-row accuracy beside', async () => {
    const dir = await tempDir();
    const items = mmsiItems(22);
    const rows = circularRows(items);
    const tsv = join(dir, 'MMSIBench_circular.tsv');
    await writeTsv(tsv, CIRCULAR_COLUMNS, rows);
    // The embedded mock answers the rotations of a question alike, so grouped and per-row scores
    // would agree; drawn row by row they differ, which shows the grouping at work.
    const res = await runDatasetRowByRow(dir, 'MMSIBench_circular', { class: 'ImageMCQDataset', dataset: 'MMSIBench_circular', path: tsv });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);

    const { predictions, summary } = await readOutputs(res.work, 'MMSIBench_circular');
    expect(predictions.size).toBe(rows.length);
    const choices = (r: (typeof rows)[number]) => lettered([r.A, r.B, r.C, r.D]);
    const official = (r: (typeof rows)[number]) => officialHit(answersOf(predictions, r.index), r.answer);
    const vlmevalkit = (r: (typeof rows)[number]) => vlmevalkitHit(answersOf(predictions, r.index), r.answer, choices(r));
    const robust = (r: (typeof rows)[number]) => robustHit(answersOf(predictions, r.index), r.answer, choices(r));
    // A question counts only if all four rotations (index mod 1e6) are right.
    const grouped = (hit: (r: (typeof rows)[number]) => number) =>
      items.map((it) => ({ it, hit: rows.filter((r) => Number(r.index) % 1_000_000 === it.id).reduce((p, r) => p * hit(r), 1) }));
    const expected: Record<'official' | 'vlmevalkit' | 'robust', Record<string, number | null>> = {
      official: { ...breakdown(grouped(official), (g) => g.hit, (g) => g.it.type), 'Overall (vanilla)': mean(rows.map(official)) },
      vlmevalkit: { ...breakdown(grouped(vlmevalkit), (g) => g.hit, (g) => g.it.short), 'Overall (vanilla)': mean(rows.map(vlmevalkit)) },
      robust: { ...breakdown(grouped(robust), (g) => g.hit, (g) => g.it.type), 'Overall (vanilla)': mean(rows.map(robust)) },
    };
    expect(metricsMismatch(summary.metrics, expected)).toEqual([]);
    expect(summary.counts['scored']).toBe(items.length);
    expect(expected.official['Overall']).not.toBe(expected.official['Overall (vanilla)']);
  });
});

describe('MMSIBench_circular demo file', () => {
  it('runs end to end: 3 questions in 4 rotations', async () => {
    const path = join(ROOT, 'benchmarks', 'demo', 'MMSIBench_circular.tsv');
    const res = await runDataset(await tempDir(), 'MMSIBench_circular', { class: 'ImageMCQDataset', dataset: 'MMSIBench_circular', path });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { summary } = await readOutputs(res.work, 'MMSIBench_circular');
    expect(summary.counts).toMatchObject({ rows: 12, scored: 3 });
  });
});

// ------------------------------------------------------------- prompts

async function firstSample(rows: AsyncIterable<DataRow> | readonly DataRow[], toSample: (row: DataRow) => Promise<Sample>): Promise<Sample> {
  for await (const row of rows) return toSample(row);
  throw new Error('no rows');
}

const textOf = (s: Sample): string => s.parts.flatMap((p) => (p.kind === 'text' ? [p.text] : [])).join('|');
const imagesOf = (s: Sample): Buffer[] => s.parts.flatMap((p) => (p.kind === 'image' ? [p.image.data] : []));

describe('MMSI prompts', () => {
  const post = "Answer with the option's letter from the given choices directly. Enclose the option's letter within ``.";

  it('the post-prompt is the official one', () => {
    expect(MMSI_POST_PROMPT).toBe(post);
  });

  it('Parquet: every image, then the question with its options and the post-prompt; options parsed for the text rule', async () => {
    const dir = await tempDir();
    const [item] = mmsiItems(2).slice(1) as [MmsiItem];
    const file = join(dir, 'MMSI_Bench.parquet');
    await writeMmsiParquet(file, [item]);
    const parquet = mmsiBench.parquet;
    if (parquet === undefined) throw new Error('no Parquet source');
    const sample = await firstSample(await readAll(file, parquet), parquet.toSample);
    expect(textOf(sample)).toBe(`${parquetQuestion(item)}\n${post}`);
    expect(imagesOf(sample)).toEqual([TINY_PNG, TINY_PNG, TINY_PNG]);
    expect(sample).toMatchObject({ index: '1', answer: 'D', choices: lettered(item.options) });
    expect(sample.fields).toMatchObject({ question_type: 'Positional Relationship (Obj.–Obj.)' });
  });

  it('MMSIBench_wo_circular TSV: VLMEvalKit MMSIBench.build_prompt ("Options: A: …, " then the post-prompt)', async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'MMSIBench_wo_circular.tsv');
    await writeTsv(tsv, ['index', 'image', 'question', 'A', 'B', 'C', 'D', 'answer', 'category', 'hint'], [
      { index: '7', image: TINY_PNG.toString('base64'), question: 'Where is the lamp?', A: 'left', B: 'right', C: 'front', D: '', answer: 'B', category: 'Motion-Cam', hint: 'Two views.' },
    ]);
    const sample = await firstSample(readTsv(tsv), (row) => mmsiBench.tsv?.toSample(row) ?? Promise.reject(new Error('no TSV source')));
    expect(textOf(sample)).toBe(`Hint: Two views.\nWhere is the lamp?\nOptions: A: left, B: right, C: front, \n${post}`);
    expect(sample.choices.map((c) => c.letter)).toEqual(['A', 'B', 'C']);
    expect(sample.fields).toMatchObject({ category: 'Motion-Cam', question_type: 'Motion (Cam.)' });
  });

  it("Actial's MMSI_Bench TSV (options inside the question): the official prompt", async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'MMSI_Bench.tsv');
    const question = 'Where is the lamp?\nOptions: A: left, B: right, C: front, D: behind';
    await writeFile(tsv, `index\timage\tquestion\tanswer\tcategory\n3\t['${TINY_PNG.toString('base64')}', '${TINY_PNG.toString('base64')}']\t"${question}"\tC\tMSR\n`);
    const sample = await firstSample(readTsv(tsv), (row) => mmsiBench.tsv?.toSample(row) ?? Promise.reject(new Error('no TSV source')));
    expect(textOf(sample)).toBe(`${question}\n${post}`);
    expect(imagesOf(sample)).toHaveLength(2);
    expect(sample).toMatchObject({ index: '3', answer: 'C', choices: lettered(['left', 'right', 'front', 'behind']) });
  });

  it('MMSIBench_circular TSV: VLMEvalKit\'s generic MCQ prompt', async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'MMSIBench_circular.tsv');
    await writeTsv(tsv, CIRCULAR_COLUMNS, circularRows(mmsiItems(1)));
    const sample = await firstSample(readTsv(tsv), (row) => mmsiBenchCircular.tsv?.toSample(row) ?? Promise.reject(new Error('no TSV source')));
    const [item] = mmsiItems(1) as [MmsiItem];
    const options = item.options.map((o, k) => `${'ABCD'[k]}. ${o}\n`).join('');
    expect(textOf(sample)).toBe(`Question: ${item.stem}\nOptions:\n${options}Please select the correct answer from the options above. \n`);
    expect(imagesOf(sample)).toHaveLength(2);
  });
});

describe('options inside the question', () => {
  it.each([
    ['the HF layout', 'Q?\nOptions: A: left, B: right, C: front, D: behind', ['left', 'right', 'front', 'behind']],
    ['commas inside an option', 'Q?\nOptions: A: up, then left, B: down, C: stay, D: back', ['up, then left', 'down', 'stay', 'back']],
    ['the last Options: counts', 'Options: see below\nQ?\nOptions: A: 1 m, B: 2 m', ['1 m', '2 m']],
  ] as const)('%s', (_name, question, texts) => {
    expect(optionsInQuestion(question)).toEqual(lettered(texts));
  });

  it.each([
    ['no Options:', 'Where is the lamp? A: left, B: right'],
    ['one option', 'Q?\nOptions: A: left'],
    ['letters out of order', 'Q?\nOptions: B: left, A: right'],
  ])('%s → none (the letters A–D still score)', (_name, question) => {
    expect(optionsInQuestion(question)).toBeUndefined();
  });
});

// ------------------------------------------------------------- hand-made answers

describe('MMSIBench_circular on hand-made answers', () => {
  // Two questions; question 0 right in all rotations, question 1 right in 3 of 4.
  const rows = circularRows(mmsiItems(2));
  const record = (r: (typeof rows)[number]): PredictionRecord => {
    const right = r.index !== '1000001';
    const other = r.answer === 'A' ? 'B' : 'A';
    return {
      index: r.index, prompt_hash: 'h', settings_hash: 's', status: 'ok', prediction: `The answer is \`\`${right ? r.answer : other}\`\`.`,
      finish_reason: 'stop', usage: null, latency_ms: 1, attempts: 1, time: '', answer: r.answer,
      choices: lettered([r.A, r.B, r.C, r.D]), fields: { category: r.category, question_type: r.category },
    };
  };
  const result = evaluate(new Map(rows.map((r) => [r.index, record(r)])), mmsiBenchCircular.protocols, true);

  it('a question counts only when every rotation is right; per-row accuracy differs', () => {
    const official = result.protocols[0];
    expect(official?.metrics.get('Overall')?.value).toBe(1 / 2);
    expect(official?.vanilla).toBe(7 / 8);
    expect(official?.units.map((u) => [u.index, u.hit])).toEqual([['0', true], ['1', false]]);
  });
});

// ------------------------------------------------------------- bad input

describe('MMSI bad input: one clear error, exit 2', () => {
  async function refused(dataset: string, file: string, cls: string, patterns: readonly RegExp[]) {
    const res = await runDataset(join(file, '..'), dataset, { class: cls, dataset, path: file });
    const lines = errorLines(res.stderr);
    expect(res.code).toBe(2);
    expect(lines).toHaveLength(1);
    for (const p of patterns) expect(lines[0]).toMatch(p);
  }

  it('Parquet: an answer that is no option letter', async () => {
    const dir = await tempDir();
    const file = join(dir, 'MMSI_Bench.parquet');
    await writeMmsiParquet(file, mmsiItems(4), (row, i) => (i === 2 ? { ...row, answer: 'E' } : row));
    await refused('MMSI_Bench', file, 'MMSIBench', [/MMSI_Bench\.parquet \(row 3, column 'answer'\)/, /answer 'E' is not one of the row's options \(A, B, C, D\)/]);
  });

  it('Parquet: a missing question_type column', async () => {
    const dir = await tempDir();
    const file = join(dir, 'MMSI_Bench.parquet');
    const fields = MMSI_FIELDS.filter((f) => f[0]?.name !== 'question_type');
    await writeParquetGroups(file, { fields }, [[{ id: 1n, images: [TINY_PNG], question: 'Q?\nOptions: A: a, B: b', answer: 'A' }]]);
    await refused('MMSI_Bench', file, 'MMSIBench', [/MMSI_Bench\.parquet \(column 'question_type'\)/, /required column missing/]);
  });

  it('circular TSV: a missing category column', async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'MMSIBench_circular.tsv');
    await writeTsv(tsv, CIRCULAR_COLUMNS.filter((c) => c !== 'category'), circularRows(mmsiItems(2)));
    await refused('MMSIBench_circular', tsv, 'ImageMCQDataset', [/MMSIBench_circular\.tsv \(row 1, column 'category'\)/, /missing column 'category'/]);
  });

  it('circular TSV: an answer outside the options', async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'MMSIBench_circular.tsv');
    const rows = circularRows(mmsiItems(2));
    (rows[1] as (typeof rows)[number]).answer = 'F';
    await writeTsv(tsv, CIRCULAR_COLUMNS, rows);
    await refused('MMSIBench_circular', tsv, 'ImageMCQDataset', [/\(row 2, column 'answer'\)/, /answer 'F' is not one of the row's options/]);
  });
});
