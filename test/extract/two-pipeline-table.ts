/**
 * Plumbing for the hand-written tables that state, per prediction, the result of both the
 * `vlmevalkit` and the `default` pipeline.
 */
import { expect, it } from 'vitest';
import type { Choice } from '../../src/core/types.js';
import { extractAnswer } from '../../src/extract/pipelines.js';

export type Expect = readonly [answer: string | null, method: string];

export interface Case {
  readonly name: string;
  readonly text: string;
  readonly vlmevalkit: Expect;
  readonly default: Expect;
  readonly choices: readonly Choice[];
}

export const opts = (...texts: string[]): Choice[] =>
  texts.map((text, i) => ({ letter: String.fromCharCode(65 + i), text }));
export const ANIMALS = opts('cat', 'dog', 'bird', 'fish');
export const OPT = 'vlmevalkit-option';
export const TXT = 'vlmevalkit-text';
export const NONE: Expect = [null, 'none'];

/** A case whose `default` result equals its `vlmevalkit` one unless given. */
export const c = (name: string, text: string, v: Expect, d: Expect = v, choices: readonly Choice[] = ANIMALS): Case => ({
  name, text, vlmevalkit: v, default: d, choices,
});

/** One test per case, checking both pipelines. */
export function checkBothPipelines(cases: readonly Case[]): void {
  it.each(cases)('$name', (t) => {
    for (const pipeline of ['vlmevalkit', 'default'] as const) {
      const [answer, method] = t[pipeline];
      expect({ pipeline, ...extractAnswer(pipeline, t.text, t.choices) }).toEqual({ pipeline, answer, method });
    }
  });
}
