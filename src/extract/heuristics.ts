/**
 * Letter steps of the `robust` pipeline, tried only after VLMEvalKit's own rules are undecided,
 * and of the `strict` one (bare-letter and letter-and-text are strict's own).
 * Each accepts a letter only in a position where it cannot be an English article or pronoun
 * ("A dog", "I think"): bracketed, followed by a delimiter, or alone. Lowercase letters are taken
 * only when bracketed, alone on a line, or ending an "answer:" line, for the same reason.
 */
import type { Choice } from '../core/types.js';
import { squash } from './option-text.js';
import { optionLetter as asOption, type ExtractStep } from './types.js';

/**
 * At the very start, after markdown/quote marks: `(B)`, `[B]`, `（B）`, or an uppercase `B` closed by
 * `.`, `)`, `]`, `:`, `、`, `。`, `**`, or the end of its line. Catches "B. The animal is a dog sitting on
 * a mat", which VLMEvalKit rejects because the letter is not among the last 4 tokens.
 */
const LEADING =
  /^[\s*_#>]*(?:[([（【]([A-Za-z])[)\]）】]|([A-Z])(?:[.)\]:：、．。]|\*\*|[ \t*_]*(?:\r?\n|$)))/;

export function leadingLetterOf(text: string, choices: readonly Choice[]): string | null {
  const m = LEADING.exec(text);
  return m === null ? null : asOption(m[1] ?? m[2], choices);
}

/**
 * "answer is (C)", "Answer: C", "the correct option is **B**", "答案是B"; the LAST such statement
 * counts, since reasoning models restate and correct themselves. Group 1 is a bracketed letter and
 * group 2 a letter ending its line, both in any case; group 3 a bare letter followed by more text,
 * accepted only in uppercase ("the answer is a cube" is no 'A', "answer: c" is C).
 */
const ANSWER_IS =
  /(?:\b(?:answer|option|choice)(?:\s+is\s*[:：]?|\s*[:：])|答案\s*(?:是|为|為|[:：]))[\s*_]*(?:(?:option|choice)\s*)?(?:[([（【]([a-z])[)\]）】]|([a-z])(?=[*_]*[.。]?[*_]*[ \t]*(?:\r?\n|$))|([a-z])(?![a-z]))/gi;

export function answerIsLetterOf(text: string, choices: readonly Choice[]): string | null {
  return asOption(answerIsStatements(text).at(-1)?.letter, choices);
}

/** Every "answer is" statement, in order: its letter (upper-cased, not checked against the options) and where it ends. */
export function answerIsStatements(text: string): { readonly letter: string; readonly end: number }[] {
  const found: { letter: string; end: number }[] = [];
  for (const m of text.matchAll(ANSWER_IS)) {
    const bare = m[3];
    const letter = bare === undefined ? (m[1] ?? m[2]) : bare === bare.toUpperCase() ? bare : undefined;
    if (letter !== undefined) found.push({ letter: letter.toUpperCase(), end: m.index + m[0].length });
  }
  return found;
}

/** A line holding nothing but one letter, possibly bracketed, quoted, bold or followed by a period. */
const LONE_LETTER = /^[\s*_#>([（【"'`“‘]*([A-Za-z])[\s*_)\]）】"'`”’.:：。]*$/;

/** The last non-empty line is a lone option letter (e.g. a conclusion after a long explanation). */
export function lastLineLetterOf(text: string, choices: readonly Choice[]): string | null {
  const trimmed = text.trimEnd();
  const line = trimmed.slice(trimmed.lastIndexOf('\n') + 1);
  const m = LONE_LETTER.exec(line);
  return m === null ? null : asOption(m[1], choices);
}

export const leadingLetter: ExtractStep = { name: 'leading-letter', run: leadingLetterOf };
export const answerIs: ExtractStep = { name: 'answer-is', run: answerIsLetterOf };
export const lastLineLetter: ExtractStep = { name: 'last-line-letter', run: lastLineLetterOf };

/** The whole text is a lone letter: "B", "(b)", "**B**", "B.", in any case (alone, no article). */
export function bareLetterOf(text: string, choices: readonly Choice[]): string | null {
  const trimmed = text.trim();
  if (trimmed.includes('\n')) return null;
  const m = LONE_LETTER.exec(trimmed);
  return m === null ? null : asOption(m[1], choices);
}

// A bracketed letter, or an uppercase one closed by a delimiter or a space ("Bird" is no 'B' + "ird").
const LABEL_THEN_TEXT = /^[\s*_#>]*(?:[([（【]([A-Za-z])[)\]）】]|([A-Z])(?:\*\*)?(?:[.:：．、)]|(?=\s)))[\s*_]*(\S[^]*)$/;

/**
 * The whole text is an option letter followed by THAT option's text: "B. dog", "(B) dog", "B dog".
 * Checking the text makes it unambiguous: in "A dog" the 'A' is an article, as 'dog' is option B.
 */
export function letterAndTextOf(text: string, choices: readonly Choice[]): string | null {
  const m = LABEL_THEN_TEXT.exec(text.trim());
  const letter = asOption(m?.[1] ?? m?.[2], choices);
  const rest = squash(m?.[3] ?? '');
  const option = choices.find((c) => c.letter === letter);
  return option !== undefined && rest !== '' && squash(option.text) === rest ? letter : null;
}

export const bareLetter: ExtractStep = { name: 'bare-letter', run: bareLetterOf };
export const letterAndText: ExtractStep = { name: 'letter-and-text', run: letterAndTextOf };
