/**
 * Answers set off by markup: LaTeX `\boxed{…}` (math-tuned models box their final answer) and
 * Markdown code spans (MMSI-Bench's prompt asks for the letter "within ``"). A box or span is read
 * only when its content is nothing but the answer; when several are, the LAST counts, as reasoning
 * models restate and correct themselves.
 */
import { optionLetter, type ExtractStep } from './types.js';
import type { Choice } from '../core/types.js';

const BOX_OPEN = /\\boxed\s*\{/g;

/**
 * The contents of every `\boxed{…}`, in order, with nested braces balanced (`\boxed{\text{B}}`).
 * An unclosed box runs to the end: truncated outputs and stop strings cut it short.
 */
export function boxedContents(text: string): string[] {
  if (!text.includes('\\boxed')) return [];
  const contents: string[] = [];
  for (const m of text.matchAll(BOX_OPEN)) {
    const start = m.index + m[0].length;
    let depth = 1;
    let i = start;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x7b) depth++;
      else if (c === 0x7d && --depth === 0) break;
    }
    contents.push(text.slice(start, i));
  }
  return contents;
}

// Text-mode wrappers, braces and math delimiters carry no answer: `\text{(B)}` is `(B)`.
const LATEX_NOISE = /\\(?:text|textbf|textit|textrm|mathrm|mathbf|mbox|operatorname)\b|[{}$]/g;

/** The box content without LaTeX wrappers, for the letter, number and yes/no readers. */
export function unwrapLatex(content: string): string {
  return content.replace(LATEX_NOISE, '').trim();
}

/** `B`, `(b)`, `**B**`, `[B].`: a letter, any case, alone but for brackets and emphasis. */
const LETTER_ONLY = /^[\s*_]*[([（【]?\s*([A-Za-z])\s*[)\]）】]?[\s*_.。]*$/;
/** `B. dog`, `(B) dog`, `B: dog`: an uppercase letter labelling text (lowercase could be a word). */
const LABELLED = /^[\s*_]*(?:[([（【]([A-Z])[)\]）】]|([A-Z])[.:：．、)])\s*\S/;

/** The letter a box or span content consists of, or undefined when it is not a lone letter. */
function letterForm(content: string): string | undefined {
  const m = LETTER_ONLY.exec(content) ?? LABELLED.exec(content);
  return m === null ? undefined : (m[1] ?? m[2]);
}

/** The last content that is a letter form decides (null when that letter is no option). */
function lastLetter(contents: readonly string[], choices: readonly Choice[]): string | null {
  for (let i = contents.length - 1; i >= 0; i--) {
    const letter = letterForm(contents[i] ?? '');
    if (letter !== undefined) return optionLetter(letter, choices);
  }
  return null;
}

export function boxedLetterOf(text: string, choices: readonly Choice[]): string | null {
  return lastLetter(boxedContents(text).map(unwrapLatex), choices);
}

// A double-backtick span first, so that ``B`` is one span, not two empty ones around B.
const CODE_SPAN = /``([^`]+)``|`([^`]+)`/g;

export function backtickLetterOf(text: string, choices: readonly Choice[]): string | null {
  if (!text.includes('`')) return null;
  return lastLetter(Array.from(text.matchAll(CODE_SPAN), (m) => m[1] ?? m[2] ?? ''), choices);
}

export const boxed: ExtractStep = { name: 'boxed', run: boxedLetterOf };
export const backticks: ExtractStep = { name: 'backticks', run: backtickLetterOf };
