/**
 * Answer extraction: named pipelines that turn a prediction into an option letter.
 *
 * - `vlmevalkit`: exactly VLMEvalKit's exact-matching `can_infer` (option rule, then text rule) on
 *   the whole prediction. Where VLMEvalKit then substitutes 'Z' for "no match"
 *   (multiple_choice.py `extract_answer_from_item` with no judge model), we return null instead;
 *   both score as wrong unless the gold letter is 'Z'.
 * - `default`: narrow to the answer region (last `<answer>` tag, else outside `<think>`), then the
 *   same two VLMEvalKit rules, then stricter-positioned fallbacks. Because the VLMEvalKit rules come
 *   first, `default` decides exactly as `vlmevalkit` would on the narrowed text whenever that
 *   decides, including a refusal 'Z'; the fallbacks only fill in VLMEvalKit's misses.
 * - `mmsi`: MMSI-Bench's official extractor (mmsi.ts), for benchmarks that prompt its way.
 */
import type { Choice } from '../core/types.js';
import { answerIs, lastLineLetter, leadingLetter } from './heuristics.js';
import { mmsiWordBoundary } from './mmsi.js';
import { answerTag, think } from './narrow.js';
import type { Extraction, Pipeline } from './types.js';
import { vlmevalkitOption, vlmevalkitText } from './vlmevalkit.js';

export type { ExtractStep, Extraction, Narrower, Pipeline } from './types.js';

/** Pipeline names accepted on the command line; add a name here and a definition below. */
export const PIPELINES = ['vlmevalkit', 'default', 'mmsi'] as const;
export type PipelineName = (typeof PIPELINES)[number];

const DEFINITIONS: Readonly<Record<PipelineName, Pipeline>> = {
  vlmevalkit: { narrowers: [], steps: [vlmevalkitOption, vlmevalkitText] },
  default: {
    narrowers: [answerTag, think],
    steps: [vlmevalkitOption, vlmevalkitText, leadingLetter, answerIs, lastLineLetter],
  },
  // MMSI-Bench's own extractor on the whole prediction (its evaluation has no tag handling).
  mmsi: { narrowers: [], steps: [mmsiWordBoundary] },
};

export function isPipelineName(s: string): s is PipelineName {
  return (PIPELINES as readonly string[]).includes(s);
}

export function pipelineOf(name: PipelineName): Pipeline {
  return DEFINITIONS[name];
}

/** Runs a pipeline: first applicable narrower, then the first step that decides. */
export function runPipeline(pipeline: Pipeline, prediction: string, choices: readonly Choice[]): Extraction {
  let text = prediction;
  let prefix = '';
  for (const narrower of pipeline.narrowers) {
    const narrowed = narrower.narrow(prediction);
    if (narrowed !== null) {
      text = narrowed;
      prefix = `${narrower.name}>`;
      break;
    }
  }
  for (const step of pipeline.steps) {
    const answer = step.run(text, choices);
    if (answer !== null) return { answer, method: prefix + step.name };
  }
  return { answer: null, method: 'none' };
}

export function extractAnswer(
  pipeline: PipelineName,
  prediction: string,
  choices: readonly Choice[],
): { answer: string | null; method: string } {
  return runPipeline(DEFINITIONS[pipeline], prediction, choices);
}
