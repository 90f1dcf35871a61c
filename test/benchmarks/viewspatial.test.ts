/**
 * ViewSpatial-Bench on 12 real rows of ZJU-REAL/ViewSpatial-Bench@2e85a5e4 eval/ViewSpatial-Bench.json
 * (the demo copy), with generated JPEGs at the paths they name, and the same rows as VLMEvalKit's
 * ViewSpatialBench TSV. Every reported number is recomputed here from the stored predictions:
 * official/lmms-eval = evaluate.py's `extract_option` of the reply's last line vs that of `answer`,
 * accuracy overall and per question_type; vlmevalkit = can_match_option, which on the mock's reply
 * styles reads the letter `mockLetter` reads. The hard replies (a lower-case article read as A, a
 * trailing newline, …) come from running the official function outside this repo
 * (/work/xcheck/spar15/viewspatial_xcheck.py): see viewspatial-rules.test.ts.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paddedJpeg } from '../../bench/synthetic.js';
import { viewSpatialOfficial, viewSpatialTsv, VIEWSPATIAL_REPLY_INSTRUCTION } from '../../benchmarks/viewspatial.js';
import { readJsonQuestions } from '../../src/data/json-questions.js';
import { readTsv } from '../../src/data/tsv.js';
import { acc, errorLines, expectDataError, expectMetrics, mockLetter, outputs, REPO_ROOT, runCli, runDataset, tempDir, writeTsv, type Stored } from './helpers.js';
import { VIEWSPATIAL_CASES } from './viewspatial-cases.js';

interface Row {
  readonly question_type: string;
  readonly image_path: readonly string[];
  readonly question: string;
  readonly answer: string;
  readonly choices: string;
}

const DEMO = join(REPO_ROOT, 'benchmarks', 'demo', 'ViewSpatial-Bench', 'eval', 'ViewSpatial-Bench.json');
const realRows = async (): Promise<Row[]> => JSON.parse(await readFile(DEMO, 'utf8')) as Row[];

/** The repo layout evaluate.py runs in: eval/ViewSpatial-Bench.json, images under the root. */
async function officialLayout(dir: string, rows: readonly Row[], text?: string): Promise<string> {
  const file = join(dir, 'ViewSpatial-Bench', 'eval', 'ViewSpatial-Bench.json');
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text ?? JSON.stringify(rows, null, 1));
  for (const path of new Set(rows.flatMap((r) => r.image_path))) {
    await mkdir(dirname(join(dir, 'ViewSpatial-Bench', path)), { recursive: true });
    await writeFile(join(dir, 'ViewSpatial-Bench', path), paddedJpeg(0, path));
  }
  return file;
}

/** evaluate.py's extract_option, written again here (the mock's replies are ASCII). */
const extractOption = (s: string): string | null => /\b([A-D])\b/i.exec(s)?.[1]?.toUpperCase() ?? null;
const officialHit = (prediction: string, answer: string): boolean => extractOption(prediction.split('\n').at(-1) ?? '') === extractOption(answer);

function byType(records: readonly Stored[], hit: (r: Stored) => boolean): Record<string, number> {
  const out: Record<string, number> = { Overall: acc(records.map(hit)) };
  for (const type of new Set(records.map((r) => r.fields['question_type'] as string))) {
    out[type] = acc(records.filter((r) => r.fields['question_type'] === type).map(hit));
  }
  return out;
}

const ENTRY = { class: 'ViewSpatialBench', dataset: 'ViewSpatial-Bench_official' };

describe('ViewSpatial-Bench official JSON', () => {
  it('asks the official prompt, text before the images (1 to 32), and reads the letter of the last line', async () => {
    const rows = await realRows();
    const dir = await tempDir();
    const file = await officialLayout(dir, rows);
    const json = viewSpatialOfficial.json;
    if (json === undefined) throw new Error('no JSON source');
    let i = 0;
    for await (const row of readJsonQuestions(file, { imagePathField: 'image_path' })) {
      const r = rows[i] as Row;
      const s = await json.toSample(row);
      expect(s.index).toBe(String(i));
      expect(s.parts[0]).toEqual({ kind: 'text', text: `${r.question}${r.choices}${VIEWSPATIAL_REPLY_INSTRUCTION}` });
      expect(s.parts.slice(1).map((p) => (p.kind === 'image' ? p.image.data : null))).toEqual(r.image_path.map((p) => paddedJpeg(0, p)));
      expect(s.answer).toBe(r.answer[0]);
      expect(s.choices.map((c) => `${c.letter}. ${c.text}`).join('\n')).toBe(r.choices);
      i++;
    }
    expect(i).toBe(rows.length);
    expect(Math.max(...rows.map((r) => r.image_path.length))).toBe(32);
  });

  it('reports official (= lmms-eval) and VLMEvalKit accuracy, overall and per question type (CLI, mock)', async () => {
    const rows = await realRows();
    const dir = await tempDir();
    const path = await officialLayout(dir, rows);
    const res = await runDataset(dir, 'ViewSpatial-Bench', { ...ENTRY, path });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { records, summary } = await outputs(res.work, 'ViewSpatial-Bench');
    expect(records).toHaveLength(rows.length);
    expect(summary.benchmark).toBe('viewspatial');
    expectMetrics(summary.metrics['official'], byType(records, (r) => officialHit(r.prediction, rows[Number(r.index)]?.answer ?? '')));
    expectMetrics(summary.metrics['vlmevalkit'], byType(records, (r) => mockLetter(r.prediction) === r.answer));
    expect(Object.keys(summary.metrics['official'] ?? {})).toHaveLength(6);
  });

  it('scores the official verdicts on hard replies (stored predictions re-scored by `actial-eval score`)', async () => {
    const rows = await realRows();
    const dir = await tempDir();
    const path = await officialLayout(dir, rows);
    const first = await runDataset(dir, 'ViewSpatial-Bench', { ...ENTRY, path });
    expect(first.code, first.stderr).toBe(0);
    const store = join(first.work, 'sim', 'sim_ViewSpatial-Bench.jsonl');
    const reply = (i: number): string => VIEWSPATIAL_CASES[(i * 5) % VIEWSPATIAL_CASES.length]?.reply ?? '';
    const lines = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    await writeFile(store, `${lines.map((l) => {
      const rec = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify({ ...rec, prediction: reply(Number(rec['index'])) });
    }).join('\n')}\n`);
    const rescored = await runCli(['score', '--work-dir', first.work]);
    expect(errorLines(rescored.stderr)).toEqual([]);
    const { records, summary } = await outputs(first.work, 'ViewSpatial-Bench');
    // The official verdict per item, from the original function's outputs on the same reply.
    const verdict = (r: Stored): boolean => VIEWSPATIAL_CASES[(Number(r.index) * 5) % VIEWSPATIAL_CASES.length]?.official === r.answer;
    expectMetrics(summary.metrics['official'], byType(records, verdict));
  });

  it('is found by name in a --data-dir holding the GitHub repo', async () => {
    const dir = await tempDir();
    await officialLayout(join(dir, 'data'), (await realRows()).slice(0, 3));
    const res = await runDataset(dir, 'ViewSpatial-Bench', ENTRY, ['--data-dir', join(dir, 'data')]);
    expect(errorLines(res.stderr)).toEqual([]);
    expect((await outputs(res.work, 'ViewSpatial-Bench')).records).toHaveLength(3);
  });

  it.each([
    ['a missing image', (rows: Row[]) => JSON.stringify([rows[0], { ...rows[1], image_path: ['ViewSpatial-Bench/val2017/nope.jpg'] }]), [/row 2/, /image_path/, /nope\.jpg' not found/]],
    ['an answer that is no option', (rows: Row[]) => JSON.stringify([{ ...rows[0], answer: 'right' }]), [/row 1/, /column 'answer'/, /option letter/]],
    ['no choices', (rows: Row[]) => JSON.stringify([{ ...rows[0], choices: 'right or left' }]), [/row 1/, /column 'choices'/]],
    ['a cut-short file', (rows: Row[]) => JSON.stringify(rows.slice(0, 2)).slice(0, -30), [/truncated JSON: the top-level array is not closed/]],
    ['a row that is not an object', (rows: Row[]) => `[${JSON.stringify(rows[0])}, 7]`, [/row 2/, /expected a JSON object/]],
  ] as const)('refuses %s in one line naming file and row', async (_name, text, patterns) => {
    const rows = await realRows();
    const dir = await tempDir();
    const path = await officialLayout(dir, rows, text(rows));
    const res = await runDataset(dir, 'ViewSpatial-Bench', { ...ENTRY, path });
    expectDataError(res, [path, ...patterns]);
  });
});

describe("VLMEvalKit's ViewSpatialBench TSV", () => {
  async function writeViewSpatialTsv(dir: string, rows: readonly Row[]): Promise<string> {
    const file = join(dir, 'ViewSpatialBench.tsv');
    await writeTsv(file, ['index', 'question', 'candidates', 'answer', 'question_type', 'image_path'], rows.map((r, i) => ({
      index: String(i),
      question: r.question,
      candidates: r.choices,
      answer: r.answer,
      question_type: r.question_type,
      image_path: `[${r.image_path.map((p) => `'${p}'`).join(', ')}]`,
    })));
    for (const path of new Set(rows.flatMap((r) => r.image_path))) {
      await mkdir(dirname(join(dir, path)), { recursive: true });
      await writeFile(join(dir, path), paddedJpeg(0, path));
    }
    return file;
  }

  it('asks its prompt, images first, and reports both protocols (CLI, mock)', async () => {
    const rows = await realRows();
    const dir = await tempDir();
    const path = await writeViewSpatialTsv(dir, rows);
    const tsv = viewSpatialTsv.tsv;
    if (tsv === undefined) throw new Error('no TSV source');
    let i = 0;
    for await (const row of readTsv(path)) {
      const r = rows[i++] as Row;
      const s = await tsv.toSample(row);
      expect(s.parts.at(-1)).toEqual({ kind: 'text', text: `Question: ${r.question}\nChoices: ${r.choices}\nReply only to the corresponding option.\nAnswer:` });
      expect(s.parts.slice(0, -1).map((p) => (p.kind === 'image' ? p.image.data : null))).toEqual(r.image_path.map((p) => paddedJpeg(0, p)));
    }
    const res = await runDataset(dir, 'ViewSpatialBench', { class: 'ViewSpatialBench', dataset: 'ViewSpatialBench', path });
    expect(errorLines(res.stderr)).toEqual([]);
    const { records, summary } = await outputs(res.work, 'ViewSpatialBench');
    expect(summary.benchmark).toBe('viewspatial-vlmevalkit');
    expectMetrics(summary.metrics['official'], byType(records, (r) => officialHit(r.prediction, rows[Number(r.index)]?.answer ?? '')));
    expectMetrics(summary.metrics['vlmevalkit'], byType(records, (r) => mockLetter(r.prediction) === r.answer));
  });
});

describe('ViewSpatial-Bench demo folder', () => {
  it('runs end to end from the committed JSON and images', async () => {
    const rows = await realRows();
    const res = await runDataset(await tempDir(), 'ViewSpatial-Bench', { ...ENTRY, path: DEMO });
    expect(errorLines(res.stderr)).toEqual([]);
    const { records, summary } = await outputs(res.work, 'ViewSpatial-Bench');
    expect(records).toHaveLength(rows.length);
    expectMetrics(summary.metrics['official'], byType(records, (r) => officialHit(r.prediction, rows[Number(r.index)]?.answer ?? '')));
    expectMetrics(summary.metrics['vlmevalkit'], byType(records, (r) => mockLetter(r.prediction) === r.answer));
  });
});
