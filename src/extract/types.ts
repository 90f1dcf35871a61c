/**
 * Building blocks of answer extraction: a pipeline first *narrows* the prediction to the part
 * that holds the final answer (optional), then asks ordered *steps* for an option letter; the
 * first step that decides wins.
 */
import type { Choice } from '../core/types.js';

/** One way to read an option letter out of a text. */
export interface ExtractStep {
  readonly name: string;
  /** An option letter (or VLMEvalKit's refusal letter 'Z'), or null when undecided. */
  run(text: string, choices: readonly Choice[]): string | null;
}

/**
 * Cuts the prediction down to its answer region (e.g. the `<answer>` content). Returns null when
 * it does not apply, so that the next narrower (or the whole text) is used instead.
 */
export interface Narrower {
  readonly name: string;
  narrow(text: string): string | null;
}

export interface Pipeline {
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

/** The option letters of a question, for membership tests. */
export function letterSet(choices: readonly Choice[]): Set<string> {
  const set = new Set<string>();
  for (const c of choices) set.add(c.letter);
  return set;
}
