/**
 * lmms-eval's EmbSpatial letter rule (EvolvingLMMs-Lab/lmms-eval@75571cfe,
 * lmms_eval/tasks/embspatial/utils.py `_extract_answer_letter`), re-implemented from its behaviour:
 * `re.match(r"[\(\s]*([A-Z])[\)\.\s]*", text.strip(), re.IGNORECASE)` — the first letter of the
 * stripped reply after any "(" and spaces, upper-cased, whatever follows it. So "The answer is B"
 * reads as T (wrong), "b) chair" as B, and "a chair" as A. No letter: "" (never right).
 */
import { PY_WS, pyStrip } from './python.js';
import type { ExtractStep } from './types.js';

// Python's IGNORECASE lets [A-Z] match 'ı' and 'İ' too (JS's `iu` folds only 'ſ' and the Kelvin sign).
const LEADING_LETTER = new RegExp(`^[(${PY_WS}]*([A-Zıİ])`, 'iu');

export function lmmsEmbSpatialLetter(reply: string): string {
  return LEADING_LETTER.exec(pyStrip(reply))?.[1]?.toUpperCase() ?? '';
}

export const lmmsEmbSpatialStep: ExtractStep = { name: 'lmms-embspatial-letter', run: (text) => lmmsEmbSpatialLetter(text) || null };
