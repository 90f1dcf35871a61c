/**
 * Yes/no answers: the steps of the `yes-no` pipeline. They ignore the choices and return 'Yes' or
 * 'No', as VLMEvalKit's yes/no datasets spell their gold answers. VLMEvalKit's own YOrN_Extraction
 * (vlmeval/dataset/utils/yorn.py) takes whichever of the two words occurs alone; we also accept a
 * leading one ("No, but yes if…" answers No) and the common Chinese one-word answers.
 */
import { boxedContents, unwrapLatex } from './markup.js';
import type { ExtractStep } from './types.js';

const WORD = /\b(yes|no)\b/gi;
// A leading answer closed by punctuation or the end ("No, but…", "Yes."), not "Yes or no?".
const LEADING = /^[\s*_#>"'“‘(\[]*(yes|no)[*_"'”’)\]]*\s*(?:[.,!;:。，！；：]|$)/i;
const CHINESE: Readonly<Record<string, string>> = {
  是: 'Yes', 是的: 'Yes', 对: 'Yes', 否: 'No', 不是: 'No', 不对: 'No',
};

const spelled = (word: string): string => (word.toLowerCase() === 'yes' ? 'Yes' : 'No');

export function yesNoOf(text: string): string | null {
  const trimmed = text.trim();
  const chinese = CHINESE[trimmed.replace(/[。.！!]+$/u, '')];
  if (chinese !== undefined) return chinese;
  const leading = LEADING.exec(trimmed)?.[1];
  if (leading !== undefined) return spelled(leading);
  let found: string | null = null;
  for (const m of trimmed.matchAll(WORD)) {
    const answer = spelled(m[1] ?? '');
    if (found !== null && found !== answer) return null;
    found = answer;
  }
  return found;
}

/** The answer in the last `\boxed{…}` that holds one. */
export function boxedYesNoOf(text: string): string | null {
  const boxes = boxedContents(text);
  for (let i = boxes.length - 1; i >= 0; i--) {
    const answer = yesNoOf(unwrapLatex(boxes[i] ?? ''));
    if (answer !== null) return answer;
  }
  return null;
}

export const yesNo: ExtractStep = { name: 'yes-no', run: (text) => yesNoOf(text) };
export const boxedYesNo: ExtractStep = { name: 'boxed-yes-no', run: (text) => boxedYesNoOf(text) };
