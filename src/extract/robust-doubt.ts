/**
 * When the `robust` pipeline abstains. Its steps read a letter from one spot of the reply (a box,
 * "answer is (B)", a last line); a reply can pin a letter there and still say otherwise elsewhere.
 * Any of these makes the whole (narrowed) reply doubtful, and then no step decides:
 * 1. a letter labels another option's text: "(A) the second image" where A is "the third image",
 *    or "the second image (B)" where B is not the second image (a letter outside the options
 *    labelling an option's text counts too);
 * 2. its conclusions name different letters: two "answer is" statements, "C is the correct
 *    answer" beside "the answer is (D)", an answer line naming two ("the answer is (A) the second
 *    image or (B) the third image"), or another option labelled after the last statement ("the
 *    answer is:" then a list of every option; "the answer is (A)." then "(B) Point B is …");
 * 3. its last paragraph says no option fits or the answer cannot be told.
 * Measured against BLINK's published official labels: docs/robust.md.
 */
import type { Choice } from '../core/types.js';
import { answerIsStatements } from './heuristics.js';
import { collapse } from './option-text.js';

/** Emphasis marks carry no meaning here and split labels from texts ("**(A)** the dog"). */
const EMPHASIS = /[*_]+/g;

/**
 * A letter that labels what follows: "(A) ", "[A] ", or at a line's start "A) ", "A. ", "A: ",
 * "Option A: ". Group 1 is the letter, the match ends where the labelled text starts.
 */
const LABEL_BEFORE = /(?:[([（]([A-Za-z])[)\]）]|(?:^|\n)[ \t>#-]*(?:option[ \t]+)?([A-Z])(?:[.):：]|[ \t]*-))[ \t]*/gi;

/** An option text followed by a bracketed letter: "the second image (B)". */
const LABEL_AFTER = /^[ \t]*[([（]([A-Za-z])[)\]）]/;

interface Option {
  readonly letter: string;
  readonly phrase: string;
}

/** The options with a text of their own (non-empty, shared with no other option). */
function namedOptions(choices: readonly Choice[]): Option[] {
  const phrases = choices.map((c) => collapse(c.text));
  return choices
    .map((c, i) => ({ letter: c.letter, phrase: phrases[i] ?? '' }))
    .filter((o) => o.phrase !== '' && phrases.filter((p) => p === o.phrase).length === 1);
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** `phrase` starts `text` and ends at a word boundary ("no" starts "no, the bowl", not "north"). */
function startsWithPhrase(text: string, phrase: string): boolean {
  return text.startsWith(phrase) && !WORD_CHAR.test(text[phrase.length] ?? '');
}

/** The longest option phrase `text` starts with (so "point a" is not read inside "point ab"). */
function optionStarting(text: string, options: readonly Option[]): Option | undefined {
  let best: Option | undefined;
  for (const o of options) if (startsWithPhrase(text, o.phrase) && (best === undefined || o.phrase.length > best.phrase.length)) best = o;
  return best;
}

/** A letter placed before or after an option's text that is not that option's letter. */
export function mislabelled(text: string, choices: readonly Choice[]): boolean {
  const options = namedOptions(choices);
  if (options.length === 0) return false;
  const plain = collapseLines(text.replace(EMPHASIS, ''));
  for (const m of plain.matchAll(LABEL_BEFORE)) {
    const letter = (m[1] ?? m[2] ?? '').toUpperCase();
    const named = optionStarting(plain.slice(m.index + m[0].length), options);
    if (named !== undefined && named.letter !== letter) return true;
  }
  for (const o of options) {
    for (let at = plain.indexOf(o.phrase); at >= 0; at = plain.indexOf(o.phrase, at + 1)) {
      if (WORD_CHAR.test(plain[at - 1] ?? '')) continue;
      const after = LABEL_AFTER.exec(plain.slice(at + o.phrase.length));
      if (after !== null && (after[1] ?? '').toUpperCase() !== o.letter) return true;
    }
  }
  return false;
}

/** Lower-cased with runs of spaces collapsed, line by line (labels are found at line starts). */
function collapseLines(text: string): string {
  return text.split('\n').map(collapse).join('\n');
}

/** A bracketed letter "(B)" anywhere. */
const BRACKETED = /[([（]([A-Za-z])[)\]）]/g;
const ANSWER_LINE = /\b(?:answer|option|choice)s?\b|答案/i;

/** "C is the correct answer", "Point C is the best match": a conclusion with the letter first. */
const LETTER_IS_ANSWER = /(?:^|[\s(])\(?([A-Z])\)?(?:\s+in\s+the\s+options)?\s+is\s+(?:the\s+)?(?:correct|right|best|most likely)\s+(?:answer|option|choice|match)/g;
/** A label at a line's start ("(B) Point B …", "B) …") or bracketed anywhere. */
const ANY_LABEL = /[([（]([A-Za-z])[)\]）]|(?:^|\n)[ \t*_#>-]*([A-Z])[).:]/g;

/** Conclusions that name different letters (see 2. above). */
export function conflictingConclusions(text: string): boolean {
  const statements = [
    ...answerIsStatements(text),
    ...Array.from(text.matchAll(LETTER_IS_ANSWER), (m) => ({ letter: m[1] ?? '', end: m.index + m[0].length })),
  ];
  if (new Set(statements.map((s) => s.letter)).size > 1) return true;
  const last = statements.reduce<(typeof statements)[number] | undefined>((a, s) => (a === undefined || s.end > a.end ? s : a), undefined);
  if (last !== undefined) {
    for (const m of text.slice(last.end).matchAll(ANY_LABEL)) if ((m[1] ?? m[2] ?? '').toUpperCase() !== last.letter) return true;
  }
  for (const line of text.split('\n')) {
    if (!ANSWER_LINE.test(line)) continue;
    const letters = new Set(Array.from(line.matchAll(BRACKETED), (m) => (m[1] ?? '').toUpperCase()));
    if (letters.size > 1) return true;
  }
  return false;
}

/** "None of the options", "cannot determine": the reply declines to choose. */
const DECLINES =
  /\b(?:none of (?:the )?(?:options|choices|above|them|these)|no (?:correct|right|valid) (?:answer|option|choice)|(?:can ?not|can't|unable to|impossible to|not possible to|difficult to|hard to) (?:be )?(?:determine|determined|tell|say|answer|decide)|if (?:i|we) (?:had|have) to)\b/i;

export function declines(text: string): boolean {
  const trimmed = text.trimEnd();
  const cut = trimmed.lastIndexOf('\n\n');
  return DECLINES.test(cut < 0 ? trimmed : trimmed.slice(cut + 2));
}

/** Any of the three: the reply's own words contradict or withhold the letter a step would read. */
export function doubtful(text: string, choices: readonly Choice[]): boolean {
  return mislabelled(text, choices) || conflictingConclusions(text) || declines(text);
}
