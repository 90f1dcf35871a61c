/**
 * SPAR-Bench end to end on VLMEvalKit's SparBench TSV schema (index, image list, question, answer,
 * task) and the Hub's Parquet schema (image list, question, answer, task): 46 rows over the 20 tasks.
 *
 * - Run through the CLI against the embedded mock, every reported number is recomputed here from
 *   the stored predictions with the official formulas (LogosRoboticsGroup/SPAR@1cc04758
 *   lmms-eval/lmms_eval/tasks/sparbench/utils.py), written again below.
 *   VLMEvalKit's SparBench numbers likewise, with its rules narrowed to the mock's reply styles.
 * - With the predictions replaced by the hard cases, every number equals what the original
 *   sparbench_aggregate_results printed on the same rows (/work/xcheck/spar15/spar_xcheck.py), and
 *   VLMEvalKit's SparBench._aggregate (spar_vlmeval_xcheck.py).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { field, writeParquetGroups } from '../../bench/synthetic-parquet.js';
import { paddedJpeg } from '../../bench/synthetic.js';
import { sparBench, sparPrompt } from '../../benchmarks/sparbench.js';
import { readTsv } from '../../src/data/tsv.js';
import { errorLines, expectDataError, expectMetrics, mockLetter, outputs, REPO_ROOT, runCli, runDataset, tempDir, writeTsv, type Stored } from './helpers.js';
import { SPAR_AGGREGATE, SPAR_CASES, SPAR_VLMEVALKIT_AGGREGATE } from './sparbench-cases.js';

const MCQ = ['obj_spatial_relation_oo', 'obj_spatial_relation_oc_mv', 'obj_spatial_relation_oo_mv', 'spatial_imagination_oc', 'spatial_imagination_oo', 'spatial_imagination_oc_mv', 'spatial_imagination_oo_mv', 'position_matching', 'camera_motion_infer', 'distance_infer_center_oo', 'distance_infer_center_oo_mv'];
const NA = ['depth_prediction_oc', 'depth_prediction_oo', 'distance_prediction_oc', 'distance_prediction_oo', 'depth_prediction_oc_mv', 'depth_prediction_oo_mv', 'distance_prediction_oo_mv', 'distance_prediction_oc_mv'];

// ------------------------------------------------------------------ the official formulas, again

const THRESHOLDS = Array.from({ length: 10 }, (_, i) => (i === 9 ? 0.95 : 0.5 + i * ((0.95 - 0.5) / 9)));
const absDistNorm = (pred: number, target: number): number => (target === 0 ? Math.abs(pred - target) : Math.abs((pred - target) / target));
const mra = (pred: number, target: number): number => THRESHOLDS.filter((c) => absDistNorm(pred, target) <= 1 - c).length / THRESHOLDS.length;

function exactMatch(pred: string, target: string): number {
  const p = pred.toLowerCase();
  const t = target.toLowerCase();
  return p === t || t.includes(p) || p.charAt(0) === t ? 1 : 0;
}

function processNa(pred: string, task: string): number | undefined {
  const numbers = (pred.match(/(?<!\^)\d+\.\d+|(?<!\^)\d+/g) ?? []).map(Number);
  if (task.endsWith('_mv')) return numbers.length === 0 ? -1 : numbers[numbers.length - 1];
  return numbers[0];
}

function parseInstruction(s: string): Record<string, number> | undefined {
  const out: Record<string, number> = {};
  for (const item of s.split(',')) {
    const kv = item.split(':');
    if (kv.length !== 2 || !/^\s*[-+]?(\d+\.?\d*|\.\d+)\s*$/.test(kv[1] as string)) return undefined;
    out[kv[0] as string] = Number(kv[1]);
  }
  return out;
}

function vci(pred: string, answer: string): number {
  const a = parseInstruction(pred);
  const g = parseInstruction(answer);
  if (a === undefined || g === undefined) return 0;
  const net = (d: Record<string, number>, p: string, n: string): number => (d[p] ?? 0) - (d[n] ?? 0);
  const pairs = [['move_right', 'move_left'], ['move_up', 'move_down'], ['move_forward', 'move_backward'], ['rotate_right', 'rotate_left'], ['rotate_up', 'rotate_down']] as const;
  // compute_vci_metric calls mean_relative_accuracy(gt, answer): the prediction is the "target".
  return pairs.map(([p, n]) => mra(net(g, p, n), net(a, p, n))).reduce((x, y) => x + y, 0) / pairs.length;
}

function officialCredit(task: string, pred: string, answer: string): number {
  if (MCQ.includes(task)) return exactMatch(pred, answer);
  if (NA.includes(task)) {
    const p = processNa(pred, task);
    return p === undefined ? 0 : mra(p, Number(answer));
  }
  return vci(pred, answer);
}

const meanOf = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

/** sparbench_aggregate_results: task means, overall over them, Low/Middle/High by the key-minus-last-part rule. */
function officialAggregate(rows: readonly { task: string; credit: number }[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const task of new Set(rows.map((r) => r.task))) {
    const suffix = MCQ.includes(task) ? 'accuracy' : NA.includes(task) ? 'MRA:.5:.95:.05' : 'vci_metric';
    out[`${task}_${suffix}`] = meanOf(rows.filter((r) => r.task === task).map((r) => r.credit));
  }
  const keys = Object.keys(out);
  const level = (tasks: readonly string[]) => meanOf(keys.filter((k) => tasks.includes(k.split('_').slice(0, -1).join('_'))).map((k) => out[k] as number));
  return {
    ...out,
    overall: meanOf(Object.values(out)),
    Low: level(NA),
    Middle: level(['view_change_infer', 'position_matching', 'camera_motion_infer']),
    High: level(MCQ.filter((t) => t !== 'position_matching' && t !== 'camera_motion_infer')),
  };
}

// -------------------------------------------- VLMEvalKit's SparBench scoring, on the mock's reply styles

const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

/**
 * can_match_na on the mock's styles: number words become digits ("the consistent one" → 1), then a
 * number opening <answer>, else the last number after </think>, else the last of the whole text.
 */
function mockNumber(text: string): number | undefined {
  const reply = text.replace(new RegExp(`\\b(${WORDS.join('|')})\\b`, 'gi'), (w) => String(WORDS.indexOf(w.toLowerCase())));
  const tagged = /<answer>\s*([-+]?(?:\d*\.\d+|\d+))/.exec(reply)?.[1];
  if (tagged !== undefined) return Number(tagged);
  const tail = reply.includes('</think>') ? reply.slice(reply.lastIndexOf('</think>') + 8) : reply;
  const nums = tail.match(/[-+]?(?:\d*\.\d+|\d+)(?:[eE][-+]?\d+)?/g) ?? reply.match(/[-+]?(?:\d*\.\d+|\d+)(?:[eE][-+]?\d+)?/g);
  return nums === null ? undefined : Number(nums[nums.length - 1]);
}

/** _parse_instruction: items stripped, the malformed skipped. */
function lenient(s: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const raw of s.split(',')) {
    const item = raw.trim();
    const at = item.indexOf(':');
    if (at < 0) continue;
    const v = item.slice(at + 1).trim();
    if (/^[-+]?(\d+\.?\d*|\.\d+)$/.test(v)) out[item.slice(0, at).trim()] = Number(v);
  }
  return out;
}

function vlmevalkitCredit(task: string, pred: string, answer: string): number {
  if (MCQ.includes(task)) return mockLetter(pred) === answer ? 1 : 0;
  if (NA.includes(task)) {
    const p = mockNumber(pred);
    return p === undefined ? 0 : mra(p, Number(answer));
  }
  const a = lenient(pred);
  const g = lenient(answer);
  const net = (d: Record<string, number>, p: string, n: string): number => (d[p] ?? 0) - (d[n] ?? 0);
  const pairs = [['move_right', 'move_left'], ['move_up', 'move_down'], ['move_forward', 'move_backward'], ['rotate_right', 'rotate_left'], ['rotate_up', 'rotate_down']] as const;
  return pairs.map(([p, n]) => mra(net(a, p, n), net(g, p, n))).reduce((x, y) => x + y, 0) / pairs.length;
}

/** SparBench._aggregate: as the official one, but Middle holds view_change_infer. */
function vlmevalkitAggregate(rows: readonly { task: string; credit: number }[]): Record<string, number> {
  const out = officialAggregate(rows);
  const middle = ['position_matching_accuracy', 'camera_motion_infer_accuracy', 'view_change_infer_vci_metric'].map((k) => out[k] as number);
  return { ...out, Middle: meanOf(middle) };
}

// ------------------------------------------------------------------ files

const image = (i: number, k: number): Buffer => paddedJpeg(0, `spar ${i}.${k}`);
const imageCount = (i: number): number => 1 + (i % 3);

async function sparTsv(dir: string, edit: (row: Record<string, string>, i: number) => Record<string, string> = (r) => r): Promise<string> {
  const file = join(dir, 'SparBench_tiny.tsv');
  await writeTsv(file, ['index', 'image', 'question', 'answer', 'task'], SPAR_CASES.map((c, i) => edit({
    index: String(100 + i),
    image: `[${Array.from({ length: imageCount(i) }, (_, k) => `'${image(i, k).toString('base64')}'`).join(', ')}]`,
    question: MCQ.includes(c.task) ? `Which object is closer to the camera? A. chair B. table C. lamp D. sofa (${i})` : `How far is the chair from the table (${i})?`,
    answer: c.answer,
    task: c.task,
  }, i)));
  return file;
}

const ENTRY = { class: 'SparBench', dataset: 'SparBench_tiny' };

function expectedFromStore(records: readonly Stored[]): Record<string, number> {
  return officialAggregate(records.map((r) => ({ task: r.fields['task'] as string, credit: officialCredit(r.fields['task'] as string, r.prediction, r.answer) })));
}

function vlmevalkitFromStore(records: readonly Stored[]): Record<string, number> {
  return vlmevalkitAggregate(records.map((r) => ({ task: r.fields['task'] as string, credit: vlmevalkitCredit(r.fields['task'] as string, r.prediction, r.answer) })));
}

describe('SPAR-Bench (VLMEvalKit SparBench TSV)', () => {
  it('asks the official prompt per task kind, the images first', async () => {
    const dir = await tempDir();
    const file = await sparTsv(dir);
    const tsv = sparBench.tsv;
    if (tsv === undefined) throw new Error('no TSV source');
    let i = 0;
    for await (const row of readTsv(file)) {
      const s = await tsv.toSample(row);
      const c = SPAR_CASES[i] as (typeof SPAR_CASES)[number];
      const q = row.get('question') ?? '';
      const text = NA.includes(c.task)
        ? `\n${q}\nPlease answer the question using a single word or phrase.`
        : MCQ.includes(c.task)
          ? `\n${q}\n${['position_matching', 'camera_motion_infer'].includes(c.task) ? 'The values represent the bounding box coordinates normalized to a 0-1000 scale, with the top-left corner as the origin of the image.' : ''}\nAnswer with the option's letter from the given choices directly.`
          : `\n${q}\n\n`;
      expect(s.parts.at(-1)).toEqual({ kind: 'text', text });
      expect(sparPrompt(c.task, q)).toBe(text);
      expect(s.parts.slice(0, -1).map((p) => (p.kind === 'image' ? p.image.data : null))).toEqual(Array.from({ length: imageCount(i) }, (_, k) => image(i, k)));
      i++;
    }
    expect(i).toBe(SPAR_CASES.length);
  });

  it('reports the 20 task scores, overall, Low, Middle and High of the official script (CLI, mock)', async () => {
    const dir = await tempDir();
    const path = await sparTsv(dir);
    const res = await runDataset(dir, 'SparBench_tiny', { ...ENTRY, path });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { records, summary } = await outputs(res.work, 'SparBench_tiny');
    expect(records).toHaveLength(SPAR_CASES.length);
    expect(summary.primary).toMatchObject({ metric: 'overall' });
    const expected = expectedFromStore(records);
    expect(Object.keys(expected)).toHaveLength(24);
    expectMetrics(summary.metrics['official'], expected);
    expectMetrics(summary.metrics['vlmevalkit'], vlmevalkitFromStore(records));
  });

  it("equals the original's output on hard replies (empty MCQ right, VCI divided by the prediction, Middle without VCI)", async () => {
    const dir = await tempDir();
    const path = await sparTsv(dir);
    const first = await runDataset(dir, 'SparBench_tiny', { ...ENTRY, path });
    expect(first.code, first.stderr).toBe(0);
    const store = join(first.work, 'sim', 'sim_SparBench_tiny.jsonl');
    const lines = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    await writeFile(store, `${lines.map((l) => {
      const rec = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify({ ...rec, prediction: SPAR_CASES[Number(rec['index']) - 100]?.prediction });
    }).join('\n')}\n`);
    const rescored = await runCli(['score', '--work-dir', first.work]);
    expect(errorLines(rescored.stderr)).toEqual([]);
    const { summary } = await outputs(first.work, 'SparBench_tiny');
    expectMetrics(summary.metrics['official'], SPAR_AGGREGATE);
    expectMetrics(summary.metrics['vlmevalkit'], SPAR_VLMEVALKIT_AGGREGATE);
    // Middle is position_matching and camera_motion_infer only, as the script computes it.
    expect(SPAR_AGGREGATE['Middle']).toBe(((SPAR_AGGREGATE['position_matching_accuracy'] ?? 0) + (SPAR_AGGREGATE['camera_motion_infer_accuracy'] ?? 0)) / 2);
  });

  it.each([
    ['an unknown task', (r: Record<string, string>, i: number) => (i === 3 ? { ...r, task: 'depth_guess' } : r), [/row 4/, /column 'task'/, /unknown task 'depth_guess'/]],
    ['a numeric gold that is no number', (r: Record<string, string>, i: number) => (i === 22 ? { ...r, answer: 'two metres' } : r), [/row 23/, /column 'answer'/, /not a number/]],
    ['a view-change gold that does not parse', (r: Record<string, string>, i: number) => (i === 38 ? { ...r, answer: 'move right 0.3' } : r), [/row 39/, /column 'answer'/, /instruction/]],
  ] as const)('refuses %s in one line naming file, row and column', async (_name, edit, patterns) => {
    const dir = await tempDir();
    const path = await sparTsv(dir, edit);
    const res = await runDataset(dir, 'SparBench_tiny', { ...ENTRY, path });
    expectDataError(res, [path, ...patterns]);
  });
});

describe('SPAR-Bench-Tiny from the Hub (Parquet, --data-dir)', () => {
  it('reads the image lists and scores as the TSV does', async () => {
    const dir = await tempDir();
    const repo = join(dir, 'data', 'jasonzhango', 'SPAR-Bench-Tiny', 'data');
    await (await import('node:fs/promises')).mkdir(repo, { recursive: true });
    const fields = [field.list('image', field.image), ...['question', 'answer', 'task', 'id'].map(field.string)];
    const rows = SPAR_CASES.map((c, i) => ({
      image: Array.from({ length: imageCount(i) }, (_, k) => ({ bytes: image(i, k), path: `${i}_${k}.jpg` })),
      question: `Question ${i}?`,
      answer: c.answer,
      task: c.task,
      id: `spar_${i}`,
    }));
    await writeParquetGroups(join(repo, 'test-00000-of-00001.parquet'), { fields }, [rows]);
    const res = await runDataset(dir, 'SPAR-Bench-Tiny', { class: 'SparBench', dataset: 'SPAR-Bench-Tiny' }, ['--data-dir', join(dir, 'data')]);
    expect(errorLines(res.stderr)).toEqual([]);
    const { records, summary } = await outputs(res.work, 'SPAR-Bench-Tiny');
    expect(records.map((r) => r.index).sort()).toEqual(rows.map((r) => r.id).sort());
    expectMetrics(summary.metrics['official'], expectedFromStore(records));
    expectMetrics(summary.metrics['vlmevalkit'], vlmevalkitFromStore(records));
  });
});

describe('SPAR-Bench demo file', () => {
  it('runs end to end: one question per task, every number as the formulas give it', async () => {
    const path = join(REPO_ROOT, 'benchmarks', 'demo', 'SparBench_tiny.tsv');
    const res = await runDataset(await tempDir(), 'SparBench_tiny', { ...ENTRY, path });
    expect(errorLines(res.stderr)).toEqual([]);
    const { records, summary } = await outputs(res.work, 'SparBench_tiny');
    expect(new Set(records.map((r) => r.fields['task'])).size).toBe(20);
    expectMetrics(summary.metrics['official'], expectedFromStore(records));
    expectMetrics(summary.metrics['vlmevalkit'], vlmevalkitFromStore(records));
  });
});
