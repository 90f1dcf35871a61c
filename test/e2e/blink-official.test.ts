/**
 * BLINK's official protocol on real published replies: GPT-4V's val outputs as zeyofu/BLINK_Benchmark
 * publishes them (eval/saved_outputs/GPT4V/*.json at 2d6a779b, a subset in that file's schema:
 * test/fixtures/blink-published), replayed by the mock over real HTTP, the CLI as a child process.
 *
 * - No judge: every answer BLINK's rule decides is what the authors' `analyze_answer` returned
 *   (their published `prediction`, and blinkOracle); the rest are counted in one line and score as
 *   misses.
 * - A judge that replays GPT-3.5's published decisions: the official Total and every subtask equal
 *   the published official numbers for these items (eval/evaluate.py: per-subtask accuracy of
 *   prediction == answer, Total = the mean of the 14), computed here from the published file.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BLINK_SUBTASKS } from '../../benchmarks/blink.js';
import { writeParquetGroups, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { loadReplay } from '../../src/mock/replay.js';
import { BLINK_FIELDS } from '../data/parquet-fixtures.js';
import { blinkOracle } from '../benchmarks/blink-oracle.js';
import { gptModel, mockServer, paths, readJson, readJsonl, REPO_ROOT, runCli, tempDir, writeConfig, type SummaryJson } from './helpers.js';

const PUBLISHED = join(REPO_ROOT, 'test', 'fixtures', 'blink-published', 'GPT4V_val_subset.json');
const publishedSchema = z.object({ val: z.array(z.object({ idx: z.string(), answer: z.string(), full_prediction: z.string(), prediction: z.string() })) });
type Published = z.infer<typeof publishedSchema>['val'][number];

/**
 * Options per subtask in BLINK val. With these counts the authors' rule reproduces every published
 * rule-decided prediction of GPT-4V, GPT-4o and GPT-4 Turbo (5,703 replies; /work/xcheck/official14/blink/survey.py).
 */
const OPTIONS: Readonly<Record<string, number>> = {
  Art_Style: 2, Counting: 4, Forensic_Detection: 4, Functional_Correspondence: 4, IQ_Test: 4, Jigsaw: 2, 'Multi-view_Reasoning': 2,
  Object_Localization: 2, Relative_Depth: 2, Relative_Reflectance: 3, Semantic_Correspondence: 4, Spatial_Relation: 2, Visual_Correspondence: 4, Visual_Similarity: 2,
};

/** eval/evaluate.py's subtask of an idx: "val_Multi-view_Reasoning_12" → "Multi-view_Reasoning". */
const taskOf = (idx: string): string => idx.split('val')[1]?.slice(1).split('_').slice(0, -1).join('_') ?? '';
const optionsOf = (idx: string): number => OPTIONS[taskOf(idx)] ?? 0;
const marker = (idx: string): string => `[${idx}]`;

async function published(): Promise<Published[]> {
  return publishedSchema.parse(JSON.parse(await readFile(PUBLISHED, 'utf8'))).val;
}

function parquetRow(item: Published): ParquetRowValues {
  const n = optionsOf(item.idx);
  const choices = Array.from({ length: n }, (_, k) => `option ${k + 1} of ${item.idx}`);
  const question = `${marker(item.idx)} Which option fits the images?`;
  return {
    idx: item.idx, question, sub_task: taskOf(item.idx),
    image_1: { bytes: TINY_PNG, path: `${item.idx}_1.png` }, image_2: null, image_3: null, image_4: null,
    choices, answer: item.answer,
    prompt: `${question}\nSelect from the following choices.\n${choices.map((c, k) => `(${'ABCD'[k] ?? ''}) ${c}`).join('\n')}`,
    explanation: '',
  };
}

/** eval/evaluate.py on the published predictions of these items. */
function publishedScores(items: readonly Published[]): Record<string, number> {
  const per: Record<string, number> = {};
  for (const task of BLINK_SUBTASKS) {
    const mine = items.filter((i) => taskOf(i.idx) === task);
    per[task] = mine.filter((i) => i.prediction === i.answer).length / mine.length;
  }
  return { ...per, Total: BLINK_SUBTASKS.reduce((s, t) => s + (per[t] ?? Number.NaN), 0) / BLINK_SUBTASKS.length };
}

interface ScoreLine {
  readonly index: string;
  readonly extracted: string | null;
  readonly method: string;
  readonly hit: boolean;
}

interface ProtocolJudge {
  readonly rules_decided: number;
  readonly rules_undecided: number;
  readonly judge_decided: number;
  readonly judge_undecided: number;
  readonly model: string | null;
  readonly prompt_version: string;
}

type BlinkSummary = SummaryJson & { readonly protocols: Record<string, { readonly judge?: ProtocolJudge }>; readonly provenance: Record<string, unknown> };

async function setup(items: readonly Published[], judgeReplay: boolean) {
  const dir = await tempDir();
  const data = join(dir, 'val-00000-of-00001.parquet');
  await writeParquetGroups(data, { fields: BLINK_FIELDS }, [items.map(parquetRow)]);
  const replayFile = join(dir, 'replay.jsonl');
  const undecided = items.filter((i) => blinkOracle(i.full_prediction, optionsOf(i.idx)) === null);
  const lines = [
    ...items.map((i) => ({ contains: marker(i.idx), content: i.full_prediction })),
    // GPT-3.5's published decisions, for the replies the rule leaves to it.
    ...(judgeReplay ? undecided.map((i) => ({ judged: i.full_prediction, content: i.prediction })) : []),
  ];
  await writeFile(replayFile, lines.map((l) => JSON.stringify(l)).join('\n'));
  const replay = await loadReplay(replayFile);
  const model = await mockServer({ modelId: 'gpt-4v-replay', replay });
  const judge = await mockServer({ modelId: 'judge-model', replay });
  const gpt4v = gptModel(`${model.url}/chat/completions`, { model: 'gpt-4v-replay', max_tokens: 1024 });
  // `twice`: the same replies under a second model name, for compare.
  const config = (withJudge: boolean, twice = false) => ({
    model: { GPT4V: gpt4v, ...(twice ? { GPT4V_again: gpt4v } : {}) },
    data: { BLINK: { class: 'ImageMCQDataset', dataset: 'BLINK', path: data } },
    ...(withJudge ? { judge: { model: 'judge-model', api_base: judge.url, key: 'EMPTY', api_nproc: 4 } } : {}),
  });
  return { dir, work: join(dir, 'work'), config, judge, undecided };
}

describe('BLINK official on published GPT-4V replies', () => {
  it("without a judge: the rule's decisions are the authors', the rest one counted line, scored as misses", async () => {
    const items = await published();
    const { dir, work, config, undecided } = await setup(items, false);
    const res = await runCli(['--config', await writeConfig(join(dir, 'c.json'), config(false)), '--work-dir', work]);
    expect(res.code, res.stderr).toBe(0);
    const p = paths(work, 'GPT4V', 'BLINK');
    const scores = new Map((await readJsonl<ScoreLine>(p.scores)).map((s) => [s.index, s]));
    expect(scores.size).toBe(items.length);
    // The original analyze_answer, run on these replies (/work/xcheck/official14/blink), leaves 40 to GPT-3.5.
    expect(undecided.length).toBe(40);
    for (const item of items) {
      const want = blinkOracle(item.full_prediction, optionsOf(item.idx));
      const got = scores.get(item.idx);
      // The published prediction is analyze_answer's own output wherever the rule decided.
      if (want !== null) expect(want, item.idx).toBe(item.prediction);
      expect(got?.extracted === null ? null : `(${got?.extracted ?? ''})`, item.idx).toBe(want);
      if (want === null) expect(got?.hit, item.idx).toBe(false);
    }
    const line = `official: 40 of ${items.length} answers need the LLM judge this protocol asks (blink-gpt-3.5-match@1) and no judge is configured: scored as misses`;
    expect(res.stdout.split('\n').filter((l) => l.includes(line))).toHaveLength(1);
    const summary = await readJson<BlinkSummary>(p.summary);
    expect(summary.protocols['official']?.judge).toEqual({ rules_decided: items.length - 40, rules_undecided: 40, judge_decided: 0, judge_undecided: 0, model: null, prompt_version: 'blink-gpt-3.5-match@1' });
  });

  it("with a judge that decides as the official GPT-3.5 did: Total and every subtask equal BLINK's published numbers", async () => {
    const items = await published();
    const { dir, work, config, judge, undecided } = await setup(items, true);
    const res = await runCli(['--config', await writeConfig(join(dir, 'c.json'), config(true)), '--work-dir', work]);
    expect(res.code, res.stderr).toBe(0);
    // Asked exactly for the replies the rule leaves undecided, once each (the script asks once).
    expect(judge.stats.completionsOk).toBe(undecided.length);
    const summary = await readJson<BlinkSummary>(paths(work, 'GPT4V', 'BLINK').summary);
    const want = publishedScores(items);
    for (const [name, value] of Object.entries(want)) expect(summary.metrics['official']?.[name], name).toBeCloseTo(value, 12);
    // "(Z)" and "(C) Point C" are GPT-3.5 replies that name no option the way the script reads them.
    const none = undecided.filter((i) => !/^\([A-E]\)$/.test(i.prediction)).length;
    expect(summary.protocols['official']?.judge).toEqual({
      rules_decided: items.length - undecided.length, rules_undecided: undecided.length, judge_decided: undecided.length - none, judge_undecided: none,
      model: 'judge-model', prompt_version: 'blink-gpt-3.5-match@1',
    });
    expect(summary.provenance['judge']).toMatchObject({ model: 'judge-model', prompt_version: 'blink-gpt-3.5-match@1' });
    expect(res.stdout).not.toContain('no judge is configured');
  });

  it('compare refuses an official number made with a judge against one made without, and compares judged numbers alike', async () => {
    const items = await published();
    const { dir, work, config, judge } = await setup(items, true);
    expect((await runCli(['--config', await writeConfig(join(dir, 'c.json'), config(false, true)), '--work-dir', work])).code).toBe(0);
    const judgeFlags = ['--judge', 'judge-model', '--judge-base-url', judge.url, '--judge-key', 'EMPTY'];
    expect((await runCli(['score', '--work-dir', work, '--model', 'GPT4V_again', ...judgeFlags])).code).toBe(0);

    const refused = await runCli(['compare', 'GPT4V', 'GPT4V_again', '--work-dir', work]);
    expect(refused.code).toBe(2);
    const lines = refused.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain("compare: BLINK: A's official number was made without a judge (40 answers left undecided), B's with judge judge-model (blink-gpt-3.5-match@1)");

    expect((await runCli(['score', '--work-dir', work, '--model', 'GPT4V', ...judgeFlags])).code).toBe(0);
    const out = join(dir, 'cmp');
    const compared = await runCli(['compare', 'GPT4V', 'GPT4V_again', '--work-dir', work, '--out', out]);
    expect(compared.code, compared.stderr).toBe(0);
    // Both sides' Total is the published one: compare scored them with the verdicts their scoring recorded.
    const total = (await readFile(join(out, 'compare.csv'), 'utf8')).split('\n').find((l) => l.includes(',Total,'));
    const want = publishedScores(items)['Total'] ?? Number.NaN;
    // score_a, score_b (COMPARE_CSV_COLUMNS).
    const [a, b] = (total ?? '').split(',').slice(8, 10).map(Number);
    expect(a).toBeCloseTo(want, 6);
    expect(b).toBeCloseTo(want, 6);
  });
});
