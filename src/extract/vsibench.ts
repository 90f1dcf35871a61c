/**
 * VSI-Bench's answer rules, per harness:
 *
 * - official (vision-x-nyu/thinking-in-space@51e089c3, lmms_eval/tasks/vsibench/utils.py
 *   `fuzzy_matching`): the reply's first space-separated token, trailing dots removed, then
 *   stripped — for both kinds of question; an NA answer is then Python's `float()` of it.
 * - lmms-eval (EvolvingLMMs-Lab/lmms-eval@75571cfe, same file): the same for MCA; for NA
 *   `extract_number`: the first number in the lower-cased reply, digits (`-?\d+(?:\.\d+)?`) or a
 *   run of English number words ("twenty-one", "three hundred and five"), whichever starts first.
 */
import { pyFloat, pyStrip } from './python.js';
import type { ExtractStep } from './types.js';

/** `pred.split(' ')[0].rstrip('.').strip()`: splits on the space character only, not on newlines. */
export function firstToken(text: string): string {
  const head = text.split(' ')[0] ?? '';
  return pyStrip(head.replace(/\.+$/, ''));
}

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100, thousand: 1000,
};

// Python's `\d` matches any script's decimal digits; float() reads them too.
const NUM_RE = /-?\p{Nd}+(?:\.\p{Nd}+)?/u;

/** lmms-eval's `extract_number`, or null where it returns None. */
export function lmmsExtractNumber(text: string): number | null {
  const s = pyStrip(text).toLowerCase();
  if (s === '') return null;
  const digit = NUM_RE.exec(s);
  let runStart: number | undefined;
  const run: string[] = [];
  for (const m of s.matchAll(/[a-z]+/g)) {
    const tok = m[0];
    if (runStart === undefined) {
      if (tok in NUMBER_WORDS) {
        runStart = m.index;
        run.push(tok);
      }
    } else if (tok === 'and') continue;
    else if (tok in NUMBER_WORDS) run.push(tok);
    else break;
  }
  if (digit !== null && (runStart === undefined || digit.index < runStart)) {
    const value = pyFloat(digit[0]);
    if (value !== null) return value;
  }
  if (runStart === undefined) return null;
  let total = 0;
  let current = 0;
  for (const tok of run) {
    const value = NUMBER_WORDS[tok] ?? 0;
    if (value === 100) current = Math.max(current, 1) * 100;
    else if (value === 1000) {
      total += Math.max(current, 1) * 1000;
      current = 0;
    } else current += value;
  }
  return total + current;
}

/** The question kind a row's `question_type` names (the three harnesses share the lists). */
export const VSI_MCA_TYPES = [
  'object_rel_direction_easy', 'object_rel_direction_medium', 'object_rel_direction_hard',
  'object_rel_distance', 'route_planning', 'obj_appearance_order',
] as const;
export const VSI_NA_TYPES = ['object_abs_distance', 'object_counting', 'object_size_estimation', 'room_size_estimation'] as const;

export function isNumericType(questionType: string | undefined): boolean {
  return (VSI_NA_TYPES as readonly string[]).includes(questionType ?? '');
}

/** The official rule: always decides (an empty token is an answer that matches nothing). */
export const vsiFirstToken: ExtractStep = { name: 'vsi-first-token', run: (text) => firstToken(text) };

/** lmms-eval: the first token for MCA, `extract_number` for NA (undecided when it finds none). */
export const lmmsVsiAnswer: ExtractStep = {
  name: 'lmms-vsi',
  run: (text, _choices, fields) => {
    if (!isNumericType(fields?.['question_type'])) return firstToken(text);
    const n = lmmsExtractNumber(text);
    return n === null ? null : String(n);
  },
};

// ---------------------------------------------------------------- VLMEvalKit

/**
 * VLMEvalKit's `can_match_na` (open-compass/VLMEvalKit@e8e78f05
 * vlmeval/dataset/utils/spatial_bench/matching_func.py), the NA rule of its VSI-Bench evaluation:
 * the reply stripped and cleared of zero-width characters, English number words zero…twenty
 * (num2words 0–20, whole words, any case) replaced by digits, then the number in an `<answer>`
 * block; else the LAST number after the last `</think>` (or `<think>`); else the only distinct
 * number, or the last. A reply that looks like a Python list (`[…]`) is read by ast.literal_eval
 * there; that branch is not reproduced: such a reply is undecided here (its number may be lost).
 */
const ZW = /[\u200b\u200c\u200d\ufeff]/g;
const NUMERIC = '[-+]?(?:\\p{Nd}*\\.\\p{Nd}+|\\p{Nd}+)(?:[eE][-+]?\\p{Nd}+)?';
const TAGGED_NUMERIC = new RegExp(`<\\s*answer(?![\\p{L}\\p{N}_])[^>]*>\\s*(${NUMERIC})(?:[^\\p{Nd}<][^<]*)?<\\s*/\\s*answer\\s*>`, 'iu');
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
// Python's \b: between a word character (Unicode letters, digits, _) and a non-word one.
const WORD_NUMBER = new RegExp(`(?<![\\p{L}\\p{N}_])(${WORDS.join('|')})(?![\\p{L}\\p{N}_])`, 'giu');

function afterThink(text: string): string {
  const ends = [...text.matchAll(/<\/\s*think\s*>/gi)];
  const end = ends[ends.length - 1];
  if (end !== undefined) return pyStrip(text.slice(end.index + end[0].length));
  const starts = [...text.matchAll(/<\s*think\s*>/gi)];
  const start = starts[starts.length - 1];
  return start !== undefined ? pyStrip(text.slice(start.index + start[0].length)) : text;
}

const numbers = (s: string): string[] => [...s.matchAll(new RegExp(NUMERIC, 'gu'))].map((m) => m[0]);

export function vlmevalkitMatchNa(reply: string): number | null {
  const stripped = pyStrip(reply);
  if (stripped.startsWith('[') && stripped.endsWith(']')) return null;
  const text = pyStrip(reply).replace(ZW, '').replace(WORD_NUMBER, (w) => String(WORDS.indexOf(w.toLowerCase())));
  const tagged = TAGGED_NUMERIC.exec(text)?.[1];
  const fromTag = tagged === undefined ? null : pyFloat(tagged);
  if (fromTag !== null) return fromTag;
  const tail = numbers(afterThink(text));
  const last = tail[tail.length - 1];
  if (last !== undefined) return pyFloat(last);
  const all = numbers(text);
  if (all.length === 0) return null;
  const distinct = [...new Set(all)];
  return pyFloat(distinct.length === 1 ? (distinct[0] as string) : (all[all.length - 1] as string));
}

/** VLMEvalKit: can_match_na for NA rows (undecided for MCA rows, which its option matcher reads). */
export const vlmevalkitVsiNumber: ExtractStep = {
  name: 'vlmevalkit-na',
  run: (text, _choices, fields) => {
    if (!isNumericType(fields?.['question_type'])) return null;
    const n = vlmevalkitMatchNa(text);
    return n === null ? null : String(n);
  },
};

/** A step that applies to multiple-choice rows only; its name says so (`vsi-mca-<step>`), a recorded method being one step's. */
export function onlyMca(step: ExtractStep): ExtractStep {
  return { name: `vsi-mca-${step.name}`, run: (text, choices, fields) => (isNumericType(fields?.['question_type']) ? null : step.run(text, choices, fields)) };
}
