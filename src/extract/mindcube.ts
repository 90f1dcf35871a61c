/**
 * MindCube's answer extraction, re-implemented from its rules. Reference: mll-lab-nu/MindCube
 * @ 6d8fd9ac, src/evaluation/core/extractors.py `extract_answer` (lmms-eval @ 75571cfe
 * lmms_eval/tasks/mindcube/utils.py carries the same function, byte for byte in its rules).
 *
 * The function tries stages in order and the first that finds a letter wins; each stage is one
 * step here, so the recorded method says which stage decided:
 * 1. the LAST `[A-E].` anywhere (so any "X." in the reply outranks everything else);
 * 2. inside the first `<Answer>` (case-sensitive: a lower-case `<answer>` tag is not seen) up to the
 *    next `<` or the end: the last match of the first of its five patterns that matches;
 * 3. eight patterns over the whole reply, the last match of the first that matches;
 * 4. the last line holding "X. words"; 5. from the bottom, the first line with a standalone A–E.
 * Stages 1 and 2 make several later patterns unreachable (every pattern with `\.`); they are kept
 * so the port reads as the original does.
 *
 * Python semantics kept: `\b` and `\s` are Unicode-aware (PY_BOUNDARY, PY_WS), and `$` without
 * MULTILINE also matches before a final newline (`(?=\n?$)` here). Letters are case-sensitive and
 * not checked against the item's options (an "E" on a four-option item is simply wrong).
 */
import { PY_BOUNDARY, PY_WS, pyStrip } from './python.js';
import type { ExtractStep, Narrower } from './types.js';

const B = PY_BOUNDARY;
const S = `[${PY_WS}]`;
/** Python's `$` without re.MULTILINE: the end, or just before a newline that ends the text. */
const END = '(?=\\n?$)';
const DESCRIPTION = `[A-Za-z0-9 \\-\\(\\)'",]`;
const DESCRIPTION_NO_COMMA = `[A-Za-z0-9 \\-\\(\\)'"]`;

const re = (source: string, flags = ''): RegExp => new RegExp(source, `u${flags}`);

const LETTER_DOT = re('([A-E])\\.', 'g');
const ANSWER_SECTION = re(`<Answer>([\\s\\S]*?)(?:<|${END})`);
const SECTION_PATTERNS = [
  re('[Mm]y answer is ([A-E])', 'g'),
  re('[Mm]y answer is ([A-E])\\.', 'g'),
  re('[Tt]he answer is ([A-E])', 'g'),
  re('(?:Answer: )?([A-E])\\.', 'g'),
  re(`${B}([A-E])${B}`, 'g'),
];
const PRIORITY_PATTERNS = [
  re(`(?:Answer: )?([A-E])\\. ${DESCRIPTION}+(?=(?:\\n|${END}|\\.|"))`, 'g'),
  re(`(?:Answer: )?([A-E])\\. ${DESCRIPTION_NO_COMMA}+`, 'g'),
  re(`(?:^|\\n)(?:Answer: )?([A-E])(?:\\.|${END}|${S})`, 'g'),
  re('[*"]([A-E])[*"]', 'g'),
  re(`${B}Answer:?${S}*([A-E])${B}`, 'g'),
  re('[Mm]y answer is ([A-E])', 'g'),
  re('[Mm]y answer is ([A-E])\\.', 'g'),
  re('answer is ([A-E])', 'g'),
];
const LINE_DESCRIPTION = re(`([A-E])\\. ${DESCRIPTION}+`);
const LINE_LETTER = re(`${B}([A-E])${B}`);
const WHITESPACE_RUN = re(`${S}+`, 'g');

/** Python's `list(re.finditer(p, text))[-1].group(1)`, or null without a match. */
function lastGroup(pattern: RegExp, text: string): string | null {
  let last: string | null = null;
  for (const m of text.matchAll(pattern)) last = m[1] ?? null;
  return last;
}

function firstPatternLast(patterns: readonly RegExp[], text: string): string | null {
  for (const p of patterns) {
    const found = lastGroup(p, text);
    if (found !== null) return found;
  }
  return null;
}

function answerSection(text: string): string | null {
  const section = ANSWER_SECTION.exec(text);
  return section === null ? null : firstPatternLast(SECTION_PATTERNS, section[1] ?? '');
}

function lastDescribedLine(text: string): string | null {
  let found: string | null = null;
  for (const line of text.split('\n')) found = LINE_DESCRIPTION.exec(line)?.[1] ?? found;
  return found;
}

function lowestLetterLine(text: string): string | null {
  const lines = text.split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const m = LINE_LETTER.exec(lines[i] as string);
    if (m !== null) return m[1] ?? null;
  }
  return null;
}

/** `if not text: return None` comes first in the original: an empty reply decides nothing. */
const guarded = (rule: (text: string) => string | null) => (text: string) => (text === '' ? null : rule(text));

export const MINDCUBE_STEPS: readonly ExtractStep[] = [
  { name: 'mindcube-letter-dot', run: guarded((t) => lastGroup(LETTER_DOT, t)) },
  { name: 'mindcube-answer-section', run: guarded(answerSection) },
  { name: 'mindcube-patterns', run: guarded((t) => firstPatternLast(PRIORITY_PATTERNS, t)) },
  { name: 'mindcube-line-description', run: guarded(lastDescribedLine) },
  { name: 'mindcube-line-letter', run: guarded(lowestLetterLine) },
];

/** `extract_answer(text)` as one function: for the tests and the mock-free cross-checks. */
export function mindcubeExtract(text: string): string | null {
  for (const step of MINDCUBE_STEPS) {
    const found = step.run(text, []);
    if (found !== null) return found;
  }
  return null;
}

/**
 * What the official pipeline scores is not the raw reply: its inference engines store
 * `ResponseProcessor.clean_response(reply)` (src/inference/utils.py): stripped, every whitespace
 * run collapsed to one space, "No response generated" for an empty reply and "Error: Generated
 * response too short" for a blank one. So no line
 * structure survives into the official score.
 */
export function mindcubeCleanResponse(text: string): string {
  if (text === '') return 'No response generated';
  const cleaned = pyStrip(text).replace(WHITESPACE_RUN, ' ');
  return cleaned === '' ? 'Error: Generated response too short' : cleaned;
}

export const mindcubeClean: Narrower = { name: 'mindcube-clean', narrow: mindcubeCleanResponse };

/** lmms-eval's mindcube_process_results calls extract_answer on `results[0].strip()`. */
export const pythonStrip: Narrower = { name: 'strip', narrow: pyStrip };

/**
 * The official setting of an item (extractors.py `get_setting_from_id`): the first of these words
 * the lower-cased id contains, else 'other'. 'translation' is tracked but left out of the overall
 * accuracy (base_metrics.py `settings_to_include`).
 */
export function officialSetting(id: string): string {
  const lower = id.toLowerCase();
  for (const setting of ['around', 'rotation', 'translation', 'among']) if (lower.includes(setting)) return setting;
  return 'other';
}

/** lmms-eval's type: the id's text before the first '_' (around and aroundnew → around), else 'other'. */
export function lmmsEvalSetting(id: string): string {
  const first = id.split('_', 1)[0] ?? '';
  if (first === 'among' || first === 'rotation') return first;
  return first === 'around' || first === 'aroundnew' ? 'around' : 'other';
}
