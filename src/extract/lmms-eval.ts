/**
 * lmms-eval's answer rules (EvolvingLMMs-Lab/lmms-eval@75571cfe), re-implemented from its task code,
 * quirks included, so that a benchmark's `lmms-eval` protocol scores our stored replies as lmms-eval
 * would score the same replies:
 *
 * - `lmms-first-letter` (tasks/cv_bench/utils.py and tasks/blink/utils.py, `_extract_answer_letter`,
 *   the same function in both): `re.match(r"[\(\s]*([A-Z])[\)\.\s]*", text.strip(), re.IGNORECASE)`,
 *   upper-cased. Whatever letter the reply starts with counts, option or not: "The answer is B"
 *   reads as "T", "**A**" as nothing. Python's IGNORECASE lets four non-ASCII letters through
 *   (İ ı ſ K, which upper-case to İ I S K).
 * - `lmms-3dsr` (tasks/3dsrbench/utils.py `extract_answer`): the first of eight regexes that
 *   matches, in order: a leading letter followed by ".", a space or ")"; the letter alone;
 *   "[Aa]nswer[:\s]+X" (so "Answer: Based on …" reads as B); "[Tt]he answer is"; "[Mm]y answer is";
 *   "(X)"; "X."; a standalone X. Letters A–D, case-sensitive.
 * - `lmms-mmsi` (tasks/mmsi_bench/utils.py `extract_single_choice_with_word_boundary`): MMSI-Bench's
 *   narrowing chain (``…``, `…`, {…}), then `\b[A-F]\b(?!\s[a-zA-Z])` with IGNORECASE: unlike the
 *   authors' rule (A–D, capitals only), "a" and "e" are letters, and the lookahead's [a-zA-Z] also
 *   refuses the four non-ASCII letters above.
 *
 * Each returns the letter its function compares with the gold one, or null where it finds none
 * (lmms-eval's "" or None; both score 0). The comparisons themselves (`doc["answer"].strip("()")`,
 * `pred == doc["answer"]`, the lower-cased first character) reduce to equality with our gold letter.
 */
import { PY_WORD, PY_WS, pyStrip } from './python.js';
import type { ExtractStep, Pipeline } from './types.js';

/** Python's `[A-Z]` under IGNORECASE: ASCII letters and the four that case-fold onto them. */
const PY_IGNORECASE_LETTER = 'A-Za-z\\u0130\\u0131\\u017f\\u212a';

const FIRST_LETTER = new RegExp(`^[(${PY_WS}]*([${PY_IGNORECASE_LETTER}])`);

/** `_extract_answer_letter`: the (upper-cased) letter the stripped reply starts with, after "(" and spaces. */
export function lmmsFirstLetter(text: string): string | null {
  const m = FIRST_LETTER.exec(pyStrip(text));
  return m === null ? null : (m[1] as string).toUpperCase();
}

const S = `[${PY_WS}]`;
const WORD = `[${PY_WORD}]`;
/** 3DSRBench's patterns in their order; `\b` is Python's Unicode word boundary. */
const SR3D_PATTERNS: readonly RegExp[] = [
  new RegExp(`^([A-D])[.${PY_WS})]`, 'u'),
  // Python's `$` also matches before a final newline, which the strip has removed.
  /^([A-D])$/u,
  new RegExp(`[Aa]nswer[:${PY_WS}]+([A-D])`, 'u'),
  new RegExp(`[Tt]he answer is[:${PY_WS}]+([A-D])`, 'u'),
  new RegExp(`[Mm]y answer is[:${PY_WS}]+([A-D])`, 'u'),
  /\(([A-D])\)/u,
  /([A-D])\./u,
  new RegExp(`(?<!${WORD})([A-D])(?!${WORD})`, 'u'),
];

/** `extract_answer(results[0].strip())`: the first pattern's letter, or null. */
export function lmms3dsrLetter(text: string): string | null {
  const t = pyStrip(text);
  if (t === '') return null;
  for (const p of SR3D_PATTERNS) {
    const m = p.exec(t);
    if (m !== null) return m[1] as string;
  }
  return null;
}

const DOUBLE_BACKTICKS = /``([^`]*)``/;
const BACKTICKS = /`([^`]*)`/;
const BRACES = /\{([^}]*)\}/;
const MMSI_LETTER = new RegExp(`(?<!${WORD})([A-Fa-f])(?!${WORD})(?!${S}[${PY_IGNORECASE_LETTER}])`, 'u');

function narrowBy(pattern: RegExp, text: string): string {
  const m = pattern.exec(text);
  return m === null ? text : (m[1] ?? '');
}

/** lmms-eval's copy of MMSI-Bench's extractor: the letter it would credit, upper-cased, or null. */
export function lmmsMmsiLetter(text: string): string | null {
  const t = narrowBy(BRACES, narrowBy(BACKTICKS, narrowBy(DOUBLE_BACKTICKS, text)));
  return MMSI_LETTER.exec(t)?.[1]?.toUpperCase() ?? null;
}

const step = (name: string, run: (text: string) => string | null): ExtractStep => ({ name, run: (text) => run(text) });

/** The steps read the whole reply, as lmms-eval's process_results do: no tag is narrowed away first. */
export const LMMS_FIRST_LETTER: Pipeline = {
  name: 'lmms-first-letter',
  rule: 'lmms-eval _extract_answer_letter: the letter the stripped reply starts with, after "(" and spaces; any letter, upper-cased',
  narrowers: [],
  steps: [step('lmms-first-letter', lmmsFirstLetter)],
};

export const LMMS_3DSR: Pipeline = {
  name: 'lmms-3dsr',
  rule: 'lmms-eval 3dsrbench extract_answer: the first of ^X[. )], ^X$, answer[: ]X, the answer is X, my answer is X, (X), X., a standalone X; A-D',
  narrowers: [],
  steps: [step('lmms-3dsr-patterns', lmms3dsrLetter)],
};

export const LMMS_MMSI: Pipeline = {
  name: 'lmms-mmsi',
  rule: 'lmms-eval mmsi_bench: narrow to ``…``, `…`, {…} in turn, then the first standalone A-F of either case not followed by a space and a letter',
  narrowers: [],
  steps: [step('lmms-mmsi-word-boundary', lmmsMmsiLetter)],
};
