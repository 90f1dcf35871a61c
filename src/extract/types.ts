/**
 * Building blocks of answer extraction: a pipeline first *narrows* the prediction to the part
 * that holds the final answer (optional), then asks ordered *steps* for an option letter; the
 * first step that decides wins.
 */
import type { Choice } from '../core/types.js';

/**
 * What a pipeline's answers are, so that a dataset can be checked against the pipeline it names:
 * - `letter`: an option letter among the item's choices (or VLMEvalKit's refusal letter 'Z');
 * - `number`: a number in canonical JS form ("3", "2.5", "-0.75"), for numeric benchmarks, whose
 *   items have no choices (number steps ignore them);
 * - `yes-no`: 'Yes' or 'No', spelled as VLMEvalKit's yes/no datasets store their gold answers;
 * - `text`: free text, compared with the gold answer by the protocol's scorer (Omni3D-Bench's `<ans>`).
 */
export type AnswerKind = 'letter' | 'number' | 'yes-no' | 'text';

/** One way to read an answer out of a text. */
export interface ExtractStep {
  /** Written to every scored item as (part of) its `method`: keep it stable. */
  readonly name: string;
  /**
   * An answer of the pipeline's kind, or null when undecided. `fields` are the row's (task,
   * question id, …), for a benchmark whose rule depends on them (SpatialEval's per-task rules).
   */
  run(text: string, choices: readonly Choice[], fields?: Readonly<Record<string, string>>): string | null;
}

/**
 * Cuts the prediction down to its answer region (e.g. the `<answer>` content). Returns null when
 * it does not apply, so that the next narrower (or the whole text) is used instead.
 */
export interface Narrower {
  readonly name: string;
  /** `choices` are the item's, for a narrower that withholds a reply contradicting its options (robust.ts). */
  narrow(text: string, choices?: readonly Choice[]): string | null;
}

export interface Pipeline {
  /**
   * What a config's `"extract"` and the run header call it, and what summaries report. Unique
   * across the registry (generic pipelines here, a benchmark's own in its module).
   */
  readonly name: string;
  /** What the steps return; 'letter' when absent (every MCQ pipeline). */
  readonly kind?: AnswerKind;
  /** Its rule in a few words, for `actial-eval list --protocols` (else its step names are shown). */
  readonly rule?: string;
  /**
   * `raw`: the pipeline reads the reply as the model gave it, before the model class's
   * `post_process` (ActialChat keeps only the `<answer>` content), for rules that weigh its format
   * (Actial's reward). Default: the stored prediction.
   */
  readonly input?: 'prediction' | 'raw';
  /** Tried in order; the first that applies narrows the text. */
  readonly narrowers: readonly Narrower[];
  /** Tried in order on the (narrowed) text; the first non-null result decides. */
  readonly steps: readonly ExtractStep[];
}

export interface Extraction {
  readonly answer: string | null;
  /** `<narrower>><step>` when the text was narrowed, `<step>` otherwise, or 'none'. */
  readonly method: string;
}

/** The upper-cased letter if it names one of the options, else null. */
export function optionLetter(letter: string | undefined, choices: readonly Choice[]): string | null {
  if (letter === undefined) return null;
  const upper = letter.toUpperCase();
  for (const c of choices) if (c.letter === upper) return upper;
  return null;
}
