/**
 * The Actial repo's own configs (test/fixtures/actial: actial_test.json and qwen_test.json, byte for
 * byte as published in warmsnow-sh/Actial@32f46c31 VLMEvalKit/) run against an OpenAI-compatible
 * server, and every request's text equals what VLMEvalKit builds for the model class on that row.
 * The expected texts are computed here from VLMEvalKit's rules, written out independently of
 * src/prompt: Qwen2VLPromptMixin for dataset names VLMEvalKit types MCQ / VQA, the dataset's own
 * ImageMCQDataset prompt for `_3DSRBench` (a name VLMEvalKit does not register).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mockServer, paths, readJson, readJsonl, REPO_ROOT, runCli, tempDir, TINY_PNG_B64 } from './helpers.js';
import { writeTsv } from '../benchmarks/helpers.js';

interface Row {
  readonly index: string;
  readonly question: string;
  readonly hint?: string;
  readonly options: readonly string[];
  readonly answer: string;
  readonly extra?: Readonly<Record<string, string>>;
}

const LETTERS = 'ABCD';

const mcqRows = (prefix: string): Row[] => [
  { index: '1', question: `${prefix}: which side is the red cube on?`, options: ['left', 'right'], answer: 'A' },
  { index: '2', question: `${prefix}: how many chairs?`, hint: 'Count the legs.', options: ['2', '3', '4'], answer: 'B' },
  { index: '3', question: `${prefix}: 红色立方体在哪里？`, options: ['左边', '右边'], answer: 'B' },
];

/** Qwen2VLPromptMixin._build_mcq_prompt, from its rules: hint, question, options, instruction, rstrip. */
function mixinMcq(r: Row): string {
  let text = `${r.hint !== undefined ? `Hint: ${r.hint}\n` : ''}Question: ${r.question}\n`;
  if (r.options.length > 0) {
    text += `Options:\n${r.options.map((o, i) => `${LETTERS[i]}. ${o}\n`).join('')}`;
    text += /[\u4e00-\u9fff]/.test(text) ? '请直接回答选项字母。' : 'Please select the correct answer from the options above.';
  }
  return text.replace(/\s+$/, '');
}

/** ImageMCQDataset.build_prompt: the same lines, the English instruction with its trailing " \n", no strip. */
function datasetMcq(r: Row): string {
  const options = r.options.map((o, i) => `${LETTERS[i]}. ${o}\n`).join('');
  return `${r.hint !== undefined ? `Hint: ${r.hint}\n` : ''}Question: ${r.question}\nOptions:\n${options}Please select the correct answer from the options above. \n`;
}

function mcqTsvRows(rows: readonly Row[]): Record<string, string>[] {
  return rows.map((r) => ({
    index: r.index,
    image: TINY_PNG_B64,
    question: r.question,
    ...Object.fromEntries(r.options.map((o, i) => [LETTERS[i] as string, o])),
    answer: r.answer,
    ...(r.hint !== undefined ? { hint: r.hint } : {}),
    ...r.extra,
  }));
}

const OMNI = [
  { index: '0', question: 'How many chairs are in the image?', answer: '3', answer_type: 'int' },
  { index: '1', question: 'Is the lamp taller than the table?', answer: 'yes', answer_type: 'str' },
  { index: '2', question: 'How tall is the table in meters?', answer: '0.75', answer_type: 'float' },
];

const THREE_DSR: Row[] = [
  { index: '0', question: 'Is the cat higher than the dog?', options: ['yes', 'no'], answer: 'A', extra: { qid: 'AAAAAAAA', category: 'height_higher' } },
  { index: '1', question: 'Is the dog higher than the cat?', options: ['yes', 'no'], answer: 'B', extra: { qid: 'AAAAAAAA-1', category: 'height_higher' } },
];

const MCQ_COLUMNS = ['index', 'image', 'question', 'hint', 'A', 'B', 'C', 'D', 'answer', 'category', 'l2-category', 'split'];

async function lmuData(dir: string): Promise<string> {
  const root = join(dir, 'LMUData');
  await mkdir(root, { recursive: true });
  await writeTsv(join(root, 'Omni3DBench.tsv'), ['index', 'image', 'question', 'answer', 'answer_type'], OMNI.map((o) => ({ ...o, image: TINY_PNG_B64 })));
  await writeTsv(join(root, 'SpatialEval.tsv'), MCQ_COLUMNS, mcqTsvRows(mcqRows('SpatialEval')).map((r) => ({ ...r, category: 'spatialmap' })));
  await writeTsv(join(root, 'MMSIBench_circular.tsv'), MCQ_COLUMNS, mcqTsvRows(mcqRows('MMSI')).map((r) => ({ ...r, category: 'Pos-Cam-Cam' })));
  await writeTsv(join(root, '_3DSRBench.tsv'), ['index', 'image', 'question', 'A', 'B', 'answer', 'qid', 'category'], mcqTsvRows(THREE_DSR));
  await writeTsv(join(root, 'BLINK.tsv'), MCQ_COLUMNS, mcqTsvRows(mcqRows('BLINK')).map((r) => ({ ...r, category: 'Relative_Depth' })));
  const cv = (prefix: string, type: string, task: string, source: string) =>
    mcqTsvRows(mcqRows(prefix)).map((r) => ({ ...r, prompt: `${r['question'] ?? ''} Select from the following choices.`, split: type, category: task, source }));
  await writeTsv(join(root, 'CV-Bench-2D.tsv'), [...MCQ_COLUMNS, 'prompt', 'source'], cv('CV2D', '2D', 'Count', 'COCO'));
  await writeTsv(join(root, 'CV-Bench-3D.tsv'), [...MCQ_COLUMNS, 'prompt', 'source'], cv('CV3D', '3D', 'Depth', 'Omni3D'));
  return root;
}

interface Stored {
  readonly index: string;
  readonly question: string;
  readonly status: string;
}

async function questions(work: string, model: string, dataset: string): Promise<Map<string, string>> {
  const records = await readJsonl<Stored>(paths(work, model, dataset).predictions);
  expect(records.every((r) => r.status === 'ok'), dataset).toBe(true);
  return new Map(records.map((r) => [r.index, r.question]));
}

/**
 * Runs a published config: as is with LOCAL_IP / VLLM_LOCAL_PORT aimed at the server, or with the
 * one key a served Qwen2VLChat needs added to its model entry.
 */
async function runActialConfig(file: string, how: 'env' | 'api_base'): Promise<{ work: string; code: number | null; stderr: string }> {
  const dir = await tempDir();
  const server = await mockServer({ modelId: 'Qwen2.5-VL-7B-Instruct' });
  const root = await lmuData(dir);
  const config = join(dir, 'config.json');
  const source = join(REPO_ROOT, 'test', 'fixtures', 'actial', file);
  if (how === 'env') await copyFile(source, config);
  else {
    const json = JSON.parse(await readFile(source, 'utf8')) as { model: Record<string, Record<string, unknown>> };
    for (const entry of Object.values(json.model)) entry['api_base'] = server.url;
    await writeFile(config, JSON.stringify(json, null, 4));
  }
  const work = join(dir, 'work');
  const env: Record<string, string> = how === 'env' ? { LOCAL_IP: '127.0.0.1', VLLM_LOCAL_PORT: new URL(server.url).port } : {};
  const res = await runCli(['--config', config, '--work-dir', work], { env: { LMUData: root, ...env } });
  return { work, code: res.code, stderr: res.stderr };
}

describe("the Actial repo's configs, as published", () => {
  it('actial_test.json runs its four datasets with the prompts VLMEvalKit sends for ActialChat', async () => {
    const published = await readFile(join(REPO_ROOT, 'test', 'fixtures', 'actial', 'actial_test.json'));
    expect(published.toString('utf8')).toContain('"class": "ActialChat"');
    const { work, code, stderr } = await runActialConfig('actial_test.json', 'env');
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);

    // Omni3DBench is VQA-typed: the mixin's VQA prompt, not the dataset's <ans> prompt.
    const omni = await questions(work, 'actial', 'Omni3DBench');
    for (const o of OMNI) expect(omni.get(o.index)).toBe(`${o.question}\nPlease try to answer the question with short words or phrases if possible.`);
    // SpatialEval and MMSIBench_circular are MCQ-typed: the mixin's MCQ prompt (a hint row, a CJK row).
    for (const [dataset, prefix] of [['SpatialEval', 'SpatialEval'], ['MMSIBench_circular', 'MMSI']] as const) {
      const got = await questions(work, 'actial', dataset);
      for (const r of mcqRows(prefix)) expect(got.get(r.index), `${dataset} ${r.index}`).toBe(mixinMcq(r));
    }
    // _3DSRBench is a name VLMEvalKit does not register: the mixin declines, the dataset's prompt is sent.
    const sr = await questions(work, 'actial', '_3DSRBench');
    for (const r of THREE_DSR) expect(sr.get(r.index)).toBe(datasetMcq(r));

    // Each run header and summary names the prompt builder.
    const builders = { Omni3DBench: 'qwen2vl-mixin/vqa', SpatialEval: 'qwen2vl-mixin/mcq', MMSIBench_circular: 'qwen2vl-mixin/mcq', _3DSRBench: 'dataset' };
    for (const [dataset, builder] of Object.entries(builders)) {
      const header = await readJson<{ prompt_builder?: string }>(paths(work, 'actial', dataset).predictions.replace(/\.jsonl$/, '.meta.json'));
      expect(header.prompt_builder, dataset).toBe(builder);
      const summary = await readJson<{ provenance: { prompt_builder?: string } }>(paths(work, 'actial', dataset).summary);
      expect(summary.provenance.prompt_builder, dataset).toBe(builder);
    }
    const meta = await readJson<{ settings: Record<string, unknown> }>(paths(work, 'actial', 'SpatialEval').predictions.replace(/\.jsonl$/, '.meta.json'));
    // ActialChat's request: the served id, max_tokens 32000, the config's temperature and top_p, nothing else.
    expect(meta.settings).toMatchObject({ model: 'Qwen2.5-VL-7B-Instruct', temperature: 0, max_tokens: 32000, extra: { top_p: 0.95 } });
    expect(Object.keys(meta.settings['extra'] as object)).toEqual(['top_p']);
    expect(String(meta.settings['system_prompt'])).toMatch(/^You are Actial/);
  });

  it('qwen_test.json runs its five datasets with Qwen2VLChat\'s prompts once the server is named', async () => {
    const { work, code, stderr } = await runActialConfig('qwen_test.json', 'api_base');
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(0);
    // MMSIBench_circular, BLINK and both CV-Bench names are MCQ-typed (CV-Bench through class CVBench).
    for (const [dataset, prefix] of [['MMSIBench_circular', 'MMSI'], ['BLINK', 'BLINK'], ['CV-Bench-2D', 'CV2D'], ['CV-Bench-3D', 'CV3D']] as const) {
      const got = await questions(work, 'actial', dataset);
      for (const r of mcqRows(prefix)) expect(got.get(r.index), `${dataset} ${r.index}`).toBe(mixinMcq(r));
    }
    const sr = await questions(work, 'actial', '_3DSRBench');
    for (const r of THREE_DSR) expect(sr.get(r.index)).toBe(datasetMcq(r));
    const meta = await readJson<{ settings: Record<string, unknown> }>(paths(work, 'actial', 'MMSIBench_circular').predictions.replace(/\.jsonl$/, '.meta.json'));
    expect(meta.settings).toMatchObject({ temperature: 0, max_tokens: 2048, extra: { top_p: 0.95 } });
    expect(meta.settings['system_prompt']).toBeUndefined();
  });

  it('compare refuses two checkpoints asked with different prompt builders, naming them', async () => {
    const dir = await tempDir();
    const server = await mockServer({ modelId: 'Qwen2.5-VL-7B-Instruct' });
    const root = await lmuData(dir);
    const data = { BLINK: { class: 'ImageMCQDataset', dataset: 'BLINK' } };
    const config = join(dir, 'config.json');
    await writeFile(config, JSON.stringify({
      model: {
        plain: { class: 'OpenAIWrapper', model: 'Qwen2.5-VL-7B-Instruct', api_base: server.url, temperature: 0, max_tokens: 64 },
        mixin: { class: 'Qwen2VLChat', api_base: server.url, temperature: 0 },
      },
      data,
    }));
    const work = join(dir, 'work');
    expect((await runCli(['--config', config, '--work-dir', work], { env: { LMUData: root } })).code).toBe(0);
    const res = await runCli(['compare', 'plain', 'mixin', '--work-dir', work]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/compare: BLINK: A was asked with dataset prompts, B with qwen2vl-mixin\/mcq prompts/);
  });
});
