/**
 * BLINK's official rule-based answer extraction, re-implemented from its rules.
 * Reference: zeyofu/BLINK_Benchmark, eval/test_benchmark.py `analyze_answer`:
 * 1. the whole output is exactly "A".."E" or "(A)".."(E)" (no trimming, and not limited to the
 *    question's options);
 * 2. else, among the whitespace-separated tokens that are exactly "(A)".."(X)" (X the question's
 *    last option, at most E): if the last paragraph (after the last "\n\n") has exactly one
 *    distinct such token, that one; else if the whole output has exactly one, that one;
 * 3. else the original asks GPT-3.5 (eval/multiple_choice.py); here the item stays undecided.
 * Its predictions are "(B)"; we return the bare letter like every other letter step.
 */
import { PY_WS } from './python.js';
import type { Choice } from '../core/types.js';
import type { ExtractStep } from './types.js';

const EXACT = /^(?:([A-E])|\(([A-E])\))$/;

/** A whole token "(X)": whitespace (Python's set) or the text's edge on both sides. */
const PAREN_TOKEN = new RegExp(`(?<![^${PY_WS}])\\(([A-E])\\)(?![^${PY_WS}])`, 'g');

function exactLetter(text: string): string | null {
  const m = EXACT.exec(text);
  return m === null ? null : (m[1] ?? m[2] ?? null);
}

/** The only distinct "(X)" token among the question's first up-to-five option letters, else null. */
function onlyParenToken(text: string, choices: readonly Choice[]): string | null {
  const allowed = 'ABCDE'.slice(0, choices.length);
  let only: string | null = null;
  for (const m of text.matchAll(PAREN_TOKEN)) {
    const letter = m[1] ?? '';
    if (!allowed.includes(letter) || letter === only) continue;
    if (only !== null) return null;
    only = letter;
  }
  return only;
}

function lastParagraphLetter(text: string, choices: readonly Choice[]): string | null {
  const cut = text.lastIndexOf('\n\n');
  return onlyParenToken(cut < 0 ? text : text.slice(cut + 2), choices);
}

export const blinkExact: ExtractStep = { name: 'blink-exact', run: exactLetter };
export const blinkLastParagraph: ExtractStep = { name: 'blink-last-paragraph', run: lastParagraphLetter };
export const blinkParen: ExtractStep = { name: 'blink-paren', run: onlyParenToken };
