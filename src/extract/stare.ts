/**
 * STARE's rules, re-implemented from their behaviour with Python semantics:
 * - the authors' `fast_extract_answer` (STARE-bench/STARE@8c3fe559 evaluation/evaluate.py; lmms-eval's
 *   stare/utils.py @75571cfe carries the same function): on the stripped reply, a letter A–H alone or
 *   opening it as "A:"/"A.", else the reply itself when Python's float() reads it, else the last
 *   `\boxed{…}` (its last `\text{…}` when it has one), else the first line, up to a '.', after the
 *   last "final answer is" / "correct answer is" / "answer should be" / "answer is" / "answer:"
 *   (the first of these found, lower-cased), else nothing;
 * - their `is_equal` on a letter gold: the two lower-cased and stripped are equal (its word-to-number
 *   and LaTeX steps compare numbers, and never make a letter equal to another text);
 * - VLMEvalKit's StareBench (vlmeval/dataset/starebench.py @e8e78f05) `_parse_option_mapping` and
 *   `_f1_binary_yn` (the macro lives with the benchmark, benchmarks/stare.ts).
 */
import { pyFloat, PY_WS, pyStrip } from './python.js';
import type { ExtractStep } from './types.js';

const LETTERS = 'ABCDEFGH';
const FLAGS = ['final answer is', 'correct answer is', 'answer should be', 'answer is', 'answer:'] as const;
const BOX_OPEN = '\\boxed{';

/** extract_full_boxed_content: what each `\boxed{` holds up to its balancing '}', in order (an unclosed one gives nothing). */
export function stareBoxedContents(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    if (s.startsWith(BOX_OPEN, i)) {
      const start = i + BOX_OPEN.length;
      let depth = 0;
      for (i = start; i < s.length; i++) {
        if (s[i] === '{') depth++;
        else if (s[i] === '}') {
          if (depth === 0) {
            out.push(s.slice(start, i));
            break;
          }
          depth--;
        }
      }
    }
    i++;
  }
  return out;
}

// r'\\text{(.*?)}': '.' stops at a newline, as in Python.
const TEXT_CONTENT = /\\text\{([^\n]*?)\}/g;

function fromBoxes(response: string): string | null {
  if (!response.includes('boxed{')) return null;
  const last = stareBoxedContents(response).at(-1);
  if (last === undefined) return null;
  const texts = [...last.matchAll(TEXT_CONTENT)];
  const text = texts.at(-1)?.[1];
  return pyStrip(text ?? last);
}

function fromFlags(response: string): string | null {
  const lower = response.toLowerCase();
  for (const flag of FLAGS) {
    const at = lower.lastIndexOf(flag);
    if (at < 0) continue;
    const tail = pyStrip(lower.slice(at + flag.length));
    return (tail.split('\n')[0] as string).split('.')[0] as string;
  }
  return null;
}

/** fast_extract_answer: '' when nothing is found. */
export function stareFastExtract(reply: string): string {
  const response = pyStrip(reply);
  for (const ch of LETTERS) {
    if (response.toUpperCase() === ch || response.startsWith(`${ch}:`) || response.startsWith(`${ch}.`)) return ch;
  }
  if (pyFloat(response) !== null) return response;
  return fromBoxes(response) ?? fromFlags(response) ?? '';
}

/** As a pipeline step: '' (their "no answer", never equal to a letter) is undecided here, which scores the same. */
export const stareFastExtractStep: ExtractStep = { name: 'stare-fast-extract', run: (text) => stareFastExtract(text) || null };

/** is_equal for a letter gold: lower-cased and stripped, the same text. */
export function stareIsEqual(extracted: string, gold: string): boolean {
  return pyStrip(extracted.toLowerCase()) === pyStrip(gold.toLowerCase());
}

const ZERO_WIDTH = /[\u200b\u200c\u200d\ufeff]/g;
// re.findall(r'([A-F])\s*[\.\:：\)\）]?\s*(yes|no)', q, re.IGNORECASE): no word boundaries, so "and no" maps 'd'.
const YES_NO_OPTION = new RegExp(`([A-F])[${PY_WS}]*[.:：)）]?[${PY_WS}]*(yes|no)`, 'giu');

/** _parse_option_mapping: lower-cased letter → 'yes'/'no' as the question lists them (a later pair wins). */
export function stareOptionMapping(question: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of question.replace(ZERO_WIDTH, '').matchAll(YES_NO_OPTION)) out.set((m[1] as string).toLowerCase(), (m[2] as string).toLowerCase());
  return out;
}

/** _f1_binary_yn with pos_label 'yes': F1 of the positive label; 0 without a true positive; null without pairs. */
export function stareBinaryF1(pairs: readonly (readonly [gold: string, predicted: string])[]): number | null {
  if (pairs.length === 0) return null;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const [g, p] of pairs) {
    const gold = g.toLowerCase() === 'yes';
    const predicted = p.toLowerCase() === 'yes';
    if (predicted && gold) tp++;
    else if (predicted) fp++;
    else if (gold) fn++;
  }
  if (tp === 0) return 0;
  const precision = tp / (tp + fp);
  const recall = tp / (tp + fn);
  return (2 * precision * recall) / (precision + recall);
}
