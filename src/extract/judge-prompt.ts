/**
 * What a judge prompt is, as a protocol declares it: the text the judge is asked, how its reply is
 * read, and how many times an unreadable reply is asked. Pure, so a benchmark module can declare
 * its authors' prompt; the judge layer (src/extract/judge/) sends it and caches the verdicts.
 *
 * The `version` names the exact text: it is part of every cached verdict's key and of each
 * summary's provenance, so a changed text must get a new version.
 */
import type { Choice } from '../core/types.js';

export interface JudgeQuestion {
  /** The question as the protocol's authors pass it to their judge (may be empty when not stored). */
  readonly question: string;
  readonly choices: readonly Choice[];
  /** The model's answer, as stored. */
  readonly prediction: string;
  /** The gold (an option letter) and the row's fields, for a prompt that shows the judge the correct answer. */
  readonly answer?: string;
  readonly fields?: Readonly<Record<string, string>>;
}

export type JudgeReply =
  /** The judge named one of the options. */
  | { readonly kind: 'option'; readonly letter: string }
  /** The judge said the answer picks no single option (or said something its authors score as none). */
  | { readonly kind: 'none' }
  /** Not a reply the prompt's rule reads: asked again while `asks` allows. */
  | { readonly kind: 'invalid' };

export interface JudgePrompt {
  readonly version: string;
  readonly build: (q: JudgeQuestion) => string;
  /** The authors' system message, sent before `build`'s text when they send one. */
  readonly system?: string;
  /** The authors' sampling temperature, when it is not 0. */
  readonly temperature?: number;
  /**
   * The correct answer as `build` shows it to the judge, for a prompt that shows one: part of each
   * verdict's key, since the two rows of a pair may share question, options and reply.
   */
  readonly gold?: (q: JudgeQuestion) => string;
  /** `q`: the question asked, for a prompt whose verdict is the gold itself (a yes/no grader). */
  readonly parse: (content: string, choices: readonly Choice[], q?: JudgeQuestion) => JudgeReply;
  /** How many times the judge is asked when its reply is `invalid` (the authors' retry count). */
  readonly asks: number;
  /**
   * Options and judged reply back out of a prompt built here, or null when `text` is not this
   * prompt: lets the mock server answer it as a judge would.
   */
  readonly read: (text: string) => { readonly choices: Choice[]; readonly reply: string } | null;
  /** The reply that names `letter` (null: no option), in the form this prompt asks for. */
  readonly answer: (letter: string | null) => string;
}
