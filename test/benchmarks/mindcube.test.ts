/**
 * MindCube: the lmms-eval Parquet and VLMEvalKit TSV forms through the CLI (child process, embedded
 * mock), hand-made replies scored from stored predictions, prompts, and bad input. Expected numbers
 * are computed here from the stored replies with the original formulas written out plainly
 * (mll-lab-nu/MindCube@6d8fd9ac evaluator.py / base_metrics.py; lmms-eval@75571cfe
 * tasks/mindcube/utils.py; VLMEvalKit@e8e78f05 spatial_bench eval_mcq_score). The replies are
 * ASCII, so JS `\b` and `\s` read as Python's there; Python's `$` is written `(?=\n?$)`.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mindcube, mindcubeVlmevalkit, optionsInQuestion } from '../../benchmarks/mindcube.js';
import { interleaveAtMarks } from '../../src/benchmark/interleave.js';
import type { Choice, DataRow, Sample } from '../../src/core/types.js';
import { readTsv } from '../../src/data/tsv.js';
import { extractAnswer } from '../../src/extract/pipelines.js';
import { evaluate } from '../../src/score/evaluate.js';
import type { PredictionRecord } from '../../src/workdir/records.js';
import { readAll } from '../data/parquet-fixtures.js';
import { inputPrompt, mindcubeItems, RAW_QA_HEAD, writeMindcubeParquet, writeMindcubeTsv, type MindcubeItem } from './mindcube-data.js';
import { errorLines, mean, metricsMismatch, readOutputs, ROOT, runDataset, tempDir } from './run-cli.js';

// ------------------------------------------------------------- the formulas, written out plainly

const lastOf = (re: RegExp, t: string): string | null => [...t.matchAll(re)].at(-1)?.[1] ?? null;

/** extractors.py extract_answer, transcribed stage by stage. */
function extractAnswerPlain(text: string): string | null {
  if (text === '') return null;
  const dot = lastOf(/([A-E])\./g, text);
  if (dot !== null) return dot;
  const section = /<Answer>([\s\S]*?)(?:<|(?=\n?$))/.exec(text);
  if (section !== null) {
    for (const p of [/[Mm]y answer is ([A-E])/g, /[Tt]he answer is ([A-E])/g, /\b([A-E])\b/g]) {
      const m = lastOf(p, section[1] ?? '');
      if (m !== null) return m;
    }
  }
  for (const p of [/(?:^|\n)(?:Answer: )?([A-E])(?:(?=\n?$)|\s)/g, /[*"]([A-E])[*"]/g, /\bAnswer:?\s*([A-E])\b/g, /[Mm]y answer is ([A-E])/g, /answer is ([A-E])/g]) {
    const m = lastOf(p, text);
    if (m !== null) return m;
  }
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = /\b([A-E])\b/.exec(lines[i] as string);
    if (m !== null) return m[1] ?? null;
  }
  return null;
}

/** utils.py ResponseProcessor.clean_response: what the official inference stores and scores. */
const cleaned = (t: string): string => (t === '' ? 'No response generated' : t.trim().replace(/\s+/g, ' ') || 'Error: Generated response too short');

const officialHit = (reply: string, gold: string): number => (extractAnswerPlain(cleaned(reply)) === gold ? 1 : 0);
const lmmsHit = (reply: string, gold: string): number => (extractAnswerPlain(reply.trim()) === gold ? 1 : 0);
const vlmevalkitHit = (reply: string, gold: string): number => (extractAnswer('vlmevalkit-spatial', reply, []).answer?.toLowerCase() === gold.toLowerCase() ? 1 : 0);

/** get_setting_from_id and lmms-eval's prefix type. */
const officialSetting = (id: string): string => ['around', 'rotation', 'translation', 'among'].find((s) => id.toLowerCase().includes(s)) ?? 'other';
const lmmsType = (id: string): string => {
  const first = id.split('_')[0];
  return first === 'among' || first === 'rotation' ? first : first === 'around' || first === 'aroundnew' ? 'around' : 'other';
};

interface Scored {
  readonly id: string;
  readonly gold: string;
  readonly reply: string;
  readonly category: string;
}

/** Every number the three protocols report, from the replies. */
function expectedMetrics(units: readonly Scored[]): Record<string, Record<string, number | null>> {
  const official: Record<string, number | null> = {
    overall: mean(units.filter((u) => officialSetting(u.id) !== 'translation').map((u) => officialHit(u.reply, u.gold))),
  };
  for (const s of [...new Set(units.map((u) => officialSetting(u.id)))].sort()) {
    official[s] = mean(units.filter((u) => officialSetting(u.id) === s).map((u) => officialHit(u.reply, u.gold)));
  }
  const bySetting = (hit: (u: Scored) => number, key: (u: Scored) => string, overall: string) => {
    const out: Record<string, number | null> = { [overall]: mean(units.map(hit)) };
    for (const s of ['rotation', 'among', 'around']) out[`${s}_accuracy`] = mean(units.filter((u) => key(u) === s).map(hit));
    return out;
  };
  return {
    official,
    'lmms-eval': bySetting((u) => lmmsHit(u.reply, u.gold), (u) => lmmsType(u.id), 'overall_accuracy'),
    vlmevalkit: bySetting((u) => vlmevalkitHit(u.reply, u.gold), (u) => u.category, 'overall'),
  };
}

function reply(predictions: ReadonlyMap<string, string>, index: string): string {
  const p = predictions.get(index);
  if (p === undefined) throw new Error(`no answer stored for ${index}`);
  expect(p).toMatch(/^[\x00-\x7f]*$/);
  return p;
}

// ------------------------------------------------------------- end to end

describe('MindCube through the CLI (embedded mock)', () => {
  it('lmms-eval Parquet (HF layout): official, lmms-eval and VLMEvalKit protocols from the same replies', async () => {
    const dir = await tempDir();
    const items = mindcubeItems(36);
    const folder = await writeMindcubeParquet(join(dir, 'MindCube_lmmseval'), items);
    const res = await runDataset(dir, 'mindcube_tiny', { class: 'MindCube', dataset: 'mindcube_tiny', path: folder });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { predictions, summary } = await readOutputs(res.work, 'mindcube_tiny');
    expect(predictions.size).toBe(items.length);
    const units = items.map((it) => ({ id: it.id, gold: it.gold, reply: reply(predictions, it.id), category: lmmsType(it.id) }));
    const expected = expectedMetrics(units);
    expect(metricsMismatch(summary.metrics, expected)).toEqual([]);
    expect(Object.keys(expected['official'] ?? {})).toEqual(['overall', 'among', 'around', 'other', 'rotation', 'translation']);
    expect(summary.primary).toEqual({ protocol: 'official', metric: 'overall', value: expected['official']?.['overall'] });
  });

  it('VLMEvalKit TSV with image_path files beside it', async () => {
    const dir = await tempDir();
    const items = mindcubeItems(18);
    const tsv = join(dir, 'MindCubeBench_tiny_raw_qa.tsv');
    await writeMindcubeTsv(tsv, items);
    const res = await runDataset(dir, 'MindCubeBench_tiny_raw_qa', { class: 'MindCubeBench', dataset: 'MindCubeBench_tiny_raw_qa', path: tsv });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { predictions, summary } = await readOutputs(res.work, 'MindCubeBench_tiny_raw_qa');
    const units = items.map((it, i) => ({ id: it.id, gold: it.gold, reply: reply(predictions, String(i)), category: it.category }));
    expect(metricsMismatch(summary.metrics, expectedMetrics(units))).toEqual([]);
  });

  it('the demo file runs', async () => {
    const path = join(ROOT, 'benchmarks', 'demo', 'mindcube_tiny');
    const res = await runDataset(await tempDir(), 'mindcube_tiny', { class: 'MindCube', dataset: 'mindcube_tiny', path });
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { summary } = await readOutputs(res.work, 'mindcube_tiny');
    expect(summary.counts).toMatchObject({ rows: 6, scored: 6 });
  });
});

// ------------------------------------------------------------- hand-made replies

describe('MindCube on hand-made replies (stored predictions)', () => {
  const cases: readonly (Scored & { readonly text: string })[] = [
    // Cleaning joins the lines: official reads A, lmms-eval and VLMEvalKit C.
    { id: 'rotation_g0_q1', gold: 'C', category: 'rotation', text: 'A is wrong\n\nC', reply: '' },
    { id: 'rotation_g0_q2', gold: 'B', category: 'rotation', text: '<answer>B. Door</answer>', reply: '' },
    // A lower-case tag is not <Answer>; "B." elsewhere wins first.
    { id: 'among_g1_q1', gold: 'A', category: 'among', text: '<answer>A</answer> since B. is blocked', reply: '' },
    { id: 'among_g1_q2', gold: 'D', category: 'among', text: 'the answer is d', reply: '' },
    { id: 'aroundnew_t_q1', gold: 'B', category: 'around', text: ' \nD is it\nB', reply: '' },
    { id: 'around_g2_q1', gold: 'A', category: 'around', text: 'Answer: A', reply: '' },
    // Translation: reported, left out of the official overall, "other" for lmms-eval.
    { id: 'translation_g3_q1', gold: 'A', category: 'translation', text: 'A', reply: '' },
  ].map((c) => ({ ...c, reply: c.text }));
  const choices: Choice[] = ['A', 'B', 'C', 'D'].map((letter) => ({ letter, text: '' }));
  const record = (c: (typeof cases)[number]): PredictionRecord => ({
    index: c.id, prompt_hash: 'h', settings_hash: 's', status: 'ok', prediction: c.text, finish_reason: 'stop', usage: null,
    latency_ms: 1, attempts: 1, time: '', answer: c.gold, choices,
    fields: { setting: officialSetting(c.id), in_overall: officialSetting(c.id) === 'translation' ? 'no' : 'yes', lmms_type: lmmsType(c.id), category: c.category },
  });
  const result = evaluate(new Map(cases.map((c) => [c.id, record(c)])), mindcube.protocols, false);

  it('every metric of every protocol equals the formula', () => {
    const got: Record<string, Record<string, number | null>> = {};
    for (const p of result.protocols) got[p.name] = Object.fromEntries([...p.metrics].map(([k, v]) => [k, Number.isNaN(v.value) ? null : v.value]));
    expect(metricsMismatch(got, expectedMetrics(cases))).toEqual([]);
    // The protocols disagree on these replies, so the comparison above can tell them apart.
    expect(got['official']?.['overall']).toBe(2 / 6);
    expect(got['lmms-eval']?.['overall_accuracy']).toBe(5 / 7);
  });
});

// ------------------------------------------------------------- prompts

const textOf = (s: Sample): string[] => s.parts.map((p) => (p.kind === 'text' ? p.text : '<img>'));

async function firstSample(rows: AsyncIterable<DataRow> | readonly DataRow[], toSample: (row: DataRow) => Promise<Sample>): Promise<Sample> {
  for await (const row of rows) return toSample(row);
  throw new Error('no rows');
}

describe('MindCube prompts', () => {
  it('Parquet: the input_prompt split at its <image> marks, images in order, options from the question', async () => {
    const dir = await tempDir();
    const [, , item] = mindcubeItems(3) as [MindcubeItem, MindcubeItem, MindcubeItem];
    const folder = await writeMindcubeParquet(dir, [item]);
    const parquet = mindcube.parquet;
    if (parquet === undefined) throw new Error('no Parquet source');
    const sample = await firstSample(await readAll(join(folder, 'tiny', 'combined-00000-of-00001.parquet'), parquet), parquet.toSample);
    const question = item.question.replace(/^(<image>)+/, '');
    expect(textOf(sample)).toEqual([RAW_QA_HEAD.trim(), '<img>', '<img>', '<img>', question]);
    expect(sample.parts.flatMap((p) => (p.kind === 'image' ? [p.image.data] : []))).toEqual(item.images);
    expect(sample).toMatchObject({ index: item.id, answer: item.gold });
    expect(sample.choices).toEqual(item.options.map((text, k) => ({ letter: 'ABCD'[k], text })));
    expect(sample.fields).toEqual({ setting: 'around', in_overall: 'yes', lmms_type: 'around', category: 'around' });
  });

  it('TSV: the id column gives the official setting, category VLMEvalKit\'s group', async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'MindCubeBench_tiny_raw_qa.tsv');
    await writeMindcubeTsv(tsv, mindcubeItems(5).slice(4));
    const sample = await firstSample(readTsv(tsv), (row) => mindcubeVlmevalkit.tsv?.toSample(row) ?? Promise.reject(new Error('no TSV source')));
    expect(sample.fields).toEqual({ setting: 'translation', in_overall: 'no', lmms_type: 'other', category: 'translation' });
    expect(sample.parts.filter((p) => p.kind === 'image')).toHaveLength(1);
  });

  it.each([
    ['marks beyond the images are dropped', 'a<image>b<image>c', 1, ['a', '<img>', 'b', 'c']],
    ['images beyond the marks are dropped', '<image>q', 3, ['<img>', 'q']],
    ['empty parts are skipped, parts stripped', ' <image> \n<image>  q  ', 2, ['<img>', '<img>', 'q']],
    ['no marks: no image', 'just text', 2, ['just text']],
  ] as const)('%s (VLMEvalKit build_msgs, lmms-eval _mindcube_interleaved_messages)', (_n, prompt, images, parts) => {
    const image = { data: Buffer.from('x'), mime: 'image/png' };
    expect(interleaveAtMarks(prompt, Array.from({ length: images }, () => image)).map((p) => (p.kind === 'text' ? p.text : '<img>'))).toEqual(parts);
  });

  it('options: "X. " marks in letter order', () => {
    expect(optionsInQuestion('Q? A. Chair and white board B. Door C. Two chairs')).toEqual([
      { letter: 'A', text: 'Chair and white board' }, { letter: 'B', text: 'Door' }, { letter: 'C', text: 'Two chairs' },
    ]);
    expect(optionsInQuestion('Image B. shows A. left B. right')).toEqual([{ letter: 'A', text: 'left' }, { letter: 'B', text: 'right' }]);
    expect(inputPrompt(mindcubeItems(1)[0] as MindcubeItem).startsWith('[Task]\n')).toBe(true);
  });
});

// ------------------------------------------------------------- bad input

describe('MindCube bad input: one clear line, exit 2', () => {
  async function refused(dataset: string, path: string, patterns: readonly RegExp[]) {
    const res = await runDataset(join(path, '..'), dataset, { class: dataset.startsWith('mindcube') ? 'MindCube' : 'MindCubeBench', dataset, path });
    const lines = errorLines(res.stderr);
    expect(res.code, res.stderr).toBe(2);
    expect(lines).toHaveLength(1);
    for (const p of patterns) expect(lines[0]).toMatch(p);
  }

  it('Parquet: a gold letter that is no option', async () => {
    const dir = await tempDir();
    const folder = await writeMindcubeParquet(join(dir, 'd'), mindcubeItems(4), (row, i) => (i === 2 ? { ...row, gt_answer: 'E' } : row));
    await refused('mindcube_tiny', folder, [/combined-00000-of-00001\.parquet \(row 3, column 'gt_answer'\)/, /answer 'E' is not one of the row's options \(A, B, C, D\)/]);
  });

  it('Parquet: a question without options', async () => {
    const dir = await tempDir();
    const folder = await writeMindcubeParquet(join(dir, 'd'), mindcubeItems(3), (row, i) => (i === 1 ? { ...row, question: 'Where is the door?' } : row));
    await refused('mindcube_tiny', folder, [/\(row 2, column 'question'\)/, /expected the options in the question as "A\. … B\. …"/]);
  });

  it('TSV: a missing category column', async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'MindCubeBench_tiny_raw_qa.tsv');
    await writeMindcubeTsv(tsv, mindcubeItems(2), (row) => ({ ...row, category: '' }));
    await refused('MindCubeBench_tiny_raw_qa', tsv, [/MindCubeBench_tiny_raw_qa\.tsv \(row 1, column 'category'\)/, /empty 'category'/]);
  });

  it('TSV: an image file that is not there', async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'MindCubeBench_tiny_raw_qa.tsv');
    await writeMindcubeTsv(tsv, mindcubeItems(2), (row, i) => (i === 1 ? { ...row, image_path: "['other_all_image/missing.jpg']" } : row));
    await refused('MindCubeBench_tiny_raw_qa', tsv, [/\(row 2, column 'image_path'\)/, /missing\.jpg' not found/]);
  });
});
