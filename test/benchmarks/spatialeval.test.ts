/**
 * SpatialEval through the compiled CLI. The HF Parquet forms run against the project's mock server
 * made to reply, for each question, the reply of one case of spatialeval-cases.ts (keyed by the
 * official prompt's text, so a request with any other text would get no such reply): every number
 * the summary and `_acc.csv` report is then recomputed here from the ORIGINAL script's per-reply
 * scores with its formula — correct lines over all lines, per (task, modality). Spatial-Real goes
 * to the judge (the mock's judge rule, written out in spatialeval-data.ts) or stays undecided.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockOptionsFromFlags } from '../../src/cli/mock-server.js';
import { questionKey } from '../../src/mock/answer-key.js';
import { startMockServer } from '../../src/mock/server.js';
import { extractAnswer } from '../../src/extract/pipelines.js';
import { SPATIALEVAL_TASKS } from '../../src/extract/spatialeval.js';
import { writeParquetGroups } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { acc, errorLines, expectDataError, expectMetrics, MODEL, MOCK_MODEL, outputs, REPO_ROOT, runCli, runDataset, tempDir, writeTsv, type Stored } from './helpers.js';
import { IMAGE_FIELDS, mockJudgeLetter, MODALITIES, spatialEvalRows, W_REASON, writeHfLayout, type Row } from './spatialeval-data.js';

const ROWS = spatialEvalRows();
const byId = new Map(ROWS.map((r) => [`${r.modality}/${r.id}`, r]));

/** A mock that replies each row's case reply to the row's text under either official prompt. */
async function replyingMock(dir: string) {
  const keyFile = join(dir, 'replies.jsonl');
  const lines = ROWS.flatMap((r) => [r.text + W_REASON, r.text].map((prompt) => JSON.stringify({ key: questionKey([prompt]), answer: r.reply, letters: [] })));
  await writeFile(keyFile, `${lines.join('\n')}\n`);
  return startMockServer(await mockOptionsFromFlags({ answerKey: keyFile, accuracy: '1', seed: '1', style: 'letter', port: '0', modelId: MODEL }, {}));
}

async function runParquet(dataset: string, withJudge: boolean) {
  const dir = await tempDir();
  await writeHfLayout(join(dir, 'hub'), ROWS);
  const server = await replyingMock(dir);
  try {
    const model = { ...MOCK_MODEL, api_base: `${server.url}/chat/completions`, key: 'EMPTY', mock: undefined, max_tokens: 4096 };
    const judge = withJudge ? { judge: { model: MODEL, api_base: server.url, key: 'EMPTY' } } : {};
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({ model: { [MODEL]: model }, data: { [dataset]: { class: 'SpatialEval', dataset, path: join(dir, 'hub') } }, ...judge }));
    const work = join(dir, 'work');
    const res = await runCli(['--config', config, '--work-dir', work]);
    expect(errorLines(res.stderr), res.stderr).toEqual([]);
    expect(res.code).toBe(0);
    return { ...(await outputs(work, dataset)), acc: await readFile(join(work, MODEL, `${MODEL}_${dataset}_acc.csv`), 'utf8') };
  } finally {
    await server.close();
  }
}

/** The official credit of each stored answer: the original script's score, or the judge's letter for Spatial-Real. */
function credits(records: readonly Stored[], judged: boolean): { row: Row; credit: number }[] {
  return records.map((rec) => {
    const row = byId.get(rec.index);
    if (row === undefined) throw new Error(`unexpected index ${rec.index}`);
    expect(rec.prediction, rec.index).toBe(row.reply);
    const credit = row.score ?? (judged && mockJudgeLetter(row.reply, row.options) === row.letter ? 1 : 0);
    return { row, credit };
  });
}

function meanOf(xs: readonly { credit: number }[]): number {
  return xs.length === 0 ? Number.NaN : xs.reduce((a, x) => a + x.credit, 0) / xs.length;
}

/** evaluate_model_accuracy per (task, modality) file, and over everything. */
function officialMetrics(scored: readonly { row: Row; credit: number }[]): Record<string, number> {
  const out: Record<string, number> = { Overall: meanOf(scored) };
  for (const t of SPATIALEVAL_TASKS) out[t] = meanOf(scored.filter((s) => s.row.task === t));
  for (const m of [...new Set(scored.map((s) => s.row.modality))].sort()) out[m] = meanOf(scored.filter((s) => s.row.modality === m));
  for (const cell of [...new Set(scored.map((s) => `${s.row.task}/${s.row.modality}`))].sort()) {
    out[cell] = meanOf(scored.filter((s) => `${s.row.task}/${s.row.modality}` === cell));
  }
  return out;
}

/** The `_acc.csv` the paper's tables read: a row per modality, Overall then each task. */
function expectedAccCsv(scored: readonly { row: Row; credit: number }[]): string[][] {
  const tasks = [...new Set(scored.map((s) => s.row.task))].sort();
  const rows = [...new Set(scored.map((s) => s.row.modality))].sort().map((m) => {
    const mine = scored.filter((s) => s.row.modality === m);
    return [m, meanOf(mine), ...tasks.map((t) => meanOf(mine.filter((s) => s.row.task === t)))].map((v) => (typeof v === 'number' ? (Number.isNaN(v) ? '' : String(v)) : v));
  });
  return [['split', 'Overall', ...tasks], ...rows];
}

function expectAccCsv(csv: string, expected: string[][]): void {
  const got = csv.trim().split('\n').map((l) => l.split(','));
  expect(got.map((r) => r.length)).toEqual(expected.map((r) => r.length));
  got.forEach((r, i) => r.forEach((cell, j) => {
    const want = expected[i]?.[j] ?? '';
    if (i === 0 || j === 0 || want === '') expect(cell).toBe(want);
    else expect(Number(cell)).toBeCloseTo(Number(want), 12);
  }));
}

const realRows = ROWS.filter((r) => r.task === 'spatialreal');

describe('SpatialEval HF Parquet through the CLI (official protocol)', () => {
  it('SpatialEval_all: the w_reason prompt, the original per-reply scores, accuracy over all lines per task × modality; Spatial-Real undecided without a judge', async () => {
    const { records, summary, acc } = await runParquet('SpatialEval_all', false);
    expect(records).toHaveLength(ROWS.length);
    for (const rec of records as (Stored & { question?: string })[]) {
      const row = byId.get(rec.index) as Row;
      expect(rec.question).toBe(row.text + W_REASON);
      expect(rec.answer).toBe(row.letter);
      expect(rec.choices.map((c) => c.text)).toEqual(row.options);
    }
    const scored = credits(records, false);
    const expected = officialMetrics(scored);
    expectMetrics(summary.metrics['official'], expected);
    expect(summary.primary).toMatchObject({ metric: 'Overall', value: expected['Overall'] });
    // The script's "none" quirk and skipped lines are decided; only Spatial-Real is left open.
    expect(summary.counts).toMatchObject({ rows: ROWS.length, answered: ROWS.length, failed: 0, unextracted: realRows.length });
    expectAccCsv(acc, expectedAccCsv(scored));
    // Every modality, every task, and both right and wrong answers in most cells.
    expect(new Set(records.map((r) => r.fields['modality']))).toEqual(new Set(MODALITIES));
    expect(scored.filter((s) => s.credit === 1).length).toBeGreaterThan(30);
  });

  it('with a judge, Spatial-Real takes its letters; what it cannot decide is counted', async () => {
    const { records, summary } = await runParquet('SpatialEval_all', true);
    const scored = credits(records, true);
    expectMetrics(summary.metrics['official'], officialMetrics(scored));
    const undecided = realRows.filter((r) => mockJudgeLetter(r.reply, r.options) === null).length;
    expect(undecided).toBe(2);
    expect(summary.counts).toMatchObject({ judged: realRows.length, judge_decided: realRows.length - undecided, judge_undecided: undecided, unextracted: undecided });
    expect(summary.metrics['official']?.['spatialreal']).toBeCloseTo(2 / 5, 12);
  });

  it('SpatialEval_vqa_bare: only the vqa files, the text alone as the prompt', async () => {
    const { records, summary } = await runParquet('SpatialEval_vqa_bare', false);
    const vqa = ROWS.filter((r) => r.modality === 'vqa');
    expect(records).toHaveLength(vqa.length);
    for (const rec of records as (Stored & { question?: string })[]) expect(rec.question).toBe(byId.get(rec.index)?.text);
    expectMetrics(summary.metrics['official'], officialMetrics(credits(records, false)));
  });
});

// ------------------------------------------------------------------------- the VLMEvalKit TSV

const TSV_COLUMNS = ['index', 'image', 'question', 'A', 'B', 'C', 'D', 'answer', 'category', 'split'];

describe('SpatialEval VLMEvalKit TSV through the CLI', () => {
  it('scores the generic MCQ rows with VLMEvalKit exact matching, report_acc by category', async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'SpatialEval.tsv');
    const rows = Array.from({ length: 16 }, (_, i) => ({
      index: String(i), image: TINY_PNG.toString('base64'), question: `[${i}] In which direction is the lounge relative to the cafe?`,
      A: 'Northeast', B: 'Northwest', C: 'Southwest', D: 'Southeast', answer: 'ABCD'[i % 4] ?? 'A',
      category: SPATIALEVAL_TASKS[i % 3] ?? '', split: i % 2 === 0 ? 'vqa' : 'vtqa',
    }));
    await writeTsv(tsv, TSV_COLUMNS, rows);
    const res = await runDataset(dir, 'SpatialEval', { class: 'ImageMCQDataset', dataset: 'SpatialEval', path: tsv });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { records, summary } = await outputs(res.work, 'SpatialEval');
    const expectedFor = (pipeline: 'vlmevalkit' | 'robust') => {
      const hits = records.map((r) => ({ category: r.fields['category'] ?? '', hit: extractAnswer(pipeline, r.prediction, r.choices).answer === r.answer }));
      const out: Record<string, number> = { Overall: acc(hits.map((h) => h.hit)) };
      for (const c of [...new Set(hits.map((h) => h.category))].sort()) out[c] = acc(hits.filter((h) => h.category === c).map((h) => h.hit));
      return out;
    };
    expectMetrics(summary.metrics['vlmevalkit'], expectedFor('vlmevalkit'));
    expectMetrics(summary.metrics['best-effort'], expectedFor('robust'));
    expect(summary.primary).toMatchObject({ metric: 'Overall', value: expectedFor('vlmevalkit')['Overall'] });
  });
});

// ------------------------------------------------------------------------- bad input and the demo

describe('SpatialEval bad input: one clear line, exit 2', () => {
  async function refused(edit: (rows: Record<string, unknown>[]) => void, patterns: readonly RegExp[], name = 'vqa/test-00000-of-00001.parquet', fields = IMAGE_FIELDS) {
    const dir = await tempDir();
    const file = join(dir, name);
    const rows: Record<string, unknown>[] = ROWS.filter((r) => r.modality === 'vqa').slice(0, 3).map((r) => ({
      id: r.id, text: r.text, image: { bytes: TINY_PNG, path: 'x.png' }, oracle_answer: r.oracle, oracle_option: r.letter, oracle_full_answer: '',
    }));
    edit(rows);
    await mkdir(join(file, '..'), { recursive: true });
    await writeParquetGroups(file, { fields }, [rows]);
    expectDataError(await runDataset(dir, 'SpatialEval_vqa', { class: 'SpatialEval', dataset: 'SpatialEval_vqa', path: file }), patterns);
  }

  it('an id whose task the script has no rule for', async () => {
    await refused((rows) => void ((rows[1] as Record<string, unknown>)['id'] = 'spatialmaze.x.1'), [/row 2, column 'id'/, /task 'spatialmaze'/]);
  });
  it('a Maze-Nav question id other than 0–2', async () => {
    await refused((rows) => void ((rows[0] as Record<string, unknown>)['id'] = 'mazenav.x.3'), [/row 1, column 'id'/, /Maze-Nav question id 3/]);
  });
  it('a vqa row without its image', async () => {
    await refused((rows) => void ((rows[2] as Record<string, unknown>)['image'] = null), [/row 3, column 'image'/, /expected an image/]);
  });
  it('a Spatial-Real row whose oracle_option is not a letter', async () => {
    await refused((rows) => void Object.assign(rows[0] as object, { id: 'spatialreal.x.0', oracle_option: 'three' }), [/row 1, column 'oracle_option'/, /gold option letter/]);
  });
  it('a file without oracle_answer', async () => {
    await refused(() => undefined, [/column 'oracle_answer'/, /required column missing/], 'vqa/test-00000-of-00001.parquet', IMAGE_FIELDS.filter((f) => f[0]?.name !== 'oracle_answer'));
  });
  it('an image file that does not say whether it is vqa or vtqa', async () => {
    await refused(() => undefined, [/cannot tell the vqa config from the vtqa one/], 'spatial.parquet');
  });
});

describe('SpatialEval demo files', () => {
  it('run end to end on the embedded mock', async () => {
    const res = await runDataset(await tempDir(), 'SpatialEval_all', { class: 'SpatialEval', dataset: 'SpatialEval_all', path: join(REPO_ROOT, 'benchmarks', 'demo', 'SpatialEval') });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { records, summary } = await outputs(res.work, 'SpatialEval_all');
    expect(summary.counts).toMatchObject({ rows: 16, answered: 16 });
    expect(new Set(records.map((r) => r.fields['modality']))).toEqual(new Set(['tqa', 'vtqa']));
  });
});
