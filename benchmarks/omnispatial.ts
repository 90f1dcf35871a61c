import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Choice, DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError, InputError } from '../src/core/errors.js';
import type { Benchmark, EntrySite, Grouping, MetricSpec } from '../src/benchmark/types.js';
import { OPTION_LETTERS, pickFields, readChoices, requireAnswerLetter, requireCell, tsvHint, tsvPromptFields } from '../src/benchmark/mcq.js';
import { imagesFromPaths } from '../src/data/image-paths.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { EVAL_TYPE_FIELD, EVAL_TYPES, LMMS_OMNI_SPATIAL_PIPELINE, OMNISPATIAL_PIPELINE, type OmniEvalType } from '../src/extract/omnispatial.js';
import {
  AUTHORS_SYSTEM_PROMPTS, FORMAT_PROMPTS, LMMS_OMNI_SPATIAL_SYSTEM, PROMPT_TYPES, VLMEVALKIT_DIRECT_SUFFIX, VLMEVALKIT_SYSTEM_PROMPTS,
  type OmniPromptType, type VlmevalkitPromptMode,
} from './omnispatial-prompts.js';

/**
 * OmniSpatial (qizekun/OmniSpatial@208bac25; HF qizekun/OmniSpatial `OmniSpatial-test.zip`):
 * 1,533 single-image MCQs, 4 task types and 10 sub-task types. Three file forms, each scored as
 * the code that reads it does:
 *
 * - `OmniSpatial` (`"class": "OmniSpatial"`): the authors' data.json and api_eval.py. Items {id,
 *   question, options, answer (0-based), task_type, sub_task_type}; the image is
 *   `{task_type}/{id before its first "_"}.png` next to data.json. The system message is
 *   SYS_PROMPTS[prompt_type] + "\n" + FORMAT_PROMPTS[eval_type]; the user message is the text
 *   `question\nA. …\nB. …\n`, then the image. Every item is asked `repeats` times (their
 *   `--repeat`, default 5), each a stored prediction of its own (index
 *   `{task_type}_{id}_{repeat}`, their resume uid); accuracy pools every repeat, overall, per
 *   task_type and per sub_task_type, as their result file does. Settings: `"prompt_type"` (none,
 *   zeroshot_cot, manual_cot; default manual_cot), `"eval_type"` (re, direct, json; default re;
 *   their `llm` judge is not offered), `"repeats"`. The eval_type is stored with each row, so
 *   `actial-eval score` reads each reply by the rule it was asked for (src/extract/omnispatial.ts).
 * - `OmniSpatialBench`, `_default`, `_zeroshot_cot`, `_manual_cot`: VLMEvalKit's TSV and
 *   build_prompt (images, then one text; the system prompt inlined for the suffixed names), its
 *   rule-based spatial-bench matcher, overall and per task/sub-task (its acc.tsv; the dict its
 *   `evaluate` returns holds only `overall`, because it looks up keys the scorer never writes).
 * - `OmniSpatial_lmms`: lmms-eval's `omni_spatial` (Parquet nv-njb/OmniSpatial-Test): its own
 *   system text inlined, the direct format, the first letter after think-stripping, one pass.
 */

const TASKS: Readonly<Record<string, readonly string[]>> = {
  Dynamic_Reasoning: ['Manipulation', 'Motion_Analysis'],
  Spatial_Interaction: ['Traffic_Analysis', 'Localization', 'Geospatial_Strategy'],
  Complex_Logic: ['Pattern_Recognition', 'Geometric_Reasoning'],
  Perspective_Taking: ['Egocentric', 'Allocentric', 'Hypothetical'],
};
const TASK = 'task_type';
const SUB = 'sub_task_type';
/** An item's key without its repeat: repeats of one question are resampled together. */
const ITEM = 'item';

const lettered = (texts: readonly string[]): Choice[] => texts.map((text, i) => ({ letter: OPTION_LETTERS[i] as string, text }));

// data.json options are texts; a number is written as Python's f-string writes it (integers alike).
const jsonOptions = z.array(z.union([z.string(), z.number().transform(String)]));

function optionsOf(row: DataRow): string[] {
  const parsed = jsonOptions.safeParse(row.value?.('options'));
  const options = parsed.success ? parsed.data : row.list('options');
  if (options === undefined || options.length < 2) throw new DataError(row.file, { row: row.rowNumber, column: 'options' }, 'expected a list of at least two option texts');
  if (options.length > OPTION_LETTERS.length) throw new DataError(row.file, { row: row.rowNumber, column: 'options' }, `${options.length} options; expected at most ${OPTION_LETTERS.length}`);
  return [...options];
}

function goldIndex(row: DataRow, options: readonly string[], limit = options.length): number {
  const raw = requireCell(row, 'answer');
  if (!/^\d+$/.test(raw) || Number(raw) >= limit) throw new DataError(row.file, { row: row.rowNumber, column: 'answer' }, `'${raw}' is not the 0-based position of one of the row's ${limit} options`);
  return Number(raw);
}

/** The task and sub-task, which must be a pair of the authors' blank_stats table (else their aggregation raises). */
function taskOf(row: DataRow): { task: string; sub: string } {
  const task = requireCell(row, TASK);
  const subs = TASKS[task];
  if (subs === undefined) throw new DataError(row.file, { row: row.rowNumber, column: TASK }, `'${task}'; expected one of ${Object.keys(TASKS).join(', ')}`);
  const sub = requireCell(row, SUB);
  if (!subs.includes(sub)) throw new DataError(row.file, { row: row.rowNumber, column: SUB }, `'${sub}' is not a sub-task of ${task}; expected one of ${subs.join(', ')}`);
  return { task, sub };
}

// ------------------------------------------------------------------ the authors' protocol

interface Settings {
  readonly promptType: OmniPromptType;
  readonly evalType: OmniEvalType;
  readonly repeats: number;
}
const DEFAULTS: Settings = { promptType: 'manual_cot', evalType: 're', repeats: 5 };

/** process_info's user text: the question, then one "X. option" line each, every line ended. */
export function authorsUserPrompt(question: string, options: readonly string[]): string {
  return `${question}\n${options.map((o, i) => `${OPTION_LETTERS[i] as string}. ${o}\n`).join('')}`;
}

export function authorsSystemPrompt(promptType: OmniPromptType, evalType: OmniEvalType): string {
  return `${AUTHORS_SYSTEM_PROMPTS[promptType]}\n${FORMAT_PROMPTS[evalType]}`;
}

function authorsSamples(settings: Settings): (row: DataRow) => Promise<Sample[]> {
  return async (row) => {
    const id = requireCell(row, 'id');
    const question = requireCell(row, 'question');
    const options = optionsOf(row);
    const answer = OPTION_LETTERS[goldIndex(row, options)] as string;
    const { task, sub } = taskOf(row);
    const image = join(task, `${id.split('_')[0] as string}.png`);
    const parts: PromptPart[] = [{ kind: 'text', text: authorsUserPrompt(question, options) }];
    // imagesFromPaths reads the one path or throws a DataError naming it.
    for (const picture of await imagesFromPaths(row.file, row.rowNumber, [image], [dirname(row.file)])) parts.push({ kind: 'image', image: picture });
    const conversation = { system: authorsSystemPrompt(settings.promptType, settings.evalType), turns: [] };
    const fields = { [TASK]: task, [SUB]: sub, [EVAL_TYPE_FIELD]: settings.evalType, [ITEM]: `${task}_${id}` };
    return Array.from({ length: settings.repeats }, (_, k) => ({ index: `${task}_${id}_${k}`, parts, choices: lettered(options), answer, fields, conversation }));
  };
}

const entrySchema = z.strictObject({
  class: z.string(),
  dataset: z.string().optional(),
  path: z.string().optional(),
  extract: z.string().optional(),
  prompt_type: z.enum(PROMPT_TYPES).optional(),
  eval_type: z.enum(EVAL_TYPES).optional(),
  repeats: z.number().int().min(1).max(1000).optional(),
});

function configure(entry: Readonly<Record<string, unknown>>, where: EntrySite): Benchmark {
  const result = entrySchema.safeParse(entry);
  if (!result.success) {
    const issue = result.error.issues[0];
    const what = issue?.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : `"${issue?.path.join('.') ?? ''}": ${issue?.message ?? ''}`;
    throw new InputError(`dataset '${where.name}': ${what}; an OmniSpatial entry takes "path" and optionally "prompt_type" (${PROMPT_TYPES.join(', ')}), "eval_type" (${EVAL_TYPES.join(', ')}), "repeats" (a whole number ≥ 1) and "extract"`);
  }
  const settings: Settings = {
    promptType: result.data.prompt_type ?? DEFAULTS.promptType,
    evalType: result.data.eval_type ?? DEFAULTS.evalType,
    repeats: result.data.repeats ?? DEFAULTS.repeats,
  };
  return { ...omniSpatial, json: { ...DATA_JSON, toSample: async (row) => (await authorsSamples(settings)(row))[0] as Sample, toSamples: authorsSamples(settings) } };
}

const byTask = (overall: string): MetricSpec[] => [
  { kind: 'accuracy', name: overall },
  { kind: 'per-value', field: TASK, values: Object.keys(TASKS) },
  { kind: 'per-value', field: SUB, values: Object.values(TASKS).flat() },
];

const DATA_FILE = /(^|[\\/])data\.json$/;
const DATA_JSON = {
  files: DATA_FILE,
  // Unused: the image path is made from task_type and id, as process_info makes it.
  imagePathField: 'image',
  toSample: async (row: DataRow): Promise<Sample> => (await authorsSamples(DEFAULTS)(row))[0] as Sample,
  toSamples: authorsSamples(DEFAULTS),
};
const ROW: Grouping = { kind: 'row' };

export const omniSpatial: Benchmark = {
  id: 'omnispatial',
  title: "OmniSpatial (4 task types, 10 sub-tasks), the authors' api_eval.py: repeats pooled",
  dataClasses: ['OmniSpatial'],
  datasetNames: ['OmniSpatial'],
  fileForms: ['OmniSpatial-test.zip from HF qizekun/OmniSpatial (download and unzip it yourself): "path" to its data.json, images in {task_type}/ beside it'],
  json: DATA_JSON,
  hf: { repo: 'qizekun/OmniSpatial', datasets: { OmniSpatial: DATA_FILE } },
  configure,
  protocols: [{ name: 'official', roles: ['primary'], extract: OMNISPATIAL_PIPELINE, grouping: ROW, cluster: { kind: 'key', field: ITEM, rewrite: [] }, metrics: byTask('Overall'), headline: 'Overall' }],
};

// ------------------------------------------------------------------ VLMEvalKit

/** OmniSpatialBench.build_prompt's text (after the images). */
export function vlmevalkitPrompt(mode: VlmevalkitPromptMode | undefined, question: string, choices: readonly Choice[]): string {
  const optionText = choices.map((c) => `\n${c.letter}. ${c.text}`).join('');
  if (mode === undefined) return `${question}${optionText}${VLMEVALKIT_DIRECT_SUFFIX}`;
  return `${VLMEVALKIT_SYSTEM_PROMPTS[mode]}\n${FORMAT_PROMPTS.re}\n\n${question}${optionText}`;
}

function tsvSample(mode: VlmevalkitPromptMode | undefined): (row: DataRow) => Promise<Sample> {
  return async (row) => {
    const question = requireCell(row, 'question');
    const choices = readChoices(row);
    if (choices.length < 2) throw new DataError(row.file, { row: row.rowNumber, column: 'A' }, `expected at least two option columns (A, B, ...) with text, found ${choices.length}`);
    const answer = requireAnswerLetter(row, choices);
    const parts: PromptPart[] = [...(await row.images()).map((image) => ({ kind: 'image' as const, image })), { kind: 'text', text: vlmevalkitPrompt(mode, question, choices) }];
    return { index: requireCell(row, 'index'), parts, choices, answer, fields: pickFields(row, [TASK, SUB]), tsvPrompt: tsvPromptFields(question, tsvHint(row), choices) };
  };
}

const TSV_URL = 'https://huggingface.co/datasets/lmms-lab-si/EASI-Leaderboard-Data/resolve/main/OmniSpatialBench.tsv';
const TSV_MD5 = '5d0896fc57c452055b020cc309ed799b';

function vlmevalkitVariant(mode: VlmevalkitPromptMode | undefined): Benchmark {
  const name = mode === undefined ? 'OmniSpatialBench' : `OmniSpatialBench_${mode}`;
  return {
    id: mode === undefined ? 'omnispatial-vlmevalkit' : `omnispatial-vlmevalkit-${mode.replace('_', '-')}`,
    title: `OmniSpatial as VLMEvalKit's ${name} asks it (${mode === undefined ? 'answer with the letter' : `${mode} system text in the user turn, "Answer: X"`})`,
    dataClasses: mode === undefined ? ['OmniSpatialBench'] : [],
    datasetNames: [name],
    fileForms: ['VLMEvalKit TSV: $LMUData/OmniSpatialBench.tsv (EASI leaderboard data; every variant reads it); its image_path files from OmniSpatial-test.zip in $LMUData/images/OmniSpatialBench/'],
    tsv: { toSample: tsvSample(mode) },
    tsvUrl: () => TSV_URL,
    tsvMd5: { [name]: TSV_MD5 },
    tsvFile: () => 'OmniSpatialBench',
    protocols: [{ name: 'vlmevalkit', roles: ['primary', 'twin:vlmevalkit'], extract: GENERIC_PIPELINES['vlmevalkit-spatial'], grouping: ROW, metrics: byTask('overall'), headline: 'overall' }],
  };
}

// ------------------------------------------------------------------ lmms-eval

/** omni_spatial_doc_to_text. */
export function lmmsOmniSpatialPrompt(question: string, options: readonly string[]): string {
  return `${LMMS_OMNI_SPATIAL_SYSTEM}${FORMAT_PROMPTS.direct}\n${question}${options.map((o, i) => `\n${OPTION_LETTERS[i] as string}. ${o}`).join('')}`;
}

async function lmmsSample(row: DataRow): Promise<Sample> {
  const question = requireCell(row, 'question');
  const options = optionsOf(row);
  // chr(65 + answer): a position past Z is no letter.
  const answer = OPTION_LETTERS[goldIndex(row, options)] as string;
  const images = await row.images();
  const parts: PromptPart[] = [...images.map((image) => ({ kind: 'image' as const, image })), { kind: 'text', text: lmmsOmniSpatialPrompt(question, options) }];
  const id = row.get('id');
  return { index: id !== undefined && id !== '' ? `${row.get(TASK) ?? ''}_${id}` : String(row.rowNumber - 1), parts, choices: lettered(options), answer, fields: pickFields(row, [TASK, SUB]) };
}

const LMMS_TASKS = ['Complex_Logic', 'Dynamic_Reasoning', 'Perspective_Taking', 'Spatial_Interaction'] as const;
const LMMS_FILES = /(^|[\\/])test-[^/\\]*\.parquet$/;

export const omniSpatialLmms: Benchmark = {
  id: 'omnispatial-lmms',
  title: "OmniSpatial as lmms-eval's `omni_spatial` task asks it (nv-njb/OmniSpatial-Test)",
  dataClasses: [],
  datasetNames: ['OmniSpatial_lmms'],
  fileForms: ['Parquet: HF nv-njb/OmniSpatial-Test test split (data/test-*.parquet; download it with huggingface-cli)'],
  parquet: { toSample: lmmsSample, imageColumns: ['image'], requiredColumns: ['question', 'options', 'answer', 'image'], files: LMMS_FILES },
  hf: { repo: 'nv-njb/OmniSpatial-Test', datasets: { OmniSpatial_lmms: LMMS_FILES } },
  protocols: [{
    name: 'lmms-eval',
    roles: ['primary', 'twin:lmms-eval'],
    extract: LMMS_OMNI_SPATIAL_PIPELINE,
    grouping: ROW,
    metrics: [{ kind: 'accuracy', name: 'omni_spatial_score' }, ...LMMS_TASKS.map((t): MetricSpec => ({ kind: 'accuracy', name: t.toLowerCase(), where: { field: TASK, value: t } }))],
    headline: 'omni_spatial_score',
  }],
};

export const OMNISPATIAL_BENCHMARKS: readonly Benchmark[] = [omniSpatial, ...([undefined, 'default', 'zeroshot_cot', 'manual_cot'] as const).map(vlmevalkitVariant), omniSpatialLmms];
