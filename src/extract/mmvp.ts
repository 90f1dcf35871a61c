/**
 * lmms-eval's MMVP rules (EvolvingLMMs-Lab/lmms-eval@75571cfe, lmms_eval/tasks/mmvp/utils.py),
 * re-implemented from their behaviour with Python `re` semantics:
 * - `_extract_answer_letter`: on the stripped reply, the first of five case-insensitive patterns
 *   that matches anywhere wins (a lone letter, a letter at the start, "answer is A", "option A",
 *   then any A/B followed by whitespace or the end — so the article in "a red car" reads as A),
 *   else the first character when it is A or B, else "" (never right);
 * - `_parse_options`: "(a) Long (b) Short" → ["Long", "Short"];
 * - `_normalize_answer`: "(a)" anywhere, or a bare "a", → "A"; likewise B; else the upper-cased text.
 */
import { PY_WS, pyStrip } from './python.js';
import type { ExtractStep } from './types.js';

const S = `[${PY_WS}]`;
/** The five patterns of `_extract_answer_letter`, in order (re.IGNORECASE; `$` = end, the text being stripped). */
const LETTER_PATTERNS: readonly RegExp[] = [
  new RegExp(`^${S}*\\(?([AB])\\)?\\.?${S}*$`, 'iu'),
  new RegExp(`^${S}*\\(?([AB])\\)?[.${PY_WS}]`, 'iu'),
  new RegExp(`answer${S}+is${S}+\\(?([AB])\\)?`, 'iu'),
  new RegExp(`option${S}+\\(?([AB])\\)?`, 'iu'),
  new RegExp(`\\(?([AB])\\)?(?:${S}|$)`, 'iu'),
];

/** `_extract_answer_letter`: 'A', 'B' or '' (no letter found). */
export function lmmsMmvpLetter(reply: string): string {
  const text = pyStrip(reply);
  for (const pattern of LETTER_PATTERNS) {
    const m = pattern.exec(text);
    if (m?.[1] !== undefined) return m[1].toUpperCase();
  }
  const first = text.slice(0, 1).toUpperCase();
  return first === 'A' || first === 'B' ? first : '';
}

/** As a pipeline step: '' (lmms-eval's "no letter") is undecided here, which scores the same: wrong. */
export const lmmsMmvpStep: ExtractStep = { name: 'lmms-mmvp-letter', run: (text) => lmmsMmvpLetter(text) || null };

const OPTION = new RegExp(`\\([a-z]\\)${S}*([^(]+?)(?=${S}*\\([a-z]\\)|$)`, 'giu');

/** `_parse_options`: the option texts of an "(a) … (b) …" cell, stripped. */
export function lmmsMmvpOptions(cell: string): string[] {
  return [...cell.matchAll(OPTION)].map((m) => pyStrip(m[1] ?? ''));
}

/** `_normalize_answer`: the gold "(a)"/"(b)" as a letter (anything else upper-cased, as the original). */
export function lmmsMmvpGold(cell: string): string {
  const answer = pyStrip(cell).toLowerCase();
  if (answer.includes('(a)') || answer === 'a') return 'A';
  if (answer.includes('(b)') || answer === 'b') return 'B';
  return answer.toUpperCase();
}
