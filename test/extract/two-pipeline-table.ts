/**
 * Plumbing for the hand-written tables that state, per prediction, the result of both the
 * `vlmevalkit` and the `robust` pipeline.
 */
import { expect, it } from 'vitest';
import type { Choice } from '../../src/core/types.js';
import { extractAnswer } from '../../src/extract/pipelines.js';

export type Expect = readonly [answer: string | null, method: string];

export interface Case {
  readonly name: string;
  readonly text: string;
  readonly vlmevalkit: Expect;
  /** Given only where stated: `robust` no longer follows VLMEvalKit (its own cases: cases/ and robust.test.ts). */
  readonly robust?: Expect;
  readonly choices: readonly Choice[];
}

export const opts = (...texts: string[]): Choice[] =>
  texts.map((text, i) => ({ letter: String.fromCharCode(65 + i), text }));
export const ANIMALS = opts('cat', 'dog', 'bird', 'fish');
export const OPT = 'vlmevalkit-option';
export const TXT = 'vlmevalkit-text';
export const NONE: Expect = [null, 'none'];

/** A case: its `vlmevalkit` result and, when given, its `robust` one. */
export const c = (name: string, text: string, v: Expect, d?: Expect, choices: readonly Choice[] = ANIMALS): Case => ({
  name, text, vlmevalkit: v, ...(d === undefined ? {} : { robust: d }), choices,
});

/** One test per case, checking `vlmevalkit` and, where the case states it, `robust`. */
export function checkBothPipelines(cases: readonly Case[]): void {
  it.each(cases)('$name', (t) => {
    for (const pipeline of ['vlmevalkit', 'robust'] as const) {
      const want = t[pipeline];
      if (want === undefined) continue;
      const [answer, method] = want;
      expect({ pipeline, ...extractAnswer(pipeline, t.text, t.choices) }).toEqual({ pipeline, answer, method });
    }
  });
}
