import type { Benchmark, Scorer } from '../src/benchmark/types.js';
import type { DataRow, PromptPart, Sample } from '../src/core/types.js';
import { pickFields, requireCell } from '../src/benchmark/mcq.js';
import { spatial457Correct, spatial457Quoted, spatial457WholeReply } from '../src/extract/spatial457.js';
import type { Pipeline } from '../src/extract/types.js';

/**
 * Spatial457 (XingruiWang/Spatial457, CVPR 2025): synthetic vehicle scenes, questions in seven
 * subsets of rising 6D-spatial difficulty (L1_single … L5_collision), answers a phrase, an integer
 * or Yes/No. The authors' README evaluates through VLMEvalKit (`run.py --data Spatial457`), so its
 * class is the official pipeline: vlmeval/dataset/spatial457.py. Its prompt is a level instruction,
 * the image, the question, and a reply instruction listing every allowed phrase with a JSON
 * template; the answer and the match are src/extract/spatial457.ts. Reported: `score` (accuracy
 * over all rows) and one score per level (VLMEvalKit's `<level>_score`).
 *
 * The class's TYPE is VQA, so under Qwen2-VL's prompt mixin (ActialChat, Qwen2VLChat) VLMEvalKit
 * sends the mixin's VQA prompt instead, without either instruction (src/prompt).
 */

const LEVELS = ['L1_single', 'L2_objects', 'L3_2d_spatial', 'L4_occ', 'L4_pose', 'L5_6d_spatial', 'L5_collision'] as const;

const TASK_OF = (what: string): string =>
  `You are an intelligent chatbot designed to answer questions based on an image. Your task is to analyze the images, identify attributes of ${what}, and then determine the answer to the question.\n`;

/** build_subtask_instruction's first text, per level ('' for any other category, as task_map.get gives). */
const LEVEL_INSTRUCTION: Readonly<Record<string, string>> = {
  L1_single: TASK_OF('the objects'),
  L2_objects: TASK_OF('multiple objects'),
  L3_2d_spatial: TASK_OF('multiple objects and their spatial relationship from 2D projected camera view'),
  L4_occ: TASK_OF('multiple objects and their occlusion relationships'),
  L4_pose: TASK_OF('multiple objects and their facing direction in 3D space from the camera view'),
  L5_6d_spatial: TASK_OF('multiple objects and their spatial relationship from objects’ perspective in 3D space'),
  L5_collision: TASK_OF('multiple objects and their potential collision given the assumption of moving direction in 3D space'),
};

/** Spatial457_utils.all_attributes, in order. */
const ATTRIBUTES: readonly (readonly string[])[] = [
  ['small', 'large'],
  ['airliner', 'dirtbike', 'road bike', 'tandem bike', 'suv', 'wagon', 'scooter', 'mountain bike', 'minivan', 'sedan', 'school bus', 'fighter', 'chopper', 'double bus', 'truck', 'articulated bus', 'cruiser', 'jet', 'utility bike', 'regular bus', 'biplane'],
  ['gray', 'blue', 'purple', 'brown', 'green', 'cyan', 'red', 'yellow'],
  ['left', 'right', 'front', 'back'],
];

/** Python's str.capitalize() on these ASCII words. */
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase();

/** all_answers(): every value capitalised, ", "-joined. */
const ALL_ANSWERS = ATTRIBUTES.map((group) => group.map(capitalize).join(', ')).join(', ');

/** build_subtask_instruction's second text (its typo "refered" kept). */
export const SPATIAL457_REPLY_INSTRUCTION =
  "First, you should identify the related objects refered in the questions, including their shape, color, size; then add a brief reasoning process about the questions. Each object in the image has a shape (e.g., 'airliner'), a size (only can be 'small' or 'large'), a color (e.g. 'blue'). The size of the object is either 'small' or 'large'. The color of the object is one of the following: 'gray', 'blue', 'purple', 'brown', 'green', 'cyan', 'red', 'yellow'. The direction of the object is one of the following: 'left', 'right', 'front', 'back'.\n\n" +
  `Second, give the answer based on the reasoning process. The answer should only be (1) a phrase chosen from the following options: ${ALL_ANSWERS}, or (2) an integer [0-10] when asked for 'How many' or 'What is the number of', or (3) 'Yes' or 'No' when asked for 'Is there'. If you think there are no possible answers or the question is not clear, choose the best answer that fits the question.\n\n` +
  "Write your response into this json template: {'Reasoning': '<your reasons>', 'Answer': '<Your answer>'}";

export const spatial457LevelInstruction = (level: string): string => LEVEL_INSTRUCTION[level] ?? '';

async function tsvSample(row: DataRow): Promise<Sample> {
  const question = requireCell(row, 'question');
  const level = requireCell(row, 'category');
  const images: PromptPart[] = (await row.images()).map((image) => ({ kind: 'image', image }));
  const parts: PromptPart[] = [{ kind: 'text', text: spatial457LevelInstruction(level) }, ...images, { kind: 'text', text: question }, { kind: 'text', text: SPATIAL457_REPLY_INSTRUCTION }];
  return { index: requireCell(row, 'index'), parts, choices: [], answer: requireCell(row, 'answer'), fields: pickFields(row, ['category']), tsvPrompt: { question, options: [] } };
}

const RULE: Pipeline = {
  name: 'spatial457',
  kind: 'text',
  rule: "VLMEvalKit Spatial457: the first of Answer': '…', Answer\": \"…\", Answer': <digit>, else the whole reply; is_correct (case, none→no, number words, digits for Yes, same super-shape)",
  narrowers: [],
  steps: [spatial457Quoted, spatial457WholeReply],
};
const IS_CORRECT: Scorer = { name: 'spatial457-is-correct', credit: (extracted, answer) => (extracted !== null && spatial457Correct(answer, extracted) ? 1 : 0) };

export const spatial457: Benchmark = {
  id: 'spatial457',
  title: 'Spatial457 (7 levels of 6D spatial reasoning; the authors evaluate through VLMEvalKit)',
  dataClasses: ['Spatial457'],
  datasetNames: ['Spatial457'],
  fileForms: ['VLMEvalKit TSV: $LMUData/Spatial457.tsv (also RyanWW/Spatial457 vlm_eval_kit_tsv/Spatial457.tsv)'],
  tsv: { toSample: tsvSample },
  tsvUrl: () => 'https://opencompass.openxlab.space/utils/VLMEval/Spatial457.tsv',
  // VLMEvalKit's Spatial457.DATASET_MD5.
  tsvMd5: { Spatial457: '1f24f5a7b2cadc3d33a8a66ecf92ca68' },
  protocols: [
    {
      name: 'official',
      // The authors' pipeline is VLMEvalKit's class, so the official protocol is also its twin.
      roles: ['primary', 'twin:vlmevalkit'],
      extract: RULE,
      scorer: IS_CORRECT,
      grouping: { kind: 'row' },
      metrics: [{ kind: 'accuracy', name: 'score' }, { kind: 'per-value', field: 'category', values: LEVELS }],
      headline: 'score',
    },
  ],
};
