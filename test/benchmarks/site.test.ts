/**
 * SITE image split: VLMEvalKit's SiteBenchImage TSV through the CLI (child process, embedded mock),
 * hand-made replies scored from stored predictions, the prompt, and bad input. Expected numbers are
 * computed here from the stored replies with the original formulas written out plainly: SITE-Bench
 * @36295bb eval_scripts/sitebench/utils.py (= lmms-eval@75571cfe tasks/sitebench/utils.py
 * spatial_process_results / spatial_aggregate_results / _aggregate_category_caa) and VLMEvalKit
 * @e8e78f05 sitebench.py + spatial_bench/cal_scores.py compute_caa_score.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SITE_CATEGORIES, SITE_POST_PROMPT, siteBenchImage, siteImagePrompt } from '../../benchmarks/site.js';
import { expectedMetrics, type Item, siteLetter } from './site-formulas.js';
import type { Choice, DataRow, Sample } from '../../src/core/types.js';
import { readTsv } from '../../src/data/tsv.js';
import { evaluate } from '../../src/score/evaluate.js';
import type { PredictionRecord } from '../../src/workdir/records.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { errorLines, metricsMismatch, readOutputs, ROOT, runDataset, tempDir, writeTsv } from './run-cli.js';

// ------------------------------------------------------------- files

const OPTION_POOL = ['left of the chair', 'right of the chair', 'in front of the sofa', 'behind the sofa', 'on the table'];
const COLUMNS = ['index', 'image', 'question', 'options', 'answer', 'category', 'dataset'] as const;
type SiteRow = Record<(typeof COLUMNS)[number] | 'n', string>;

function siteRows(count: number): SiteRow[] {
  return Array.from({ length: count }, (_, i) => {
    const n = 2 + (i % 4);
    const category = i % 7 === 6 ? 'uncategorised extra' : (SITE_CATEGORIES[i % 6] as readonly [string, string])[0];
    const images = 1 + (i % 3);
    return {
      index: String(100 + i),
      image: `[${Array.from({ length: images }, () => `'${TINY_PNG.toString('base64')}'`).join(', ')}]`,
      question: `Where is the lamp in scene ${i}?`,
      options: `[${OPTION_POOL.slice(0, n).map((o) => `'${o}'`).join(', ')}]`,
      answer: 'ABCDE'[(i * 3) % n] as string,
      category,
      dataset: `source_${i % 3}`,
      n: String(n),
    };
  });
}

// ------------------------------------------------------------- end to end

describe('SiteBenchImage through the CLI (embedded mock)', () => {
  it('accuracy and CAA overall and per category, official and VLMEvalKit, from the same replies', async () => {
    const dir = await tempDir();
    const rows = siteRows(42);
    const tsv = join(dir, 'SiteBenchImage.tsv');
    await writeTsv(tsv, COLUMNS, rows);
    const res = await runDataset(dir, 'SiteBenchImage', { class: 'SiteBenchImage', dataset: 'SiteBenchImage', path: tsv });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { predictions, summary } = await readOutputs(res.work, 'SiteBenchImage');
    expect(predictions.size).toBe(rows.length);
    const units = rows.map((r) => ({ index: r.index, gold: r.answer, n: Number(r.n), category: r.category, reply: predictions.get(r.index) ?? '' }));
    const expected = expectedMetrics(units);
    expect(metricsMismatch(summary.metrics, expected)).toEqual([]);
    expect(summary.primary).toEqual({ protocol: 'official', metric: 'accuracy', value: expected['official']?.['accuracy'] });
  });

  it('the demo file runs', async () => {
    const path = join(ROOT, 'benchmarks', 'demo', 'SiteBenchImage.tsv');
    const res = await runDataset(await tempDir(), 'SiteBenchImage', { class: 'SiteBenchImage', dataset: 'SiteBenchImage', path });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { summary } = await readOutputs(res.work, 'SiteBenchImage');
    expect(summary.counts).toMatchObject({ rows: 6, scored: 6 });
  });
});

// ------------------------------------------------------------- hand-made replies

describe('SiteBenchImage on hand-made replies (stored predictions)', () => {
  const [c0, c1] = [SITE_CATEGORIES[0]?.[0] as string, SITE_CATEGORIES[1]?.[0] as string];
  const units: Item[] = [
    { index: '1', gold: 'A', n: 2, category: c0, reply: 'A' },
    // Nothing matches: the original's random draw, worth 1/3 in expectation; VLMEvalKit: wrong.
    { index: '2', gold: 'B', n: 3, category: c0, reply: 'I cannot tell.' },
    { index: '3', gold: 'C', n: 4, category: c1, reply: 'The best answer is: C' },
    // "(A)" outranks the later " D ": the official reads A; VLMEvalKit sees two letters and decides nothing.
    { index: '4', gold: 'D', n: 4, category: c1, reply: 'Not (A), so D' },
    // No candidate for the official (a 1/5 draw); VLMEvalKit's answer block reads B.
    { index: '5', gold: 'B', n: 5, category: c1, reply: '<answer>B</answer>' },
  ];
  const record = (u: Item): PredictionRecord => ({
    index: u.index, prompt_hash: 'h', settings_hash: 's', status: 'ok', prediction: u.reply, finish_reason: 'stop', usage: null,
    latency_ms: 1, attempts: 1, time: '', answer: u.gold,
    choices: 'ABCDE'.slice(0, u.n).split('').map((letter): Choice => ({ letter, text: '' })),
    fields: { category: u.category, n_options: String(u.n), category_options: `${u.category}#${u.n}` },
  });
  const result = evaluate(new Map(units.map((u) => [u.index, record(u)])), siteBenchImage.protocols, false);

  it('every metric equals the formula; the draw counts 1/n', () => {
    const got: Record<string, Record<string, number | null>> = {};
    for (const p of result.protocols) got[p.name] = Object.fromEntries([...p.metrics].map(([k, v]) => [k, Number.isNaN(v.value) ? null : v.value]));
    expect(metricsMismatch(got, expectedMetrics(units))).toEqual([]);
    expect(got['official']?.['accuracy']).toBeCloseTo((1 + 1 / 3 + 1 + 0 + 1 / 5) / 5, 12);
    // <answer>B</answer>: no candidate either ("B" is never spaced or marked), so a 1/5 draw.
    expect(siteLetter('<answer>B</answer>', 5)).toBeNull();
  });
});

// ------------------------------------------------------------- prompt

async function firstSample(rows: AsyncIterable<DataRow>, toSample: (row: DataRow) => Promise<Sample>): Promise<Sample> {
  for await (const row of rows) return toSample(row);
  throw new Error('no rows');
}

describe('SITE prompt', () => {
  it('images first (one mark each), then Question / Options / the post-prompt', async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'SiteBenchImage.tsv');
    const [row] = siteRows(3).slice(2);
    await writeTsv(tsv, COLUMNS, [{ ...(row as SiteRow), question: '  Where is the lamp?  ' }]);
    const sample = await firstSample(readTsv(tsv), (r) => siteBenchImage.tsv?.toSample(r) ?? Promise.reject(new Error('no TSV source')));
    const text = 'Question: Where is the lamp?\nOptions:\nA: left of the chair\nB: right of the chair\nC: in front of the sofa\nD: behind the sofa\nGive me the answer letter directly. The best answer is:';
    expect(sample.parts.map((p) => (p.kind === 'text' ? p.text : '<img>'))).toEqual(['<img>', '<img>', '<img>', text]);
    expect(sample.fields).toEqual({ category: SITE_CATEGORIES[2]?.[0], n_options: '4', category_options: `${SITE_CATEGORIES[2]?.[0]}#4` });
    expect(SITE_POST_PROMPT).toBe('Give me the answer letter directly. The best answer is:');
  });

  it('marks already in the question: no extra marks, images where they stand', () => {
    expect(siteImagePrompt('Compare <image> with <image>.', ['a', 'b'], 2)).toBe('Question: Compare <image> with <image>.\nOptions:\nA: a\nB: b\nGive me the answer letter directly. The best answer is:');
  });
});

// ------------------------------------------------------------- bad input

describe('SITE bad input: one clear line, exit 2', () => {
  async function refused(edit: (row: SiteRow, i: number) => SiteRow, patterns: readonly RegExp[]) {
    const dir = await tempDir();
    const tsv = join(dir, 'SiteBenchImage.tsv');
    await writeTsv(tsv, COLUMNS, siteRows(4).map(edit));
    const res = await runDataset(dir, 'SiteBenchImage', { class: 'SiteBenchImage', dataset: 'SiteBenchImage', path: tsv });
    const lines = errorLines(res.stderr);
    expect(res.code, res.stderr).toBe(2);
    expect(lines).toHaveLength(1);
    for (const p of patterns) expect(lines[0]).toMatch(p);
  }

  it('options that are not a list', async () => {
    await refused((r, i) => (i === 1 ? { ...r, options: 'left or right' } : r), [/SiteBenchImage\.tsv \(row 2, column 'options'\)/, /expected a list of 2 or more option texts/]);
  });

  it('an answer outside the options', async () => {
    await refused((r, i) => (i === 0 ? { ...r, answer: 'C' } : r), [/\(row 1, column 'answer'\)/, /answer 'C' is not one of the row's options \(A, B\)/]);
  });

  it('an empty category', async () => {
    await refused((r, i) => (i === 3 ? { ...r, category: '' } : r), [/\(row 4, column 'category'\)/, /empty 'category'/]);
  });
});
