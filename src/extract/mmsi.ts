/**
 * MMSI-Bench's official answer extraction, re-implemented from its rules.
 * Reference: InternRobotics/MMSI-Bench README "Answer Extraction" (`extract_single_choice_with_word_boundary`),
 * the same function in lmms-eval lmms_eval/tasks/mmsi_bench/utils.py. The benchmark prompts for
 * "Enclose the option's letter within ``", so the text is narrowed step by step, each step working
 * on the previous one's result: the first ``…``, then the first `…`, then the first {…}; in what
 * is left, the first standalone capital A–D that is not followed by a space and a letter (so the
 * article in "A bike" is skipped). If a narrowing leaves no such letter the answer is undecided;
 * nothing falls back to the unnarrowed text, as in the original.
 *
 * The letter set is fixed at A–D whatever the question's options are, as in the original.
 * (Actial's bundled copy, VLMEvalKit/vlmeval/dataset/mmsi_bench.py, predates the {…} step.)
 */
import { PY_WS } from './python.js';
import type { ExtractStep } from './types.js';

const DOUBLE_BACKTICKS = /``([^`]*)``/;
const BACKTICKS = /`([^`]*)`/;
const BRACES = /\{([^}]*)\}/;

/**
 * `\b[A-D]\b(?!\s[a-zA-Z])` with Python's Unicode word boundaries: a word character there is a
 * letter, a number or '_' of any script (JS `\b` knows only ASCII, so "éA" would wrongly match).
 */
const LONE_LETTER = new RegExp(`(?<![\\p{L}\\p{N}_])([A-D])(?![\\p{L}\\p{N}_])(?![${PY_WS}][a-zA-Z])`, 'u');

/** Applies one narrowing: the first match's group, or the text unchanged when there is none. */
function narrowBy(pattern: RegExp, text: string): string {
  const m = pattern.exec(text);
  return m === null ? text : (m[1] ?? '');
}

export function mmsiLetterOf(text: string): string | null {
  let t = narrowBy(DOUBLE_BACKTICKS, text);
  t = narrowBy(BACKTICKS, t);
  t = narrowBy(BRACES, t);
  return LONE_LETTER.exec(t)?.[1] ?? null;
}

export const mmsiWordBoundary: ExtractStep = { name: 'mmsi-word-boundary', run: (text) => mmsiLetterOf(text) };
