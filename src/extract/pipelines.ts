/**
 * Answer extraction: named pipelines that turn a prediction into an answer (an option letter, or
 * for the `numeric` and `yes-no` pipelines a number or Yes/No).
 *
 * - `vlmevalkit`: exactly VLMEvalKit's exact-matching `can_infer` (option rule, then text rule) on
 *   the whole prediction. Where VLMEvalKit then substitutes 'Z' for "no match"
 *   (multiple_choice.py `extract_answer_from_item` with no judge model), we return null instead;
 *   both score as wrong unless the gold letter is 'Z'.
 * - `robust`: narrow to the answer region (last `<answer>` tag, else outside `<think>`), then the
 *   same two VLMEvalKit rules, then fallbacks: a box or code span, "answer is B", a letter at the
 *   start or alone on the last line, and last a whole-phrase option text. Because the VLMEvalKit
 *   rules come first, `robust` decides exactly as `vlmevalkit` would on the narrowed text whenever that
 *   decides, including a refusal 'Z'; the fallbacks only fill in VLMEvalKit's misses.
 * - `strict`: narrowing, then only forms that cannot be misread (a lone letter, a letter with its
 *   own option text, a box, a code span, "answer is B", a last-line letter); never option text.
 * - `vlmevalkit-spatial`: VLMEvalKit's spatial-bench matcher (spatial-bench.ts), on the whole
 *   prediction.
 * - `numeric` and `yes-no`: for items without options (AnswerKind 'number' and 'yes-no').
 *
 * Benchmark rules (BLINK's `blink`, MMSI-Bench's `mmsi`) are pipelines their modules define from
 * the steps of this folder (blink.ts, mmsi.ts).
 */
import type { Choice } from '../core/types.js';
import { answerIs, bareLetter, lastLineLetter, letterAndText } from './heuristics.js';
import { backticks, boxed } from './markup.js';
import { answerTag, think } from './narrow.js';
import { boxedNumber, number } from './numeric.js';
import { ROBUST } from './robust.js';
import { SPATIAL_STEPS } from './spatial-bench.js';
import type { AnswerKind, ExtractStep, Extraction, Narrower, Pipeline } from './types.js';
import { vlmevalkitOption, vlmevalkitOption6708, vlmevalkitText, vlmevalkitText6708 } from './vlmevalkit.js';
import { boxedYesNo, yesNo } from './yes-no.js';

export type { AnswerKind, ExtractStep, Extraction, Narrower, Pipeline } from './types.js';

/**
 * The generic pipelines, by name. A benchmark with an extraction rule of its own (BLINK's, MMSI's)
 * defines that pipeline in its module from steps here; benchmarks/index.ts gathers every pipeline
 * into the registry a config's `"extract"` may name.
 */
export const GENERIC_PIPELINES = {
  vlmevalkit: { name: 'vlmevalkit', rule: "VLMEvalKit can_infer: a single option-letter token, first seen among the last 4 tokens; else 'answer is X'; else the one option text the reply holds", narrowers: [], steps: [vlmevalkitOption, vlmevalkitText] },
  robust: ROBUST,
  strict: {
    name: 'strict',
    narrowers: [answerTag, think],
    steps: [bareLetter, letterAndText, boxed, backticks, answerIs, lastLineLetter],
  },
  // VLMEvalKit's matcher for its spatial benchmarks, on the raw prediction (it does its own tag handling).
  'vlmevalkit-spatial': { name: 'vlmevalkit-spatial', narrowers: [], steps: SPATIAL_STEPS },
  numeric: { name: 'numeric', kind: 'number', narrowers: [answerTag, think], steps: [boxedNumber, number] },
  'yes-no': { name: 'yes-no', kind: 'yes-no', narrowers: [answerTag, think], steps: [boxedYesNo, yesNo] },
  // VLMEvalKit as Actial bundled it (6708e8fb): no last-4-tokens rule, no "answer is" regex, no length limit.
  'vlmevalkit@6708e8fb': { name: 'vlmevalkit@6708e8fb', narrowers: [], steps: [vlmevalkitOption6708, vlmevalkitText6708] },
} as const satisfies Readonly<Record<string, Pipeline>>;

export type GenericPipelineName = keyof typeof GENERIC_PIPELINES;

/** What a pipeline's answers are: a dataset with options needs 'letter', one without the others. */
export function answerKindOf(pipeline: Pipeline): AnswerKind {
  return pipeline.kind ?? 'letter';
}

/** A row's fields, for steps whose rule depends on them. */
type Fields = Readonly<Record<string, string>>;

/** Runs a pipeline: first applicable narrower, then the first step that decides. */
export function runPipeline(pipeline: Pipeline, prediction: string, choices: readonly Choice[], fields?: Fields): Extraction {
  return runWith(pipeline, prediction, choices, false, fields);
}

function runWith(pipeline: Pipeline, prediction: string, choices: readonly Choice[], memo: boolean, fields?: Fields): Extraction {
  let text = prediction;
  let narrowedBy = 0;
  for (let n = 0; n < pipeline.narrowers.length; n++) {
    const narrowed = (pipeline.narrowers[n] as Narrower).narrow(prediction, choices);
    if (narrowed !== null) {
      text = narrowed;
      narrowedBy = n + 1;
      break;
    }
  }
  for (let s = 0; s < pipeline.steps.length; s++) {
    const step = pipeline.steps[s] as ExtractStep;
    const answer = memo ? memoRun(step, text, choices, fields) : step.run(text, choices, fields);
    if (answer !== null) return { answer, method: methodNames(pipeline)[narrowedBy]?.[s] ?? 'none' };
  }
  return { answer: null, method: 'none' };
}

// The steps already run on the current prediction (by extractAnswers), with their answers.
const ranSteps: ExtractStep[] = [];
const ranTexts: string[] = [];
const ranAnswers: (string | null)[] = [];

/** A step's answer on a text, run once per prediction: steps are pure functions of text, choices and the row's fields (one prediction's). */
function memoRun(step: ExtractStep, text: string, choices: readonly Choice[], fields: Fields | undefined): string | null {
  for (let i = 0; i < ranSteps.length; i++) if (ranSteps[i] === step && ranTexts[i] === text) return ranAnswers[i] ?? null;
  const answer = step.run(text, choices, fields);
  ranSteps.push(step);
  ranTexts.push(text);
  ranAnswers.push(answer);
  return answer;
}

/**
 * `extractAnswer` under several pipelines at once. Pipelines share steps (`robust` starts with
 * VLMEvalKit's two rules, and narrows nothing in an answer without tags), so a step that has run
 * on the same text is not run again.
 */
export function extractAnswers(pipelines: readonly Pipeline[], prediction: string, choices: readonly Choice[], fields?: Fields, raw?: string): Extraction[] {
  ranSteps.length = 0;
  ranTexts.length = 0;
  ranAnswers.length = 0;
  return pipelines.map((pipeline) => runWith(pipeline, pipeline.input === 'raw' ? (raw ?? prediction) : prediction, choices, true, fields));
}

const METHOD_NAMES = new WeakMap<Pipeline, readonly (readonly string[])[]>();

/**
 * `<narrower>><step>` for [no narrower, each narrower] × each step, built once per pipeline: one
 * string per method rather than one per row, so counting rows per method hashes a few strings.
 */
function methodNames(pipeline: Pipeline): readonly (readonly string[])[] {
  let names = METHOD_NAMES.get(pipeline);
  if (names === undefined) {
    const prefixes = ['', ...pipeline.narrowers.map((n) => `${n.name}>`)];
    names = prefixes.map((prefix) => pipeline.steps.map((step) => prefix + step.name));
    METHOD_NAMES.set(pipeline, names);
  }
  return names;
}

/** One pipeline (or a generic one by name) on one prediction. */
export function extractAnswer(pipeline: Pipeline | GenericPipelineName, prediction: string, choices: readonly Choice[], fields?: Fields): Extraction {
  return runPipeline(typeof pipeline === 'string' ? GENERIC_PIPELINES[pipeline] : pipeline, prediction, choices, fields);
}
