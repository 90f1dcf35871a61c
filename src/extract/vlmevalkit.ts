/**
 * VLMEvalKit's exact-matching answer inference, re-implemented from its rules.
 * Reference: open-compass/VLMEvalKit @ e8e78f05, vlmeval/utils/matching_util.py, where
 * `can_infer(answer, choices)` returns `can_infer_option(...)` if truthy, else `can_infer_text(...)`;
 * vlmeval/dataset/utils/multiple_choice.py (`prefetch_answer`, `extract_answer_from_item`) calls it
 * on the raw prediction with `build_choices(item)` = the non-empty option columns A..Z.
 *
 * Note: Actial bundles an older VLMEvalKit (6708e8fb) whose can_infer_option had neither the
 * last-4-tokens rule nor the "answer is" regex, and whose can_infer_text had no length limit.
 */
import type { Choice } from '../core/types.js';
import { PY_WS } from './python.js';
import type { ExtractStep } from './types.js';

// can_infer_option: a failed-API marker makes the option rule give up (returns False), but
// can_infer still falls through to can_infer_text on the same string.
const API_FAILURE = 'Failed to obtain answer via API';

// can_infer_option `reject_to_answer`: case-sensitive substrings, tested before anything else,
// answered with 'Z' (which then scores as wrong unless the gold letter is 'Z').
const REFUSALS: readonly string[] = [
  "Sorry, I can't help with images of people yet.",
  "I can't process this file.",
  "I'm sorry, but without the image provided",
  'Cannot determine the answer',
];
const REFUSAL_LETTER = 'Z';
const SHORTEST_MARKER = Math.min(API_FAILURE.length, ...REFUSALS.map((r) => r.length));

// can_infer_option: these characters are replaced by spaces before `split()`.
const OPTION_PUNCT = '.()[],:;!*#{}';

const ASCII_SEPARATOR = new Uint8Array(128);
for (const ch of '\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f ' + OPTION_PUNCT) ASCII_SEPARATOR[ch.charCodeAt(0)] = 1;

function isSeparator(code: number): boolean {
  if (code < 128) return ASCII_SEPARATOR[code] === 1;
  return (
    code === 0x85 || code === 0xa0 || code === 0x1680 || (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 || code === 0x2029 || code === 0x202f || code === 0x205f || code === 0x3000
  );
}

/**
 * can_infer_option's `_VERBOSE_ANSWER_RE`: `(?i)(?:correct\s+)?answer\s+is\s+\**([ABCD])`, searched
 * once (first match only) on the unmodified prediction. Being case-insensitive with no word
 * boundary, "answer is about" yields 'A'. Python's IGNORECASE also lets `i` match 'ı' and 'İ',
 * which JS case folding does not, hence the explicit class; the `u` flag covers 'ſ' for `s`.
 */
const VERBOSE_ANSWER = new RegExp(
  `(?:correct[${PY_WS}]+)?answer[${PY_WS}]+[iıİ]s[${PY_WS}]+\\**([ABCD])`,
  'iu',
);

interface TokenScan {
  /** Number of tokens after the punctuation replacement and whitespace split. */
  readonly count: number;
  /** Index of the first token equal to each uppercase letter A..Z, or -1. */
  readonly first: Int32Array;
}

/**
 * The one TokenScan.first: allocating a typed array per prediction cost more than the scan itself.
 * Safe to share because each scan is read to the end before the next one starts.
 */
const FIRST = new Int32Array(26);

/** Tokenises like can_infer_option, without allocating the token list (hot path). */
function scanTokens(text: string): TokenScan {
  const first = FIRST.fill(-1);
  let count = 0;
  let start = -1;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isSeparator(text.charCodeAt(i))) {
      if (start < 0) start = i;
      continue;
    }
    if (start < 0) continue;
    if (i - start === 1) {
      const k = text.charCodeAt(start) - 65;
      if (k >= 0 && k < 26 && first[k] === -1) first[k] = count;
    }
    count++;
    start = -1;
  }
  return { count, first };
}

function firstIndexOf(scan: TokenScan, letter: string): number {
  return scan.first[letter.charCodeAt(0) - 65] ?? -1;
}

/**
 * The rules can_infer_option gained over time: the last-4-tokens position rule and the "answer is"
 * regex are in e8e78f05 but not in the 6708e8fb that Actial bundles (added in c3371551).
 */
interface OptionRules {
  readonly lastFourTokens: boolean;
  readonly answerIsRegex: boolean;
}

const CURRENT: OptionRules = { lastFourTokens: true, answerIsRegex: true };
const AT_6708E8FB: OptionRules = { lastFourTokens: false, answerIsRegex: false };

/** can_infer_option, minus its VERBOSE-env-only "A might be a quantifier" bail-out (off by default). */
export function inferOption(text: string, choices: readonly Choice[]): string | null {
  return inferOptionWith(text, choices, CURRENT);
}

function inferOptionWith(text: string, choices: readonly Choice[], rules: OptionRules): string | null {
  // No marker fits in a shorter text, and most answers are short.
  if (text.length >= SHORTEST_MARKER) {
    if (text.includes(API_FAILURE)) return null;
    for (const refusal of REFUSALS) if (text.includes(refusal)) return REFUSAL_LETTER;
  }

  const scan = scanTokens(text);
  let present = 0;
  let only = '';
  // Each distinct option letter once, in order of first appearance (a Set per row cost more).
  for (let i = 0; i < choices.length; i++) {
    const letter = (choices[i] as Choice).letter;
    if (firstIndexOf(scan, letter) >= 0 && !hasLetter(choices, letter, i)) {
      present++;
      only = letter;
    }
  }
  // Exactly one distinct option letter among the tokens: accepted only if its FIRST occurrence
  // is one of the last 4 tokens (`splits.index(ch) > len(splits) - 5`); else fall to the regex.
  if (present === 1) {
    if (!rules.lastFourTokens || firstIndexOf(scan, only) > scan.count - 5) return only;
  } else if (present === 0 && firstIndexOf(scan, REFUSAL_LETTER) >= 0) {
    // No option letter but a bare 'Z' token anywhere (no position rule): VLMEvalKit's "none of these".
    return REFUSAL_LETTER;
  }
  if (!rules.answerIsRegex) return null;
  const m = VERBOSE_ANSWER.exec(text);
  const letter = m?.[1]?.toUpperCase();
  return letter !== undefined && hasLetter(choices, letter, choices.length) ? letter : null;
}

/** One of the first `before` choices has this letter. */
function hasLetter(choices: readonly Choice[], letter: string, before: number): boolean {
  for (let i = 0; i < before; i++) if ((choices[i] as Choice).letter === letter) return true;
  return false;
}

/** Length in code points, as Python's `len` counts. */
function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

/** `codePointLength(s) > limit`, without counting when UTF-16 length alone settles it. */
function longerThan(s: string, limit: number): boolean {
  if (s.length <= limit) return false;
  if (s.length > 2 * limit) return true;
  return codePointLength(s) > limit;
}

/**
 * can_infer_text: if the lower-cased prediction is no longer than twice the summed lengths of the
 * option texts, and exactly one lower-cased option text is a substring of it, that option.
 * (An empty option text is a substring of anything, as in Python.)
 */
export function inferText(text: string, choices: readonly Choice[]): string | null {
  return inferTextWith(text, choices, true);
}

/** can_infer_text before a67ace50 had no length limit. */
function inferTextWith(text: string, choices: readonly Choice[], lengthLimit: boolean): string | null {
  let budget = 0;
  for (const c of choices) budget += codePointLength(c.text);
  // Lower-casing never shortens a string, so a too-long original is rejected before lower-casing it.
  if (lengthLimit && longerThan(text, 2 * budget)) return null;
  const lower = text.toLowerCase();
  if (lengthLimit && longerThan(lower, 2 * budget)) return null;
  let found: string | null = null;
  let hits = 0;
  for (const c of choices) {
    if (lower.includes(c.text.toLowerCase())) {
      found = c.letter;
      hits++;
    }
  }
  return hits === 1 ? found : null;
}

export const vlmevalkitOption: ExtractStep = { name: 'vlmevalkit-option', run: inferOption };
export const vlmevalkitText: ExtractStep = { name: 'vlmevalkit-text', run: inferText };

/** The same rules as VLMEvalKit 6708e8fb (bundled with Actial) had them, to reproduce Actial's numbers. */
export const vlmevalkitOption6708: ExtractStep = {
  name: 'vlmevalkit-option@6708e8fb',
  run: (text, choices) => inferOptionWith(text, choices, AT_6708E8FB),
};
export const vlmevalkitText6708: ExtractStep = {
  name: 'vlmevalkit-text@6708e8fb',
  run: (text, choices) => inferTextWith(text, choices, false),
};
