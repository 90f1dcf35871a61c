/**
 * The prompts VLMEvalKit's Qwen2VLPromptMixin builds (vlmeval/vlm/qwen2_vl/prompt.py, as bundled
 * with Actial at warmsnow-sh/Actial@32f46c31): ActialChat and Qwen2VLChat mix it in with
 * `use_custom_prompt` on by default, and VLMEvalKit's inference loop then asks the MODEL for the
 * prompt instead of the dataset whenever the mixin accepts the dataset's name.
 */
import type { PromptPart, Sample, TsvPromptFields } from '../core/types.js';
import { isPyWhitespace } from '../extract/python.js';
import { MCQ_NAMES, OTHER_NAMES, VQA_NAMES, YES_NO_NAMES } from './vlmevalkit-types.js';

/** VLMEvalKit's DATASET_TYPE, reduced to what the mixin distinguishes. */
export type MixinDatasetType = 'MCQ' | 'Y/N' | 'VQA' | 'other' | null;

const TYPE_OF = new Map<string, MixinDatasetType>([
  ...MCQ_NAMES.map((n) => [n, 'MCQ'] as const),
  ...YES_NO_NAMES.map((n) => [n, 'Y/N'] as const),
  ...VQA_NAMES.map((n) => [n, 'VQA'] as const),
  ...OTHER_NAMES.map((n) => [n, 'other'] as const),
]);

/**
 * DATASET_TYPE(name, default=None): the registered TYPE, else 'VQA' for a name containing
 * "openended" (case-insensitive), else None (VLMEvalKit warns that it treats a custom name so).
 */
export function vlmevalkitDatasetType(name: string): MixinDatasetType {
  return TYPE_OF.get(name) ?? (name.toLowerCase().includes('openended') ? 'VQA' : null);
}

const MMMU = new Set(['MMMU_DEV_VAL', 'MMMU_TEST']);

/** Which of the mixin's builders VLMEvalKit uses for a dataset name, or null when it declines. */
export type MixinBuilder = 'mcq' | 'mmmu' | 'yes-no' | 'vqa';

/** Qwen2VLPromptMixin.use_custom_prompt, then build_prompt's dispatch on the same type. */
export function mixinBuilderFor(datasetName: string): MixinBuilder | null {
  if (MMMU.has(datasetName)) return 'mmmu';
  const type = vlmevalkitDatasetType(datasetName);
  if (type === 'MCQ') return datasetName.includes('LEGO') ? null : 'mcq';
  if (type === 'Y/N') return datasetName === 'HallusionBench' || datasetName === 'POPE' ? 'yes-no' : null;
  if (type === 'VQA') return datasetName === 'MMVet' ? null : 'vqa';
  return null;
}

const ENGLISH_MCQ = 'Please select the correct answer from the options above.';
const CJK_MCQ = '请直接回答选项字母。';
/** re.search('[\u4e00-\u9fff]', prompt) */
const CJK = /[\u4e00-\u9fff]/;

function hintAndQuestion(row: TsvPromptFields): string {
  return `${row.hint !== undefined ? `Hint: ${row.hint}\n` : ''}Question: ${row.question}\n`;
}

function optionLines(row: TsvPromptFields): string {
  return row.options.length === 0 ? '' : `Options:\n${row.options.map((o) => `${o.letter}. ${o.text}\n`).join('')}`;
}

/** `_build_mcq_prompt`: hint, question, options, the instruction (Chinese when the text has CJK), rstripped. */
export function mixinMcqText(row: TsvPromptFields): string {
  let prompt = hintAndQuestion(row) + optionLines(row);
  if (row.options.length > 0) prompt += CJK.test(prompt) ? CJK_MCQ : ENGLISH_MCQ;
  return pyRstrip(prompt);
}

/** `_build_mmmu_prompt`: like MCQ, always the English instruction (then ` \n`, stripped away). */
export function mixinMmmuText(row: TsvPromptFields): string {
  let prompt = hintAndQuestion(row) + optionLines(row);
  if (row.options.length > 0) prompt += `${ENGLISH_MCQ} \n`;
  return pyRstrip(prompt);
}

export function mixinYesNoText(row: TsvPromptFields): string {
  return `${row.question} Please answer yes or no.`;
}

export function mixinVqaText(row: TsvPromptFields): string {
  return `${row.question}\nPlease try to answer the question with short words or phrases if possible.`;
}

const TEXT_OF: Readonly<Record<MixinBuilder, (row: TsvPromptFields) => string>> = {
  mcq: mixinMcqText,
  mmmu: mixinMmmuText,
  'yes-no': mixinYesNoText,
  vqa: mixinVqaText,
};

/** The sample as the mixin asks it: every image of the row first, then the one text part. */
export function mixinSample(sample: Sample, builder: MixinBuilder): Sample {
  const row = sample.tsvPrompt;
  if (row === undefined) return sample;
  const parts: PromptPart[] = sample.parts.filter((p) => p.kind === 'image');
  parts.push({ kind: 'text', text: TEXT_OF[builder](row) });
  return { ...sample, parts };
}

/** Python's str.rstrip() with no argument: every trailing character str.isspace() holds for. */
export function pyRstrip(text: string): string {
  let end = text.length;
  while (end > 0 && isPyWhitespace(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}
