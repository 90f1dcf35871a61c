/**
 * VLMEvalKit's spatial-bench number matcher, re-implemented from open-compass/VLMEvalKit@e8e78f05
 * vlmeval/dataset/utils/spatial_bench/matching_func.py `can_match_na` (with `normalize_number_words`,
 * `_after_think`, `_last_number`), which `compute_na_score` applies to numeric-answer items
 * (SparBench's depth and distance tasks). In order, on the reply stripped and cleared of
 * zero-width characters, after the English words zero … twenty became digits:
 *   1. a number opening an <answer> block;
 *   2. the last number after the last </think> (after the last <think> when none closes);
 *   3. the one number of the whole text when all its numbers are equal, else its last number.
 * A reply that is a list literal ("[3.2, 'm']") is read from its first element. Python's `\d`,
 * `\s` and `\b` are Unicode-aware; so are the patterns here.
 */
import { PY_WORD, PY_WS, pyFloat, pyStrip } from './python.js';

const ZERO_WIDTH = /[\u200b\u200c\u200d\ufeff]/g;
const S = `[${PY_WS}]`;
const NUMBER = String.raw`[-+]?(?:\p{Nd}*\.\p{Nd}+|\p{Nd}+)(?:[eE][-+]?\p{Nd}+)?`;
const NUMBERS = new RegExp(NUMBER, 'gu');
const TAGGED_NUMBER = new RegExp(`<${S}*answer(?![${PY_WORD}])[^>]*>${S}*(${NUMBER})(?:[^\\p{Nd}<][^<]*)?<${S}*/${S}*answer${S}*>`, 'iu');
const THINK_CLOSE = new RegExp(`</${S}*think${S}*>`, 'giu');
const THINK_OPEN = new RegExp(`<${S}*think${S}*>`, 'giu');

/** num2words(0 … 20) in English, the keys of WORD2NUM. */
const WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty'];
const WORD_NUMBER = new RegExp(`(?<![${PY_WORD}])(${WORDS.join('|')})(?![${PY_WORD}])`, 'giu');

export function normalizeNumberWords(text: string): string {
  return text.replace(WORD_NUMBER, (word: string) => {
    // A case-folded match ("ſeven") that does not lower-case to a key is kept, as WORD2NUM.get misses it.
    const n = WORDS.indexOf(word.toLowerCase());
    return n < 0 ? word : String(n);
  });
}

function afterThink(text: string): string {
  const close = [...text.matchAll(THINK_CLOSE)].at(-1);
  if (close !== undefined) return pyStrip(text.slice((close.index ?? 0) + close[0].length));
  const open = [...text.matchAll(THINK_OPEN)].at(-1);
  if (open !== undefined) return pyStrip(text.slice((open.index ?? 0) + open[0].length));
  return text;
}

// A Python list literal of strings and numbers, which ast.literal_eval reads (anything else raises).
const ELEMENT = String.raw`'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const LIST = new RegExp(String.raw`^\[\s*(?:(${ELEMENT})\s*(?:,\s*(?:${ELEMENT})\s*)*,?\s*)?\]$`, 's');

/**
 * The list-literal case: the first element as str() gives it (a quoted string without its quotes;
 * a number as written, which reads as the same number), the reply itself for an empty list, null
 * where literal_eval raises.
 */
function candidateOf(reply: string): string | null {
  const t = pyStrip(reply);
  if (!(t.startsWith('[') && t.endsWith(']'))) return reply;
  const m = LIST.exec(t);
  if (m === null) return null;
  const first = m[1];
  if (first === undefined) return reply;
  return /^['"]/.test(first) ? first.slice(1, -1).replace(/\\(.)/gs, '$1') : first;
}

/** `can_match_na`: the number as text (Python float() reads it), or null for None. */
export function canMatchNa(reply: string): string | null {
  const raw = candidateOf(reply);
  if (raw === null) return null;
  const text = normalizeNumberWords(pyStrip(raw).replace(ZERO_WIDTH, ''));
  const tagged = TAGGED_NUMBER.exec(text)?.[1];
  if (tagged !== undefined && pyFloat(tagged) !== null) return tagged;
  const inTail = afterThink(text).match(NUMBERS);
  if (inTail !== null) return inTail[inTail.length - 1] as string;
  const all = text.match(NUMBERS);
  if (all === null) return null;
  const distinct = [...new Set(all)];
  return distinct.length === 1 ? (distinct[0] as string) : (all[all.length - 1] as string);
}
