/**
 * OmniSpatial's answer rules, as the authors' api_eval.py (qizekun/OmniSpatial@208bac25,
 * process_info) reads a reply for each `--eval_type`, and as lmms-eval's two tasks read theirs
 * (EvolvingLMMs-Lab/lmms-eval@75571cfe: tasks/omnispatial/utils.py copies the authors' branches;
 * tasks/omni_spatial/utils.py has its own). Quirks kept, because they decide scores:
 *
 * - `re`: the LAST match of `Answer\s*:\s*([A-D])\b` (IGNORECASE), else "A". The captured letter
 *   keeps its case and is compared with the upper-case gold letter, so "Answer: b" is wrong, and a
 *   reply without the line counts as "A" (right whenever the gold is A).
 * - `direct`: the stripped reply's first character, upper-cased ("" for an empty reply: wrong).
 * - `json`: strip, drop a leading "```json" and a trailing "```", strip, json.loads, `.get("answer",
 *   "A").strip().upper()[:1]`; any exception (not JSON, not an object, a non-string answer) → "A".
 * - lmms-eval `omni_spatial`: `_strip_think` (text up to the first `</think>`, then up to the first
 *   `</thought>`, removed; the first `<answer>…</answer>` content if any), then `direct`'s rule.
 *
 * Which rule the authors' protocol applies is a row field (the run's `eval_type`, stored with each
 * prediction), so re-scoring a store needs no config. Python's `\s`, `\b` and `strip()` are
 * python.ts's. Python's json.loads also takes NaN/Infinity, which JSON.parse refuses (→ "A" here).
 */
import { PY_WORD, PY_WS, pyStrip } from './python.js';
import type { ExtractStep, Pipeline } from './types.js';

/** The row field holding the authors' `--eval_type` the reply was asked for. */
export const EVAL_TYPE_FIELD = 'eval_type';
export const EVAL_TYPES = ['re', 'direct', 'json'] as const;
export type OmniEvalType = (typeof EVAL_TYPES)[number];

// `iu`: Python's IGNORECASE on str folds as JS's Unicode case folding does ("ſ" matches "s").
const ANSWER_LINE = new RegExp(`Answer[${PY_WS}]*:[${PY_WS}]*([A-D])(?![${PY_WORD}])`, 'giu');

/** `PATTERN.findall(response)[-1]`, the letter as written, or null when there is no match. */
export function omniReLetter(text: string): string | null {
  let last: string | null = null;
  for (const m of text.matchAll(ANSWER_LINE)) last = m[1] as string;
  return last;
}

/** Python `s.upper()[:1]`: the first code point, upper-cased, cut to one code point. */
function pyUpperFirst(s: string): string {
  const first = s.codePointAt(0);
  if (first === undefined) return '';
  return String.fromCodePoint(String.fromCodePoint(first).toUpperCase().codePointAt(0) as number);
}

/** `response.strip().upper()[:1]`. */
export function omniDirectLetter(text: string): string {
  return pyUpperFirst(pyStrip(text));
}

function removePrefix(s: string, prefix: string): string {
  return s.startsWith(prefix) ? s.slice(prefix.length) : s;
}
function removeSuffix(s: string, suffix: string): string {
  return suffix !== '' && s.endsWith(suffix) ? s.slice(0, -suffix.length) : s;
}

/** The json branch's letter; "A" wherever the Python raises. */
export function omniJsonLetter(text: string): string {
  const cleaned = pyStrip(removeSuffix(removePrefix(pyStrip(text), '```json'), '```'));
  let parsed: unknown;
  try {
    parsed = JSON.parse(cleaned);
  } catch {
    return 'A';
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'A';
  const answer: unknown = Object.hasOwn(parsed, 'answer') ? (parsed as Record<string, unknown>)['answer'] : 'A';
  return typeof answer === 'string' ? pyUpperFirst(pyStrip(answer)) : 'A';
}

/** lmms-eval omni_spatial `_strip_think`. */
export function lmmsStripThink(text: string): string {
  const t = text.replace(/^[\s\S]*?<\/think>/, '').replace(/^[\s\S]*?<\/thought>/, '');
  const tag = /<answer>([\s\S]*?)<\/answer>/iu.exec(t);
  return pyStrip(tag !== null ? (tag[1] as string) : t);
}

const evalTypeOf = (fields: Readonly<Record<string, string>> | undefined): string => fields?.[EVAL_TYPE_FIELD] ?? 're';

/** A step that applies only to rows asked with `type`; "" (an empty first character) is no answer. */
function forType(type: OmniEvalType, name: string, rule: (text: string) => string | null): ExtractStep {
  return { name, run: (text, _choices, fields) => (evalTypeOf(fields) === type ? rule(text) || null : null) };
}

export const OMNI_STEPS: readonly ExtractStep[] = [
  forType('re', 're-answer-line', omniReLetter),
  forType('re', 're-missing-counts-as-A', () => 'A'),
  forType('direct', 'direct-first-char', omniDirectLetter),
  forType('json', 'json-answer', omniJsonLetter),
];

export const OMNISPATIAL_PIPELINE: Pipeline = {
  name: 'omnispatial',
  rule: "OmniSpatial api_eval.py by the row's eval_type: re = last 'Answer: X' (A-D, either case, case kept), else A; direct = first character upper-cased; json = the JSON's answer, else A",
  narrowers: [],
  steps: OMNI_STEPS,
};

export const LMMS_OMNI_SPATIAL_PIPELINE: Pipeline = {
  name: 'lmms-omni-spatial',
  rule: 'lmms-eval omni_spatial: drop text up to </think> and </thought>, take <answer> content if any, then the first character upper-cased',
  narrowers: [],
  steps: [{ name: 'strip-think-first-char', run: (text) => omniDirectLetter(lmmsStripThink(text)) || null }],
};
