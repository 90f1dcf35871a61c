/**
 * SAT through the CLI on small real-schema Parquet files, against the project's mock server. Every
 * reported number is recomputed here from the stored predictions with the original formulas: the
 * authors' QAAccuracy mean over the doubled rows (per question type too), the both-orders variant
 * (an item counts when all its orders are right), and lmms-eval's exact_match of the first word.
 * The replies the mock gives are judged by a rule written here for its reply forms; the original's
 * own verdicts on harder replies (sat-cases.ts) are then fed through the stored predictions and
 * `actial-eval score`.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sat, satLmms } from '../../benchmarks/sat.js';
import { planDownload } from '../../src/data/download/plan.js';
import { inShard } from '../../src/shard/assign.js';
import type { Sample } from '../../src/core/types.js';
import { readAll } from '../data/parquet-fixtures.js';
import { LMMS } from './sat-cases.js';
import { imagesOf, qaCaseItems, satItems, writeNv, writeSat, type SatItem } from './sat-data.js';
import { errorLines, expectDataError, mean, MODEL, REPO_ROOT as ROOT, runCli, runDataset, tempDir } from './helpers.js';

const EGO = 'The first image is from the beginning of the video and the second image is from the end. ';
const HINT =
  'When multiple images are provided, You want to realize that when camera moves left, the objects in the image move right, and vice versa. And when you are asked about the movement of the same object captured in different images, you can compare the position of the object relative to other objects in the image to answer the question.';

/** The authors' text for order k, written out from RealSATDynamic + format_prompts + their chat cut. */
function authorsText(it: SatItem, k: number): string {
  const order = it.options.map((_, j) => it.options[(j + k) % it.options.length] as string);
  const prefix = it.type === 'ego_movement' ? EGO : '';
  return ` ${prefix} ${it.question} Answer the question using a single word or phrase. Choose between the following options: ${order.map((o) => `"${o}"`).join(' or ')}. `;
}

/** sat_doc_to_text, written out. */
const lmmsText = (it: SatItem): string => `${it.question.trim()}\n${HINT}\n\n${it.options.map((o, i) => `${'AB'[i]}. ${o}\n`).join('')}\nOnly output the letter of the correct option and nothing else.`;

interface Rec {
  readonly index: string;
  readonly status: string;
  readonly prediction: string;
  readonly question: string;
}

interface Summary {
  readonly primary: { readonly protocol: string; readonly metric: string; readonly value: number | null };
  readonly metrics: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
  readonly counts: Readonly<Record<string, number | null>>;
}

async function stored(work: string, dataset: string): Promise<{ records: Map<string, Rec>; summary: Summary; file: string }> {
  const file = join(work, MODEL, `${MODEL}_${dataset}.jsonl`);
  const records = new Map<string, Rec>();
  for (const line of (await readFile(file, 'utf8')).split('\n')) if (line.trim() !== '') records.set((JSON.parse(line) as Rec).index, JSON.parse(line) as Rec);
  const summary = JSON.parse(await readFile(join(work, MODEL, `${MODEL}_${dataset}_summary.json`), 'utf8')) as Summary;
  return { records, summary, file };
}

/** Overall, then the mean per question type (sorted), of per-unit hits. */
function byType<T>(units: readonly T[], hit: (u: T) => number, type: (u: T) => string, overall = 'Overall'): Record<string, number | null> {
  const out: Record<string, number | null> = { [overall]: mean(units.map(hit)) };
  for (const t of [...new Set(units.map(type))].sort()) out[t] = mean(units.filter((u) => type(u) === t).map(hit));
  return out;
}

/** The authors' numbers from per-row hits: the mean over the doubled rows, and every order right. */
function authorsExpected(items: readonly SatItem[], rowHit: (i: number, k: number) => number): Record<'mean-over-orders' | 'both-orders', Record<string, number | null>> {
  const rows = items.flatMap((it, i) => it.options.map((_, k) => ({ it, i, k })));
  const perItem = items.map((it, i) => ({ it, hit: it.options.reduce((p, _, k) => p * rowHit(i, k), 1) }));
  return {
    'mean-over-orders': byType(rows, (r) => rowHit(r.i, r.k), (r) => r.it.type),
    'both-orders': { ...byType(perItem, (u) => u.hit, (u) => u.it.type), 'Overall (vanilla)': mean(rows.map((r) => rowHit(r.i, r.k))) },
  };
}

/** The mock's reply forms around an answer (its five styles); QAAccuracy takes only the bare text, case and spaces aside. */
const MOCK_FORM = /^(?:[^<(]*|\([^)]*\)|The answer is [^\n]*\.|<think>[^<]*<\/think><answer>[^<]*<\/answer>)$/;

describe('SAT (array/SAT SAT_test.parquet) with the authors\' prompt, through the CLI', () => {
  it('asks every item in both option orders and reports the mean over orders, both orders right, per type', async () => {
    const dir = await tempDir();
    const items = satItems(15);
    const file = join(dir, 'SAT_test.parquet');
    await writeSat(file, items);
    const res = await runDataset(dir, 'SAT', { class: 'SAT', dataset: 'SAT', path: file });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);

    const { records, summary } = await stored(res.work, 'SAT');
    expect(records.size).toBe(30);
    const rowHit = (i: number, k: number): number => {
      const rec = records.get(String(i + 1_000_000 * k));
      if (rec === undefined) throw new Error(`no row ${i} order ${k}`);
      const it = items[i] as SatItem;
      expect(rec.question).toBe(authorsText(it, k));
      expect(rec.prediction).toMatch(MOCK_FORM);
      return rec.prediction.trim().toLowerCase() === (it.options[it.gold] as string).toLowerCase() ? 1 : 0;
    };
    const expected = authorsExpected(items, rowHit);
    expect(summary.metrics).toEqual(expected);
    expect(summary.primary).toEqual({ protocol: 'mean-over-orders', metric: 'Overall', value: expected['mean-over-orders']['Overall'] });
    expect(expected['both-orders']['Overall']).not.toBe(expected['mean-over-orders']['Overall']);
    expect(summary.counts).toMatchObject({ rows: 30 });
  });

  it("scores the original's verdicts on hard replies (stored predictions re-scored by `actial-eval score`)", async () => {
    const dir = await tempDir();
    const items = qaCaseItems();
    const file = join(dir, 'SAT_test.parquet');
    await writeSat(file, items);
    const first = await runDataset(dir, 'SAT', { class: 'SAT', dataset: 'SAT', path: file });
    expect(first.code, first.stderr).toBe(0);

    // Order 0 gets the case's reply; order 1 the same reply on even items, an always-wrong one on odd.
    const reply = (i: number, k: number): string => (k === 0 || i % 2 === 0 ? (items[i]?.reply as string) : 'zzz');
    const { file: store } = await stored(first.work, 'SAT');
    const lines = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const edited = lines.map((l) => {
      const rec = JSON.parse(l) as Record<string, unknown>;
      const n = Number(rec['index']);
      return JSON.stringify({ ...rec, prediction: reply(n % 1_000_000, Math.floor(n / 1_000_000)) });
    });
    await writeFile(store, `${edited.join('\n')}\n`);
    const rescored = await runCli(['score', '--work-dir', first.work]);
    expect(errorLines(rescored.stderr)).toEqual([]);
    expect(rescored.code).toBe(0);

    const verdict = (i: number, k: number): number => (k === 1 && i % 2 === 1 ? 0 : (items[i]?.correct ?? 0));
    const { summary } = await stored(first.work, 'SAT');
    expect(summary.metrics).toEqual(authorsExpected(items, verdict));
  });

  it('sends the images first, bytes unchanged, then the text; both orders share the images', async () => {
    const dir = await tempDir();
    const items = satItems(2);
    const file = join(dir, 'SAT_test.parquet');
    await writeSat(file, items);
    const parquet = sat.parquet;
    if (parquet?.toSamples === undefined) throw new Error('no Parquet source');
    const samples: Sample[] = [];
    for (const row of await readAll(file, parquet)) samples.push(...(await parquet.toSamples(row)));
    expect(samples.map((s) => s.index)).toEqual(['0', '1000000', '1', '1000001']);
    for (const s of samples) {
      const i = Number(s.index) % 1_000_000;
      expect(s.parts.map((p) => p.kind)).toEqual([...imagesOf(items[i] as SatItem, i).map(() => 'image'), 'text']);
      expect(s.parts.flatMap((p) => (p.kind === 'image' ? [p.image.data] : []))).toEqual(imagesOf(items[i] as SatItem, i));
      expect(s).toMatchObject({ answer: items[i]?.options[items[i]?.gold ?? 0], choices: [], fields: { question_type: items[i]?.type } });
    }
  });

  it('keeps the orders of an item in one shard (--shard)', () => {
    for (let i = 0; i < 40; i++) {
      for (const count of [2, 3, 7]) {
        const shardOf = (index: string): number => [...Array(count).keys()].findIndex((k) => inShard({ index: k + 1, count }, { datasetName: 'SAT', benchmark: sat, circular: false })({ index, parts: [], choices: [], answer: '', fields: {} }));
        expect(shardOf(String(i + 1_000_000))).toBe(shardOf(String(i)));
      }
    }
  });

  it('refuses a row whose correct_answer is not among its answers: one line naming file, row and column', async () => {
    const dir = await tempDir();
    const file = join(dir, 'SAT_test.parquet');
    await writeSat(file, satItems(3), (row, i) => (i === 1 ? { ...row, correct_answer: 'sideways' } : row));
    const res = await runDataset(dir, 'SAT', { class: 'SAT', dataset: 'SAT', path: file });
    expectDataError(res, [file, /row 2/, /correct_answer/, /'sideways' is not one of the row's answers/]);
  });
});

describe('SAT files by dataset name', () => {
  it('SAT reads SAT_test.parquet and SAT_val reads SAT_val.parquet of an array/SAT download (--data-dir)', async () => {
    const dir = await tempDir();
    const repo = join(dir, 'data', 'array', 'SAT');
    await mkdir(repo, { recursive: true });
    await writeSat(join(repo, 'SAT_test.parquet'), satItems(3));
    await writeSat(join(repo, 'SAT_val.parquet'), satItems(5));
    for (const [name, items] of [['SAT', 3], ['SAT_val', 5]] as const) {
      const res = await runDataset(dir, name, { class: 'SAT', dataset: name }, ['--data-dir', join(dir, 'data')]);
      expect(res.code, res.stderr).toBe(0);
      expect((await stored(res.work, name)).records.size).toBe(2 * items);
    }
  });

  it('downloads array/SAT files by name; nv-njb/SAT has no known file name, so it is only looked for', () => {
    const dirs = { lmuData: '/nowhere/LMUData', hfCache: '/nowhere/hub' };
    expect(planDownload(sat, 'SAT', {}, dirs)).toEqual({ kind: 'hf', repo: 'array/SAT', revision: 'main', files: ['SAT_test.parquet'], cache: '/nowhere/hub' });
    expect(planDownload(sat, 'SAT_val', {}, dirs)).toMatchObject({ files: ['SAT_val.parquet'] });
    expect(planDownload(satLmms, 'SAT_lmms', {}, dirs)).toBeUndefined();
  });
});

describe('SAT demo file (benchmarks/demo/SAT_test.parquet)', () => {
  it('runs end to end: 6 items in 2 orders', async () => {
    const path = join(ROOT, 'benchmarks', 'demo', 'SAT_test.parquet');
    const res = await runDataset(await tempDir(), 'SAT', { class: 'SAT', dataset: 'SAT', path });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { records, summary } = await stored(res.work, 'SAT');
    expect([...records.keys()].sort()).toEqual(['0', '1', '2', '3', '4', '5', '1000000', '1000001', '1000002', '1000003', '1000004', '1000005'].sort());
    expect(Object.keys(summary.metrics['mean-over-orders'] ?? {})).toEqual(['Overall', 'action_consequence', 'ego_movement', 'goal_aim', 'obj_movement', 'perspective']);
  });
});

describe("SAT_lmms (nv-njb/SAT re-host) with lmms-eval's prompt, through the CLI", () => {
  const lmmsHit = (reply: string, letter: string): number =>
    // MultiChoiceRegexFilter (no options in these questions) + exact_match, for ASCII replies.
    reply.replace(/[^\p{L}\p{N}_\s]/gu, '').trim().split(' ')[0]?.trim().toLowerCase().replace(/_/g, '') === letter.toLowerCase() ? 1 : 0;

  it('asks each item once with lettered options and reports exact_match, per type', async () => {
    const dir = await tempDir();
    const items = satItems(20).map((it, i) => ({ ...it, gold: (i * 7) % 2 }));
    const file = join(dir, 'test-00000-of-00001.parquet');
    await writeNv(file, items);
    const res = await runDataset(dir, 'SAT_lmms', { class: 'SAT', dataset: 'SAT_lmms', path: file });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { records, summary } = await stored(res.work, 'SAT_lmms');
    expect(records.size).toBe(items.length);
    const hit = (i: number): number => {
      const rec = records.get(String(i)) as Rec;
      expect(rec.question).toBe(lmmsText(items[i] as SatItem));
      expect(rec.prediction).toMatch(/^[\x00-\x7f]*$/);
      return lmmsHit(rec.prediction, 'AB'[items[i]?.gold ?? 0] as string);
    };
    const expected = { 'lmms-eval': byType(items.map((it, i) => ({ it, i })), (u) => hit(u.i), (u) => u.it.type, 'exact_match') };
    expect(summary.metrics).toEqual(expected);
    expect(summary.primary).toEqual({ protocol: 'lmms-eval', metric: 'exact_match', value: expected['lmms-eval']['exact_match'] });
  });

  it("scores lmms-eval's verdicts on the original's cases (questions holding options included)", async () => {
    const dir = await tempDir();
    const items: SatItem[] = LMMS.map(([, question, answers, gold], i) => ({ question, type: i < 20 ? 'first' : 'more', options: answers, gold, images: 1 }));
    const file = join(dir, 'test-00000-of-00001.parquet');
    await writeNv(file, items);
    const first = await runDataset(dir, 'SAT_lmms', { class: 'SAT', dataset: 'SAT_lmms', path: file });
    expect(first.code, first.stderr).toBe(0);
    const { file: store } = await stored(first.work, 'SAT_lmms');
    const lines = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    await writeFile(store, `${lines.map((l) => {
      const rec = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify({ ...rec, prediction: LMMS[Number(rec['index'])]?.[4] });
    }).join('\n')}\n`);
    const rescored = await runCli(['score', '--work-dir', first.work]);
    expect(rescored.code, rescored.stderr).toBe(0);
    const { summary } = await stored(first.work, 'SAT_lmms');
    const units = LMMS.map((c, i) => ({ exact: c[6], type: i < 20 ? 'first' : 'more' }));
    expect(summary.metrics).toEqual({ 'lmms-eval': byType(units, (u) => u.exact, (u) => u.type, 'exact_match') });
  });
});
