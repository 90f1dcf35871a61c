/**
 * What'sUp (amitakamath/whatsup_vlms@7c1f2550) on the cases of whatsup-cases.json: Controlled_Images
 * A and B (whole sets of four, rows ordered by relation so a set's rows are NOT consecutive),
 * COCO_QA_two_obj, VG_QA_one_obj and VG_QA_two_obj, in the authors' JSON shapes, images generated at
 * the paths their loaders open. The CLI asks our shuffled-options MCQ on the embedded mock; the stored
 * replies are then rewritten so each row picks the caption `preds[i]` names (0 = the right one) and
 * `actial-eval score` must report what evaluate_scores reports for the same picks.
 *
 * Expected values two ways: (1) their formulas written again here from the stored predictions
 * (reply letter → caption index via the stored options; eval_dict keyed by the image name's first
 * and last words; pair = rows/2, set = rows/4 denominators), and (2) the printouts and
 * result_records of their own aro_datasets.py run outside this repo on the same JSON
 * (/work/xcheck/whatsup16/xcheck_whatsup.py → xcheck_out.json), copied into XCHECK below.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paddedJpeg } from '../../bench/synthetic.js';
import { captionOrder, WHATSUP_BENCHMARKS, WHATSUP_INSTRUCTION, WHATSUP_QUESTION } from '../../benchmarks/whatsup.js';
import { readJsonQuestions } from '../../src/data/json-questions.js';
import { errorLines, expectDataError, expectMetrics, outputs, REPO_ROOT, rescoreWithReplies, runDataset, tempDir, type Stored } from './helpers.js';

type ControlledRow = { readonly image_path: string; readonly caption_options: readonly string[] };
type QaRow = readonly [number, string, string];
interface Case {
  readonly dataset: string;
  readonly file: string;
  readonly image_dir: string;
  readonly rows: readonly (ControlledRow | QaRow)[];
  readonly preds: readonly number[];
}

const CASES_FILE = join(REPO_ROOT, 'test', 'benchmarks', 'whatsup-cases.json');
const loadCases = async (): Promise<Case[]> => JSON.parse(await readFile(CASES_FILE, 'utf8')) as Case[];
const caseNamed = async (name: string): Promise<Case> => (await loadCases()).find((c) => c.dataset === name) as Case;

const isControlled = (row: ControlledRow | QaRow): row is ControlledRow => !Array.isArray(row);
const captionsOf = (row: ControlledRow | QaRow): readonly string[] => (isControlled(row) ? row.caption_options : [row[1], row[2]]);

/** The file each loader opens: image_path without "data/", or the id-based name under the data root. */
function imageFile(c: Case, row: ControlledRow | QaRow): string {
  if (isControlled(row)) return row.image_path.replace(/^data\//, '');
  const id = String(row[0]);
  return c.image_dir === 'val2017' ? `val2017/${id.padStart(12, '0')}.jpg` : `${c.image_dir}/${id}.jpg`;
}

/** The repo layout: <dir>/data/<file>.json, images under data/. */
async function layout(dir: string, c: Case, text?: string): Promise<string> {
  const file = join(dir, 'data', c.file);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text ?? JSON.stringify(c.rows));
  for (const row of c.rows) {
    const image = join(dir, 'data', imageFile(c, row));
    await mkdir(dirname(image), { recursive: true });
    await writeFile(image, paddedJpeg(0, image));
  }
  return file;
}

/** Outputs of their evaluate_scores on the same picks (xcheck_out.json): ×100 printouts, result_records. */
const XCHECK: Readonly<Record<string, { individual: number; pair?: number; set?: number; prepositions: Readonly<Record<string, number>> }>> = {
  Controlled_Images_A: { individual: 58.333333333333336, pair: 50.0, set: 33.333333333333336, prepositions: { left_of: 2 / 3, on: 2 / 3, right_of: 2 / 3, under: 1 / 3 } },
  Controlled_Images_B: { individual: 62.5, pair: 50.0, set: 0.0, prepositions: { behind: 0.5, 'in-front_of': 1.0, left_of: 0.5, right_of: 0.5 } },
  COCO_QA_two_obj: { individual: 71.42857142857143, prepositions: { above: 1.0, below: 1.0, left: 0.5, right: 0.0 } },
  VG_QA_one_obj: { individual: 80.0, prepositions: { bottom: 1.0, left: 1.0, right: 1.0, top: 0.0 } },
  VG_QA_two_obj: { individual: 50.0, prepositions: { behind: 0.5, front: 0.0, left: 1.0, right: 1.0, top: 0.0 } },
};

/** evaluate_scores again: individual accuracy, and for Controlled_Images eval_dict's pair and set counts. */
function theirFormula(c: Case, picked: readonly number[]): { individual: number; pair?: number; set?: number } {
  const correct = picked.map((p) => p === 0);
  const individual = correct.filter(Boolean).length / correct.length;
  if (!c.rows.every(isControlled)) return { individual };
  const slots = new Map<string, Map<string, boolean>>();
  c.rows.forEach((row, i) => {
    const words = (row.image_path.split('/').at(-1) as string).split('_');
    const key = `${words[0] as string}|${(words.at(-1) as string).slice(0, -5)}`;
    if (!slots.has(key)) slots.set(key, new Map());
    slots.get(key)?.set(words[1] as string, correct[i] as boolean);
  });
  const vertical = c.dataset.endsWith('_A') ? ['on', 'under'] : ['in-front', 'behind'];
  let pairs = 0;
  let sets = 0;
  for (const s of slots.values()) {
    if (s.get('left') === true && s.get('right') === true) pairs++;
    if (s.get(vertical[0] as string) === true && s.get(vertical[1] as string) === true) pairs++;
    if ([...s.values()].filter(Boolean).length === 4) sets++;
  }
  return { individual, pair: pairs / (c.rows.length / 2), set: sets / (c.rows.length / 4) };
}

/** The letter whose option is the authors' caption `k` of this row, from the stored options. */
function letterOf(rec: Stored, captions: readonly string[], k: number): string {
  const choice = rec.choices.find((ch) => ch.text === captions[k]);
  if (choice === undefined) throw new Error(`row ${rec.index}: caption ${k} is not among the stored options`);
  return choice.letter;
}

function prepositionAccuracies(records: readonly Stored[], picked: readonly number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of new Set(records.map((r) => r.fields['preposition'] as string))) {
    const rows = records.filter((r) => r.fields['preposition'] === p);
    out[p] = rows.filter((r) => picked[Number(r.index)] === 0).length / rows.length;
  }
  return out;
}

const benchmarkFor = (dataset: string): (typeof WHATSUP_BENCHMARKS)[number] => WHATSUP_BENCHMARKS.find((b) => b.datasetNames.includes(dataset)) as (typeof WHATSUP_BENCHMARKS)[number];

describe("What'sUp: captions as shuffled options", () => {
  it('asks every caption once, in a seeded order that does not always put the right one first', async () => {
    const c = await caseNamed('Controlled_Images_A');
    const file = await layout(await tempDir(), c);
    const json = benchmarkFor(c.dataset).json;
    if (json === undefined) throw new Error('no JSON source');
    const golds: string[] = [];
    let i = 0;
    for await (const row of readJsonQuestions(file, { imagePathField: 'image_path' })) {
      const r = c.rows[i] as ControlledRow;
      const s = await json.toSample(row);
      const again = await json.toSample(row);
      expect(again.choices).toEqual(s.choices);
      expect(s.index).toBe(String(i));
      expect([...s.choices.map((ch) => ch.text)].sort()).toEqual([...r.caption_options].sort());
      expect(s.choices.find((ch) => ch.letter === s.answer)?.text).toBe(r.caption_options[0]);
      const order = captionOrder(c.dataset, r.image_path, r.caption_options);
      expect(s.choices.map((ch) => ch.text)).toEqual(order.map((k) => r.caption_options[k]));
      expect(s.parts[1]).toEqual({ kind: 'text', text: `${WHATSUP_QUESTION}\n${s.choices.map((ch) => `${ch.letter}. ${ch.text}`).join('\n')}\n${WHATSUP_INSTRUCTION}` });
      expect(s.parts[0]?.kind === 'image' ? s.parts[0].image.data : null).toEqual(paddedJpeg(0, join(dirname(file), imageFile(c, r))));
      golds.push(s.answer);
      i++;
    }
    expect(i).toBe(c.rows.length);
    expect(new Set(golds).size).toBeGreaterThan(2);
  });

  it.each(['Controlled_Images_A', 'Controlled_Images_B', 'COCO_QA_two_obj', 'VG_QA_one_obj', 'VG_QA_two_obj'])(
    '%s: reports their individual, per-preposition (and pair and set) accuracy (CLI, mock, re-scored)',
    async (dataset) => {
      const c = await caseNamed(dataset);
      const dir = await tempDir();
      await layout(dir, c);
      const run = await runDataset(dir, dataset, { class: 'ImageMCQDataset', dataset, path: join(dir, 'data') });
      expect(errorLines(run.stderr)).toEqual([]);
      expect(run.code).toBe(0);
      const first = await outputs(run.work, dataset);
      const byIndex = new Map(first.records.map((r) => [r.index, r]));
      await rescoreWithReplies(run.work, dataset, (index) => {
        const rec = byIndex.get(index) as Stored;
        const i = Number(index);
        return `${letterOf(rec, captionsOf(c.rows[i] as ControlledRow | QaRow), c.preds[i] as number)}`;
      });
      const { records, summary } = await outputs(run.work, dataset);
      expect(records).toHaveLength(c.rows.length);
      expect(summary.benchmark).toBe(benchmarkFor(dataset).id);

      const mine = theirFormula(c, c.preds);
      const xcheck = XCHECK[dataset];
      expect(mine.individual * 100).toBeCloseTo(xcheck?.individual ?? Number.NaN, 10);
      const prepositions = prepositionAccuracies(records, c.preds);
      expect(prepositions).toEqual(xcheck?.prepositions);
      expectMetrics(summary.metrics['caption-mcq'], { individual_accuracy: mine.individual, ...prepositions });
      if (mine.pair === undefined || mine.set === undefined) {
        expect(summary.metrics['caption-mcq-pair']).toBeUndefined();
        return;
      }
      expect(mine.pair * 100).toBeCloseTo(xcheck?.pair ?? Number.NaN, 10);
      expect(mine.set * 100).toBeCloseTo(xcheck?.set ?? Number.NaN, 10);
      // Grouped protocols also report the per-row accuracy as 'Overall (vanilla)': the individual one.
      expectMetrics(summary.metrics['caption-mcq-pair'], { pair_accuracy: mine.pair, 'Overall (vanilla)': mine.individual });
      expectMetrics(summary.metrics['caption-mcq-set'], { set_accuracy: mine.set, 'Overall (vanilla)': mine.individual });
    },
  );

  it('runs the demo folder as it is (benchmarks/demo/whatsup/data, the Controlled_Images_A case)', async () => {
    const dir = await tempDir();
    const path = join(REPO_ROOT, 'benchmarks', 'demo', 'whatsup', 'data');
    const run = await runDataset(dir, 'Controlled_Images_A', { class: 'ImageMCQDataset', dataset: 'Controlled_Images_A', path });
    expect(errorLines(run.stderr)).toEqual([]);
    expect((await outputs(run.work, 'Controlled_Images_A')).records).toHaveLength((await caseNamed('Controlled_Images_A')).rows.length);
  });

  it.each([
    ['a missing image', 'Controlled_Images_A', (rows: readonly unknown[]) => JSON.stringify([rows[0], { ...(rows[1] as object), image_path: 'data/controlled_images/mug_on_shelf.jpeg' }]), [/row 2/, /image_path/, /mug_on_shelf\.jpeg' not found/]],
    ['three captions', 'Controlled_Images_A', (rows: readonly unknown[]) => JSON.stringify([{ ...(rows[0] as ControlledRow), caption_options: ['a', 'b', 'c'] }]), [/row 1/, /caption_options/, /4 non-empty captions/]],
    ['an image name without a relation', 'Controlled_Images_B', (rows: readonly unknown[]) => JSON.stringify([{ ...(rows[0] as ControlledRow), image_path: 'data/controlled_clevr/cube_near_sphere.jpeg' }]), [/row 1/, /image_path/, /in-front, behind/]],
    ['a missing COCO image', 'COCO_QA_two_obj', (rows: readonly unknown[]) => JSON.stringify([rows[0], [99, 'A cat above a dog', 'A cat below a dog']]), [/row 2/, /image_id/, /000000000099\.jpg' not found/]],
    ['a row with one caption', 'VG_QA_two_obj', () => JSON.stringify([[10, 'A man to the left of a horse']]), [/row 1/, /foil/]],
  ] as const)('refuses %s in one line naming file and row', async (_what, dataset, text, patterns) => {
    const c = await caseNamed(dataset);
    const dir = await tempDir();
    const path = await layout(dir, c, text(c.rows));
    expectDataError(await runDataset(dir, dataset, { class: 'ImageMCQDataset', dataset, path }), [path, ...patterns]);
  });
});
