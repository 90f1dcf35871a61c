/**
 * OmniSpatial through the CLI on small files in its real schemas, against the project's mock:
 * the authors' data.json (each item asked `repeats` times, each repeat a stored prediction of its
 * own, the replies read by the eval_type they were asked for), VLMEvalKit's OmniSpatialBench TSV
 * and lmms-eval's omni_spatial Parquet. Stored predictions are rewritten with replies whose reading
 * the original Python gave (omnispatial-cases.ts) and `actial-eval score` must report the numbers
 * computed here with the original formulas: api_eval.py's pooled sum(flags) / (len + 1e-6) * 100,
 * VLMEvalKit's hit means, lmms-eval's score means.
 */
import { createHash } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lmmsOmniSpatialPrompt, omniSpatial, vlmevalkitPrompt } from '../../benchmarks/omnispatial.js';
import { streamSamples } from '../../src/data/samples.js';
import { buildRequest } from '../../src/request/build.js';
import { field, writeParquetGroups } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { TINY_PNG_B64 } from '../e2e/helpers.js';
import { CASES } from '../extract/cases/index.js';
import { OMNI_LETTERS, PROMPT_ITEM, PROMPT_SHA256 } from './omnispatial-cases.js';
import { OMNI_ITEMS, writeOmniDataset, type OmniItem } from './omnispatial-data.js';
import { expectDataError, expectMetrics, MODEL, outputs, rescoreWithReplies, runDataset, tempDir, writeTsv } from './helpers.js';

const TASKS = ['Dynamic_Reasoning', 'Spatial_Interaction', 'Complex_Logic', 'Perspective_Taking'];
const SUBS = ['Manipulation', 'Motion_Analysis', 'Traffic_Analysis', 'Localization', 'Geospatial_Strategy', 'Pattern_Recognition', 'Geometric_Reasoning', 'Egocentric', 'Allocentric', 'Hypothetical'];
const gold = (it: OmniItem): string => 'ABCD'[it.answer] as string;
const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** api_eval.py's final report: pooled flags per task and sub-task, sum / (len + eps) * 100. */
function authorsReport(flags: readonly { it: OmniItem; flag: boolean }[]): Record<string, number> {
  const pct = (xs: readonly boolean[]): number => (xs.filter(Boolean).length / (xs.length + 1e-6)) * 100;
  const out: Record<string, number> = { Overall: pct(flags.map((f) => f.flag)) };
  for (const t of TASKS) out[t] = pct(flags.filter((f) => f.it.task_type === t).map((f) => f.flag));
  for (const s of SUBS) out[s] = pct(flags.filter((f) => f.it.sub_task_type === s).map((f) => f.flag));
  return out;
}

/** Our summary holds fractions without the 1e-6: equal to theirs to their printed two decimals. */
function expectAuthorsReport(actual: Readonly<Record<string, number | null>> | undefined, flags: readonly { it: OmniItem; flag: boolean }[]): void {
  const theirs = authorsReport(flags);
  const mean = (xs: readonly boolean[]): number => xs.filter(Boolean).length / xs.length;
  const exact: Record<string, number> = { Overall: mean(flags.map((f) => f.flag)) };
  for (const t of TASKS) exact[t] = mean(flags.filter((f) => f.it.task_type === t).map((f) => f.flag));
  for (const s of SUBS) exact[s] = mean(flags.filter((f) => f.it.sub_task_type === s).map((f) => f.flag));
  expectMetrics(actual, exact);
  for (const [k, v] of Object.entries(theirs)) expect(((actual?.[k] ?? Number.NaN) * 100).toFixed(2), k).toBe(v.toFixed(2));
}

const itemOf = (index: string): OmniItem => {
  const it = OMNI_ITEMS.find((x) => index.startsWith(`${x.task_type}_${x.id}_`));
  if (it === undefined) throw new Error(`no item for ${index}`);
  return it;
};
const repeatOf = (index: string): number => Number(index.split('_').at(-1));
/** A different original case per (item, repeat). */
const caseFor = (index: string): (typeof OMNI_LETTERS)[number] => OMNI_LETTERS[(OMNI_ITEMS.indexOf(itemOf(index)) * 7 + repeatOf(index) * 3) % OMNI_LETTERS.length] as (typeof OMNI_LETTERS)[number];

const storeLines = async (work: string, dataset: string): Promise<number> => (await readFile(join(work, MODEL, `${MODEL}_${dataset}.jsonl`), 'utf8')).split('\n').filter((l) => l !== '').length;

describe("OmniSpatial, the authors' data.json and api_eval.py", () => {
  it('asks each item `repeats` times, stores each repeat, pools them, and resumes per repeat', async () => {
    const dir = await tempDir();
    const path = await writeOmniDataset(dir);
    const entry = { class: 'OmniSpatial', dataset: 'OmniSpatial', path, repeats: 3 };
    const run = await runDataset(dir, 'OmniSpatial', entry);
    expect(run.code, run.stderr).toBe(0);
    const { records } = await outputs(run.work, 'OmniSpatial');
    expect(records.map((r) => r.index).sort()).toEqual(OMNI_ITEMS.flatMap((it) => [0, 1, 2].map((k) => `${it.task_type}_${it.id}_${k}`)).sort());
    for (const r of records) expect(r.fields).toEqual({ task_type: itemOf(r.index).task_type, sub_task_type: itemOf(r.index).sub_task_type, eval_type: 're', item: `${itemOf(r.index).task_type}_${itemOf(r.index).id}` });

    await rescoreWithReplies(run.work, 'OmniSpatial', (index) => caseFor(index)[0]);
    // case[1]: the letter api_eval's `re` branch credits.
    const flags = records.map((r) => ({ it: itemOf(r.index), flag: caseFor(r.index)[1] === gold(itemOf(r.index)) }));
    expect(flags.some((f) => f.flag) && !flags.every((f) => f.flag)).toBe(true);
    const { summary } = await outputs(run.work, 'OmniSpatial');
    expectAuthorsReport(summary.metrics['official'], flags);

    // A fourth repeat asks only the new one per item; the stored three are kept.
    const before = await storeLines(run.work, 'OmniSpatial');
    const more = await runDataset(dir, 'OmniSpatial', { ...entry, repeats: 4 });
    expect(more.code, more.stderr).toBe(0);
    expect(await storeLines(run.work, 'OmniSpatial')).toBe(before + OMNI_ITEMS.length);
  });

  it('eval_type json and direct: the rule each stored row was asked for decides it', async () => {
    for (const evalType of ['json', 'direct'] as const) {
      const dir = await tempDir();
      const path = await writeOmniDataset(dir);
      const run = await runDataset(dir, 'OmniSpatial', { class: 'OmniSpatial', dataset: 'OmniSpatial', path, repeats: 2, prompt_type: 'zeroshot_cot', eval_type: evalType });
      expect(run.code, run.stderr).toBe(0);
      await rescoreWithReplies(run.work, 'OmniSpatial', (index) => caseFor(index)[0]);
      const { records, summary } = await outputs(run.work, 'OmniSpatial');
      expect(records).toHaveLength(OMNI_ITEMS.length * 2);
      const column = evalType === 'json' ? 3 : 2;
      const flags = records.map((r) => ({ it: itemOf(r.index), flag: caseFor(r.index)[column] === gold(itemOf(r.index)) }));
      expectAuthorsReport(summary.metrics['official'], flags);
    }
  });

  it("sends their system message and user text, then the image, for the configured settings", async () => {
    const dir = await tempDir();
    const path = await writeOmniDataset(dir, [PROMPT_ITEM]);
    for (const [pt, et] of [['manual_cot', 're'], ['none', 'json'], ['zeroshot_cot', 'direct']] as const) {
      const configured = omniSpatial.configure?.({ class: 'OmniSpatial', path, prompt_type: pt, eval_type: et, repeats: 2 }, { name: 'o', configDir: dir });
      if (configured === undefined) throw new Error('OmniSpatial takes settings');
      const bodies = [];
      for await (const { sample } of streamSamples(configured, { files: [path], format: 'json' })) bodies.push(buildRequest(sample, { model: 'm', temperature: 1, max_tokens: 8, system_prompt: 'MODEL SYSTEM', extra: {} }).body);
      expect(bodies).toHaveLength(2);
      const [system, user] = bodies[0]?.messages ?? [];
      expect(system?.role).toBe('system');
      expect(sha(typeof system?.content === 'string' ? system.content : '')).toBe(PROMPT_SHA256.official[`${pt}/${et}`]);
      const content = Array.isArray(user?.content) ? user.content : [];
      expect(content.map((c) => c.type)).toEqual(['text', 'image_url']);
      expect(sha(content[0]?.type === 'text' ? content[0].text : '')).toBe(PROMPT_SHA256.official_user);
      expect(bodies[1]?.messages).toEqual(bodies[0]?.messages);
    }
  });

  it('refuses a sub-task outside their table, and unknown settings, with one line each', async () => {
    const dir = await tempDir();
    const path = await writeOmniDataset(dir, [...OMNI_ITEMS.slice(0, 2), { ...PROMPT_ITEM, sub_task_type: 'Manipulation' }]);
    expectDataError(await runDataset(dir, 'OmniSpatial', { class: 'OmniSpatial', dataset: 'OmniSpatial', path }), [/data\.json/, /row 3/, /sub_task_type/, /Manipulation/, /Perspective_Taking/]);
    const good = await writeOmniDataset(await tempDir());
    for (const [bad, pattern] of [[{ eval_type: 'llm' }, /"eval_type"/], [{ repeats: 0 }, /"repeats"/], [{ repeat: 5 }, /unknown key\(s\) "repeat"/]] as const) {
      const res = await runDataset(dir, 'OmniSpatial', { class: 'OmniSpatial', dataset: 'OmniSpatial', path: good, ...bad });
      expect(res.code, res.stderr).toBe(2);
      expect(res.stderr).toMatch(pattern);
    }
  });
});

describe('OmniSpatial data.json edge cases', () => {
  it('numeric options are written as the f-string writes them; a missing image is one line naming it', async () => {
    const dir = await tempDir();
    const path = await writeOmniDataset(dir, [OMNI_ITEMS[0] as OmniItem]);
    await writeFile(path, JSON.stringify([{ ...OMNI_ITEMS[0], question: 'How many chairs?', options: [2, 3, 4] }]));
    const run = await runDataset(dir, 'OmniSpatial', { class: 'OmniSpatial', dataset: 'OmniSpatial', path, repeats: 1 });
    expect(run.code, run.stderr).toBe(0);
    const { records } = await outputs(run.work, 'OmniSpatial');
    expect((records[0] as { question?: string }).question).toBe('How many chairs?\nA. 2\nB. 3\nC. 4\n');

    const other = await tempDir();
    const bad = await writeOmniDataset(other, OMNI_ITEMS.slice(0, 3));
    await rm(join(other, OMNI_ITEMS[2]?.task_type ?? '', '1.png'));
    expectDataError(await runDataset(other, 'OmniSpatial', { class: 'OmniSpatial', dataset: 'OmniSpatial', path: bad }), [/data\.json/, /row 3/, /1\.png/]);
  });
});

describe("OmniSpatial as VLMEvalKit's OmniSpatialBench TSV", () => {
  it('sends build_prompt for each name and scores the spatial-bench matcher, overall and per task and sub-task', async () => {
    const cases = CASES.filter((c) => c.expected['vlmevalkit-spatial'].answer !== null);
    for (const name of ['OmniSpatialBench', 'OmniSpatialBench_manual_cot']) {
      const dir = await tempDir();
      const path = join(dir, 'OmniSpatialBench.tsv');
      // The plain name with base64 images; the other with VLMEvalKit's meta-only `image_path` (files of the zip).
      const metaOnly = name !== 'OmniSpatialBench';
      if (metaOnly) await writeOmniDataset(dir);
      const columns = ['index', metaOnly ? 'image_path' : 'image', 'question', 'A', 'B', 'C', 'D', 'answer', 'task_type', 'sub_task_type'];
      await writeTsv(path, columns, OMNI_ITEMS.map((it, i) => ({
        index: String(i), image: TINY_PNG_B64, image_path: `${it.task_type}/${it.id.split('_')[0] as string}.png`, question: it.question, A: it.options[0] ?? '', B: it.options[1] ?? '', C: it.options[2] ?? '', D: it.options[3] ?? '',
        answer: gold(it), task_type: it.task_type, sub_task_type: it.sub_task_type,
      })));
      const run = await runDataset(dir, name, { class: 'OmniSpatialBench', dataset: name, path });
      expect(run.code, run.stderr).toBe(0);
      await rescoreWithReplies(run.work, name, (index) => cases[Number(index) * 3]?.text ?? '');
      const { records, summary } = await outputs(run.work, name);
      expect(records).toHaveLength(OMNI_ITEMS.length);
      const mode = name === 'OmniSpatialBench' ? undefined : 'manual_cot';
      for (const r of records) {
        const it = OMNI_ITEMS[Number(r.index)] as OmniItem;
        expect((r as { question?: string }).question).toBe(vlmevalkitPrompt(mode, it.question, it.options.map((text, i) => ({ letter: 'ABCD'[i] as string, text }))));
      }
      const hits = OMNI_ITEMS.map((it, i) => cases[i * 3]?.expected['vlmevalkit-spatial'].answer === gold(it));
      expect(hits.some(Boolean) && !hits.every(Boolean)).toBe(true);
      // eval_mcq_score: hit means * 100 overall and per group; fractions here.
      const mean = (xs: readonly boolean[]): number => xs.filter(Boolean).length / xs.length;
      const want: Record<string, number> = { overall: mean(hits) };
      for (const t of TASKS) want[t] = mean(hits.filter((_, i) => OMNI_ITEMS[i]?.task_type === t));
      for (const s of SUBS) want[s] = mean(hits.filter((_, i) => OMNI_ITEMS[i]?.sub_task_type === s));
      expectMetrics(summary.metrics['vlmevalkit'], want);
    }
  });
});

describe("OmniSpatial as lmms-eval's omni_spatial task", () => {
  it('sends its prompt after the image and scores the first letter after think-stripping, overall and per task', async () => {
    const dir = await tempDir();
    const path = join(dir, 'test-00000-of-00001.parquet');
    const fields = [field.string('id'), field.string('question'), field.list('options', field.string), field.int64('answer'), field.image('image'), field.string('task_type'), field.string('sub_task_type')];
    await writeParquetGroups(path, { fields }, [OMNI_ITEMS.map((it, i) => ({ id: it.id, question: it.question, options: it.options, answer: BigInt(it.answer), image: { bytes: TINY_PNG, path: `${i}.png` }, task_type: it.task_type, sub_task_type: it.sub_task_type }))]);
    const run = await runDataset(dir, 'OmniSpatial_lmms', { class: 'OmniSpatial', dataset: 'OmniSpatial_lmms', path });
    expect(run.code, run.stderr).toBe(0);
    const caseOf = (index: string): (typeof OMNI_LETTERS)[number] => OMNI_LETTERS[(OMNI_ITEMS.findIndex((it) => `${it.task_type}_${it.id}` === index) * 5) % OMNI_LETTERS.length] as (typeof OMNI_LETTERS)[number];
    await rescoreWithReplies(run.work, 'OmniSpatial_lmms', (index) => caseOf(index)[0]);
    const { records, summary } = await outputs(run.work, 'OmniSpatial_lmms');
    expect(records).toHaveLength(OMNI_ITEMS.length);
    for (const r of records) {
      const it = OMNI_ITEMS.find((x) => `${x.task_type}_${x.id}` === r.index) as OmniItem;
      expect((r as { question?: string }).question).toBe(lmmsOmniSpatialPrompt(it.question, it.options));
    }
    const scored = records.map((r) => ({ task: r.fields['task_type'], score: caseOf(r.index)[4] === r.answer ? 1 : 0 }));
    expect(scored.some((s) => s.score === 1) && !scored.every((s) => s.score === 1)).toBe(true);
    const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const want: Record<string, number> = { omni_spatial_score: mean(scored.map((s) => s.score)) };
    for (const t of ['Complex_Logic', 'Dynamic_Reasoning', 'Perspective_Taking', 'Spatial_Interaction']) want[t.toLowerCase()] = mean(scored.filter((s) => s.task === t).map((s) => s.score));
    expectMetrics(summary.metrics['lmms-eval'], want);
  });
});
