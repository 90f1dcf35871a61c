/**
 * Option text instead of a letter ("The dog."), matched more strictly than VLMEvalKit's
 * can_infer_text, which takes any substring (so "birds" is 'bird' and "catfish" is ambiguous) and
 * gives up on anything longer than twice the options:
 * 1. the whole answer region equals one option's text, ignoring case, spaces and punctuation;
 * 2. else, in the region's last non-empty line (where a conclusion goes; a whole reasoning mentions
 *    options it rejects), exactly one option's text occurs as a whole phrase.
 * An option whose text is empty, or shared with another option, is never chosen.
 */
import type { Choice } from '../core/types.js';
import type { ExtractStep } from './types.js';

const NOISE = /[\p{P}\p{S}\p{White_Space}]+/gu;
const SPACES = /\p{White_Space}+/gu;
const WORD = /[\p{L}\p{N}_]/u;
// Scripts written without spaces: a phrase there has no word boundary to check ("在左边" holds "左边").
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Lower-cased, without punctuation, symbols or spaces: "The Dog." and "the dog" compare equal. */
export const squash = (s: string): string => s.toLowerCase().replace(NOISE, '');
export const collapse = (s: string): string => s.toLowerCase().replace(SPACES, ' ').trim();

/** The letter of the only option that matches, else null (two matches make it ambiguous). */
function onlyOptionWhere(choices: readonly Choice[], matches: (c: Choice) => boolean): string | null {
  let found: string | null = null;
  for (const c of choices) {
    if (!matches(c)) continue;
    if (found !== null) return null;
    found = c.letter;
  }
  return found;
}

/** A word character of a spaced script, where a phrase must not continue into a neighbour. */
function spacedWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch) && !UNSPACED.test(ch);
}

/** `phrase` occurs in `line` with no spaced-script word character glued to either end. */
export function hasPhrase(line: string, phrase: string): boolean {
  if (phrase === '') return false;
  const glueStart = spacedWordChar(phrase[0]);
  const glueEnd = spacedWordChar(phrase[phrase.length - 1]);
  for (let at = line.indexOf(phrase); at >= 0; at = line.indexOf(phrase, at + 1)) {
    if (glueStart && spacedWordChar(line[at - 1])) continue;
    if (glueEnd && spacedWordChar(line[at + phrase.length])) continue;
    return true;
  }
  return false;
}

export function optionTextOf(text: string, choices: readonly Choice[]): string | null {
  const whole = squash(text);
  if (whole === '') return null;
  const exact = onlyOptionWhere(choices, (c) => squash(c.text) === whole);
  if (exact !== null) return exact;
  // A shared option text is ambiguous even if it also occurs as a phrase.
  if (choices.some((c) => squash(c.text) === whole)) return null;
  const trimmed = text.trimEnd();
  const line = collapse(trimmed.slice(trimmed.lastIndexOf('\n') + 1));
  return onlyOptionWhere(choices, (c) => hasPhrase(line, collapse(c.text)));
}

export const optionText: ExtractStep = { name: 'option-text', run: optionTextOf };
