/**
 * VSR from the authors' split files: 16 real rows of cambridgeltl/visual-spatial-reasoning@b27a0af0
 * data/splits/zeroshot/test.jsonl (the demo copy, benchmarks/demo/vsr/) plus four written here
 * ("among", listed under two meta-categories; a relation their dict lacks; one Proximity and one Adjacency row, so
 * every category has a row — their meta-category script divides by zero otherwise). Images are
 * generated under data/images/ as data/README.md lays them out. The CLI asks our statement prompt
 * on the mock; the replies are then rewritten (right, wrong or undecided by a fixed rule) and
 * `actial-eval score` must report:
 * - accuracy, per relation and per meta-category, computed here from the stored predictions and
 *   equal to what the authors' analysis_scripts print for the same 0/1 predictions (run outside
 *   this repo: /work/xcheck/whatsup16/make_vsr_case.py → vsr_by_rel.txt, vsr_by_cat.txt, copied
 *   into BY_RELATION / BY_CATEGORY);
 * - precision, recall and F1 of "Yes" from the confusion table (an undecided reply predicts No).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paddedJpeg } from '../../bench/synthetic.js';
import { VSR_STATEMENT_QUESTION } from '../../benchmarks/vsr.js';
import { errorLines, expectDataError, expectMetrics, MODEL, outputs, REPO_ROOT, rescoreWithReplies, runDataset, tempDir } from './helpers.js';

interface VsrRow {
  readonly image: string;
  readonly image_link: string;
  readonly caption: string;
  readonly label: number;
  readonly relation: string;
  readonly subj: string;
  readonly obj: string;
}

const EXTRA: readonly VsrRow[] = [
  { image: '000000000009.jpg', image_link: '', caption: 'The cake is among the plates.', label: 1, relation: 'among', subj: 'cake', obj: 'plate' },
  { image: '000000000025.jpg', image_link: '', caption: 'The kite is levitating above the man.', label: 0, relation: 'levitating above', subj: 'kite', obj: 'person' },
  { image: '000000000030.jpg', image_link: '', caption: 'The vase is near the bed.', label: 1, relation: 'near', subj: 'vase', obj: 'bed' },
  { image: '000000000034.jpg', image_link: '', caption: 'The zebra is attached to the car.', label: 0, relation: 'attached to', subj: 'zebra', obj: 'car' },
];

async function caseRows(): Promise<VsrRow[]> {
  const text = await readFile(join(REPO_ROOT, 'benchmarks', 'demo', 'vsr', 'data', 'splits', 'zeroshot', 'test.jsonl'), 'utf8');
  return [...text.split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as VsrRow), ...EXTRA];
}

/** data/splits/zeroshot/test.jsonl and data/images/, as the repo lays them out. */
async function layout(dir: string, rows: readonly VsrRow[], text?: string): Promise<string> {
  const file = join(dir, 'data', 'splits', 'zeroshot', 'test.jsonl');
  await mkdir(join(dir, 'data', 'splits', 'zeroshot'), { recursive: true });
  await mkdir(join(dir, 'data', 'images'), { recursive: true });
  await writeFile(file, text ?? rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
  for (const r of rows) await writeFile(join(dir, 'data', 'images', r.image), paddedJpeg(0, r.image));
  return file;
}

/** The rule of make_vsr_case.py: every sixth row undecided, rows with 7i ≡ 0 (mod 4) wrong, the rest right. */
type Verdict = 'right' | 'wrong' | 'undecided';
const verdict = (i: number): Verdict => (i % 6 === 5 ? 'undecided' : (i * 7) % 4 === 0 ? 'wrong' : 'right');
function reply(i: number, label: number): string {
  const v = verdict(i);
  if (v === 'undecided') return 'I cannot tell from the picture.';
  const yes = (label === 1) === (v === 'right');
  return yes ? 'Yes.' : 'No, it is not.';
}

/** eval_compute_acc_by_rel.py's printout for these predictions: relation → [accuracy, count]. */
const BY_RELATION: Readonly<Record<string, readonly [number, number]>> = {
  touching: [1, 3], behind: [0, 2], under: [0.5, 2], in: [0.5, 2], 'right of': [1, 1], facing: [0, 1], inside: [0, 1], over: [1, 1],
  contains: [1, 1], 'away from': [1, 1], beneath: [1, 1], among: [0, 1], 'levitating above': [0, 1], near: [1, 1], 'attached to': [1, 1],
};
/** eval_compute_acc_by_rel_meta_cat.py's printout (4 decimals); "levitating above" is in none. */
const BY_CATEGORY: Readonly<Record<string, readonly [number, number]>> = {
  Directional: [1, 1], Proximity: [1, 1], Adjacency: [1, 1], Topological: [0.7143, 7], Projective: [0.5714, 7], Unallocated: [0, 1], Orientation: [0, 1],
};

const ENTRY = (path: string): Record<string, string> => ({ class: 'ImageYORNDataset', dataset: 'VSR_zeroshot_test', path });

describe("VSR, the authors' split files", () => {
  it('asks the statement, reads the image by name from data/images, and reports their accuracy by relation and meta-category with P/R/F1 (CLI, mock, re-scored)', async () => {
    const rows = await caseRows();
    const dir = await tempDir();
    const path = await layout(dir, rows);
    const run = await runDataset(dir, 'VSR_zeroshot_test', ENTRY(path));
    expect(errorLines(run.stderr)).toEqual([]);
    expect(run.code).toBe(0);
    const store = (await readFile(join(run.work, MODEL, `${MODEL}_VSR_zeroshot_test.jsonl`), 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const first = JSON.parse(store[0] as string) as Record<string, unknown>;
    expect(first['question']).toBe(`${rows[0]?.caption ?? ''}\n${VSR_STATEMENT_QUESTION}`);

    await rescoreWithReplies(run.work, 'VSR_zeroshot_test', (index) => reply(Number(index), rows[Number(index)]?.label ?? -1));
    const { records, summary } = await outputs(run.work, 'VSR_zeroshot_test');
    expect(records).toHaveLength(rows.length);
    expect(summary.benchmark).toBe('vsr');

    const right = rows.map((_, i) => verdict(i) === 'right');
    const expected: Record<string, number> = { accuracy: right.filter(Boolean).length / rows.length };
    for (const [relation, [accuracy, count]] of Object.entries(BY_RELATION)) {
      const hits = rows.map((r, i) => (r.relation === relation ? right[i] : undefined)).filter((h) => h !== undefined);
      expect([hits.filter(Boolean).length / hits.length, hits.length]).toEqual([accuracy, count]);
      expected[relation] = accuracy;
    }
    const categoryOf = (r: VsrRow): string | undefined => Object.entries(CATEGORY_RELATIONS).find(([, rels]) => rels.includes(r.relation))?.[0];
    for (const [category, [accuracy, count]] of Object.entries(BY_CATEGORY)) {
      const hits = rows.map((r, i) => (categoryOf(r) === category ? right[i] : undefined)).filter((h) => h !== undefined);
      expect(hits.length).toBe(count);
      expect(hits.filter(Boolean).length / hits.length).toBeCloseTo(accuracy, 4);
      expected[category] = hits.filter(Boolean).length / hits.length;
    }
    // VSR_rating's confusion table: the reply's Yes against label 1; an undecided reply predicts No.
    const saysYes = rows.map((r, i) => verdict(i) !== 'undecided' && (r.label === 1) === (verdict(i) === 'right'));
    const tp = rows.filter((r, i) => saysYes[i] === true && r.label === 1).length;
    const fp = rows.filter((r, i) => saysYes[i] === true && r.label === 0).length;
    const fn = rows.filter((r, i) => saysYes[i] !== true && r.label === 1).length;
    const precision = tp / (tp + fp);
    const recall = tp / (tp + fn);
    expectMetrics(summary.metrics['caption-yes-no'], { ...expected, precision, recall, f1: (2 * precision * recall) / (precision + recall) });
  });

  it('runs the demo split as it is (benchmarks/demo/vsr/data, images in data/images)', async () => {
    const dir = await tempDir();
    const path = join(REPO_ROOT, 'benchmarks', 'demo', 'vsr', 'data', 'splits', 'zeroshot', 'test.jsonl');
    const run = await runDataset(dir, 'VSR_zeroshot_test', ENTRY(path));
    expect(errorLines(run.stderr)).toEqual([]);
    expect((await outputs(run.work, 'VSR_zeroshot_test')).records).toHaveLength(16);
  });

  it.each([
    ['a missing image', (rows: VsrRow[]) => [rows[0], { ...rows[1], image: '000000999999.jpg' }], [/row 2/, /column 'image'/, /000000999999\.jpg' not found/]],
    ['a label other than 0 or 1', (rows: VsrRow[]) => [rows[0], rows[1], { ...rows[2], label: 'True' }], [/row 3/, /label/, /1 \(true\) or 0 \(false\)/]],
    ['a row without a caption', (rows: VsrRow[]) => [{ ...rows[0], caption: undefined }], [/row 1/, /caption/]],
  ] as const)('refuses %s in one line naming file and row', async (_what, edit, patterns) => {
    const rows = await caseRows();
    const dir = await tempDir();
    const path = await layout(dir, rows, edit(rows).map((r) => `${JSON.stringify(r)}\n`).join(''));
    expectDataError(await runDataset(dir, 'VSR_zeroshot_test', ENTRY(path)), [path, ...patterns]);
  });
});

/** rel_meta_category_dict.txt as their script reads it (later lines win: "among" is Unallocated). */
const CATEGORY_RELATIONS: Readonly<Record<string, readonly string[]>> = {
  Adjacency: ['attached to'],
  Orientation: ['facing'],
  Directional: ['away from'],
  Projective: ['behind', 'under', 'right of', 'over', 'beneath'],
  Proximity: ['near'],
  Topological: ['touching', 'in', 'inside', 'contains'],
  Unallocated: ['among'],
};
