/**
 * ViewSpatial-Bench's official answer rule, re-implemented from ZJU-REAL/ViewSpatial-Bench@2e85a5e4
 * evaluate.py (`extract_option`, and `evaluate_vlm`, which applies it to the reply's last line);
 * lmms-eval@75571cfe lmms_eval/tasks/viewspatial/utils.py has the same two lines.
 *
 * The reply is split on "\n" (Python `str.split("\n")`, so a trailing newline leaves an empty last
 * line and no answer), and the first standalone A–D of the last line, in either case, is the
 * answer: a lower-case article ("a bed") reads as option A, exactly as the official script does.
 * A standalone letter uses Python's Unicode word boundaries (letters, numbers and '_' of any script).
 */
import { PY_WORD } from './python.js';
import type { ExtractStep } from './types.js';

const LONE_LETTER = new RegExp(`(?<![${PY_WORD}])([A-Da-d])(?![${PY_WORD}])`, 'u');

/** `extract_option`: the first standalone A–D (any case), upper-cased, or null. */
export function viewSpatialOption(text: string): string | null {
  return LONE_LETTER.exec(text)?.[1]?.toUpperCase() ?? null;
}

/** The official reading of a whole reply: `extract_option` of its last line. */
export function viewSpatialAnswer(reply: string): string | null {
  const lines = reply.split('\n');
  return viewSpatialOption(lines[lines.length - 1] ?? '');
}

export const viewSpatialLastLine: ExtractStep = { name: 'viewspatial-last-line', run: (text) => viewSpatialAnswer(text) };
