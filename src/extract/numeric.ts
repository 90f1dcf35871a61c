/**
 * Numbers for numeric benchmarks (counts, distances, sizes): the steps of the `numeric` pipeline.
 * They ignore the choices (numeric items have none) and return the number in canonical JS form,
 * "1,200.50" → "1200.5", "3/4" → "0.75", "−2" → "-2", so that equal values compare equal as text.
 */
import { boxedContents, unwrapLatex } from './markup.js';
import type { ExtractStep } from './types.js';

// Not glued to a word or another number on the left ("B2", "v1.5" are no numbers); anything may
// follow (units: "3m", "2.5 meters"). Thousands separators only in groups of three.
// Groups: 1 sign, 2 digits, 3 exponent, 4 denominator of a fraction.
const NUMBER_SOURCE =
  '(?<![\\p{L}\\p{N}_.])([-−+]?)((?:\\d{1,3}(?:,\\d{3})+(?![\\d,])|\\d+)(?:\\.\\d+)?|\\.\\d+)' +
  '(?:[eE]([-+]?\\d+))?(?:/(\\d+)(?![\\d.]))?';
const NUMBER = new RegExp(NUMBER_SOURCE, 'gu');
// "the answer is 3", "Answer: about 4.5", "答案是 7": preferred over a later number (a unit, a step).
const STATED = new RegExp(
  '(?:\\banswer|\\bresult|答案)\\s*(?:is|[:：=]|是|为)?\\s*(?:approximately|about|around|roughly|[~≈])?\\s*' +
    NUMBER_SOURCE,
  'giu',
);
const HAS_DIGIT = /\d/;
const WORDS = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven',
  'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty',
];
const NUMBER_WORD = new RegExp(`\\b(${WORDS.join('|')})\\b`, 'gi');

/** The canonical form of one NUMBER match's groups, or null when it is not finite. */
function canonical(
  sign: string,
  digits: string,
  exponent: string | undefined,
  denominator: string | undefined,
): string | null {
  let value = Number(digits.replaceAll(',', '') + (exponent === undefined ? '' : `e${exponent}`));
  if (denominator !== undefined) value /= Number(denominator);
  if (sign === '-' || sign === '−') value = -value;
  return Number.isFinite(value) ? String(value + 0) : null;
}

/** The last match of a NUMBER-based pattern, as a canonical number (groups 1-4 of the number). */
function lastNumber(text: string, pattern: RegExp): string | null {
  let last: RegExpExecArray | undefined;
  for (const m of text.matchAll(pattern)) last = m;
  if (last === undefined) return null;
  return canonical(last[1] ?? '', last[2] ?? '', last[3], last[4]);
}

/** The number after the last "answer is", else the last number, else the last number word (≤ 20). */
export function numberOf(text: string): string | null {
  // Both digit patterns need an ASCII digit; most texts without one are skipped in one pass.
  if (HAS_DIGIT.test(text)) {
    const stated = lastNumber(text, STATED);
    if (stated !== null) return stated;
    const last = lastNumber(text, NUMBER);
    if (last !== null) return last;
  }
  let word: string | undefined;
  for (const m of text.matchAll(NUMBER_WORD)) word = m[1];
  return word === undefined ? null : String(WORDS.indexOf(word.toLowerCase()));
}

/** The number in the last `\boxed{…}` that holds one. */
export function boxedNumberOf(text: string): string | null {
  const boxes = boxedContents(text);
  for (let i = boxes.length - 1; i >= 0; i--) {
    const n = numberOf(unwrapLatex(boxes[i] ?? ''));
    if (n !== null) return n;
  }
  return null;
}

export const number: ExtractStep = { name: 'number', run: (text) => numberOf(text) };
export const boxedNumber: ExtractStep = { name: 'boxed-number', run: (text) => boxedNumberOf(text) };
