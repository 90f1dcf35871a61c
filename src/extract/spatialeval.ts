/**
 * SpatialEval's official answer extraction and scoring, ported from
 * jiayuww/SpatialEval@d82ba382805265f205693cb83a30c4866ea6c35b:evals/evaluation.py
 * (`extract_answer_from_text_spatialmap`, `extract_answer_from_text_mazenav`,
 * `extract_answer_from_text_spatialgrid`, `convert_str_to_int`, `evaluate_model_accuracy`).
 *
 * Every regex keeps Python `re` semantics on str: `\s`, `\w`, `\d` and `\b` are Unicode-wide,
 * `.` stops only at '\n', `$` also matches before a final '\n', IGNORECASE folds 'İ' and 'ı' onto
 * i (hence `[iıİ]` for a literal i in case-insensitive patterns), int() reads any script's digits
 * and refuses runs over 4,300 digits (CPython 3.11's limit; the ValueError skips the line).
 * The cascades, their order and their quirks are the original's, including those that look like
 * bugs: "no" anywhere counts as 0 in a maze count, the Claude block count only keeps its last
 * pattern's match, an unparseable reply becomes Python's None, scored as the string "none".
 */
import { PY_BOUNDARY, PY_WORD, PY_WS, pyInt, pyStrip } from './python.js';
import type { ExtractStep } from './types.js';

export const SPATIALEVAL_TASKS = ['spatialmap', 'mazenav', 'spatialgrid', 'spatialreal'] as const;
export type SpatialEvalTask = (typeof SPATIALEVAL_TASKS)[number];

/**
 * Which extractor a line goes to: `task = id.split('.')[0]`, `question_id = int(id.split('.')[-1])`.
 * Spatial-Real has no branch in the script (the authors judged it with GPT-4o).
 */
export type SpatialEvalRoute =
  | { readonly task: 'spatialmap' | 'spatialgrid'; readonly qid: number }
  | { readonly task: 'mazenav'; readonly qid: 0 | 1 | 2 }
  | { readonly task: 'spatialreal'; readonly qid: number };

/** What the script makes of one line. */
export type SpatialEvalOutcome =
  /** `str(extracted)`: the text the oracle answer is looked for in. */
  | { readonly kind: 'answer'; readonly text: string }
  /** The extractor returned None; the script then scores the string "none". */
  | { readonly kind: 'none' }
  /** A ValueError: the line is skipped but stays in the denominator (wrong). */
  | { readonly kind: 'skipped'; readonly reason: string };

/**
 * The route of a dataset `id`, or why the official script could not score it: a non-integer
 * question id and an unknown task stop or corrupt its run (an unknown task reuses the previous
 * line's answer), and a maze question id other than 0–2 raises a KeyError.
 */
export function spatialEvalRoute(id: string): SpatialEvalRoute | string {
  const parts = id.split('.');
  return routeOf(parts[0] ?? '', parts[parts.length - 1] ?? '');
}

function routeOf(task: string, questionId: string): SpatialEvalRoute | string {
  const qid = pyInt(questionId);
  if (qid === null) return `int() of its last '.'-field '${questionId}' fails, which stops the official script`;
  switch (task) {
    case 'spatialmap':
    case 'spatialgrid':
    case 'spatialreal':
      return { task, qid };
    case 'mazenav':
      return qid === 0 || qid === 1 || qid === 2 ? { task, qid } : `Maze-Nav question id ${qid}: the official script knows 0, 1 and 2 (another raises a KeyError)`;
    default:
      return `task '${task}' (its first '.'-field) is not one of ${SPATIALEVAL_TASKS.join(', ')}`;
  }
}

const S = `[${PY_WS}]`;
const B = PY_BOUNDARY;
const D = '\\p{Nd}';
const I = '[iıİ]';
const NAME = `[${PY_WORD}${PY_WS}'’]`;
const DIR = `${B}(southeast|northeast|northwest|southwest)${B}`;
/** Python's `.` without DOTALL. */
const ANY = '[^\\n]';
/** Python's `$` without MULTILINE: the end, or just before a final newline. */
const END = '(?=\\n?$)';
const rx = (source: string, ignoreCase = false): RegExp => new RegExp(source, ignoreCase ? 'iu' : 'u');

/** number_mapping, in its (insertion) order. */
const NUMBER_WORDS: readonly (readonly [RegExp, string])[] = (
  [['zero', '0'], ['no', '0'], ['one', '1'], ['two', '2'], ['three', '3'], ['four', '4'], ['five', '5'], ['six', '6'], ['seven', '7'], ['eight', '8'], ['nine', '9']] as const
).map(([word, value]) => [rx(`${B}${word.replaceAll('i', I)}${B}`, true), value]);

/** CPython 3.11's default int_max_str_digits. */
const INT_MAX_STR_DIGITS = 4300;

class SkipLine extends Error {}

/** `str(int(digits))` for a `\d+` match; a ValueError past the length limit skips the line. */
function pyIntText(digits: string): string {
  const chars = [...digits];
  if (chars.length > INT_MAX_STR_DIGITS) throw new SkipLine(`int() of a ${chars.length}-digit number exceeds the 4300-digit limit`);
  // pyInt knows the digits of Unicode 14 (CPython 3.11's); a newer one is kept as it is.
  const ascii = chars.map((d) => String(pyInt(d) ?? d)).join('');
  return ascii.replace(/^0+(?=.)/, '');
}

/** `re.sub(r'[\.,\?!<]+$', '', s)`. */
const stripTrailingPunct = (s: string): string => s.replace(rx(`[.,?!<]+${END}`), '');

/** A code point offset (Python's `match.start()`) for a UTF-16 one. */
function pyIndex(text: string, utf16: number): number {
  return /[\ud800-\udfff]/.test(text) ? [...text.slice(0, utf16)].length : utf16;
}

const LIST_MARKER = rx(`^\\n\\n${D}+\\.${S}`);
const DIGITS = rx(`${D}+`);
const DIGITS_G = new RegExp(`${D}+`, 'gu');

/**
 * The number at the earliest position among number words and digit runs. The words' positions are
 * taken in the reply, the digits' after a leading "\n\n<n>. " list marker is cut off (as the script
 * does); at equal positions the word wins (a stable sort of words appended first).
 */
function earliestNumber(text: string): string | null {
  let word: { at: number; value: string } | null = null;
  for (const [pattern, value] of NUMBER_WORDS) {
    const m = pattern.exec(text);
    if (m === null) continue;
    const at = pyIndex(text, m.index);
    if (word === null || at < word.at) word = { at, value };
  }
  const cut = text.replace(LIST_MARKER, '');
  let digit: { at: number; value: string } | null = null;
  for (const m of cut.matchAll(DIGITS_G)) {
    // Every run is converted, so one too long skips the line even when it is not the earliest.
    const value = pyIntText(m[0]);
    digit ??= { at: pyIndex(cut, m.index), value };
  }
  if (word !== null && (digit === null || word.at <= digit.at)) return word.value;
  return digit?.value ?? null;
}

// ------------------------------------------------------------------------- Spatial-Map

const MAP_Q0_LETTER = rx(`${B}[A-D]\\.${S}*(southeast|northeast|northwest|southwest)${B}`, true);
const MAP_Q0_DIR = rx(DIR, true);

const LOCATED = `(?:located${S}+|${I}n${S}+the${S}+|located${S}+to${S}+the${S}+)`;
const LOCATED_OR_IN = `(?:located${S}+|${I}n${S}+the${S}+|${I}n${S}+|located${S}+to${S}+the${S}+)`;
const MAP_Q1_SENTENCE = rx(`^(${NAME}+?)${S}+${I}s${S}+${LOCATED}(${DIR})`, true);
const MAP_Q1_LETTER_TEXT = rx(`${B}[A-D]\\.${S}*(${ANY}*)`);
const MAP_Q1_LETTER = rx(`${B}([ABCD][.,]|[(][abcdABCD][)])${S}*(${ANY}*?)(?=${S}is${B}|\\.|,|<|\\n?$)`);
const MAP_Q1_THEREFORE = rx(`Therefore, the object ${I}n the ${DIR} of ${NAME}+ ${I}s (${NAME}+)`, true);
const MAP_Q1_CLAUDE = rx(`^(${NAME}+?)${S}+${I}s${S}+(to${S}+the${S}+)(${DIR})`, true);
const MAP_Q1_GEMINI = [
  rx(`\\*\\*Conc${I}se Answer:\\*\\*\\n(${NAME}+?)${S}+${I}s${S}+${LOCATED_OR_IN}(${DIR})`, true),
  rx(`\\*\\*Answer:\\*\\*${S}+(${NAME}+?)${S}+${I}s${S}+${I}n${S}+the${S}+(${DIR})${S}+of${S}+(${NAME}+)`, true),
  rx(`\\*\\*Answer:\\*\\*\\n(${NAME}+)`, true),
  rx(`\\*\\*Answer\\*\\*:${S}+(${NAME}+)`, true),
  rx(`\\*\\*Answer:\\*\\*${S}+(${NAME}+)`, true),
];
const MAP_Q1_GPT4O = rx(`Conc${I}se Answer:${S}+(${NAME}+?)${S}+${I}s${S}+${LOCATED_OR_IN}(${DIR})`, true);
const MAP_Q1_IS = rx(`${B}is${B}${S}+(${ANY}*?)(?=\\.|,|<|\\n?$)`);
const MAP_Q2_LETTER = rx(`${B}[A-D]\\.${S}*(${D}+)`);

function spatialMap(text: string, qid: number, modelName: string): string | null {
  if (qid === 0) return MAP_Q0_LETTER.exec(text)?.[1]?.toLowerCase() ?? MAP_Q0_DIR.exec(text)?.[1] ?? null;
  if (qid === 1) return spatialMapObject(text, modelName.toLowerCase());
  if (qid === 2) {
    const letter = MAP_Q2_LETTER.exec(text)?.[1];
    // convert_str_to_int: a ValueError (too many digits) returns the digits as they are.
    if (letter !== undefined) return [...letter].length > INT_MAX_STR_DIGITS ? letter : pyIntText(letter);
    return earliestNumber(text);
  }
  throw new SkipLine(`Question ID ${qid} is not supported.`);
}

/** Spatial-Map question 1 (which object): the script's cascade, first match wins. */
function spatialMapObject(text: string, model: string): string | null {
  const sentence = MAP_Q1_SENTENCE.exec(text);
  if (sentence !== null) return sentence[1] ?? '';
  const letterText = MAP_Q1_LETTER_TEXT.exec(text);
  if (letterText !== null) return pyStrip((letterText[1] ?? '').replaceAll('**', '').replaceAll('.', '').split(' is')[0] ?? '');
  // Group 1 is the option marker itself ("B," or "(b)"), not the text after it.
  const letter = MAP_Q1_LETTER.exec(text);
  if (letter !== null) return stripTrailingPunct(pyStrip(letter[1] ?? ''));
  const therefore = MAP_Q1_THEREFORE.exec(text);
  if (therefore !== null) return therefore[2] ?? '';
  if (model.includes('claude')) {
    const m = MAP_Q1_CLAUDE.exec(text);
    if (m !== null) return m[1] ?? '';
  }
  if (model.includes('geminiv')) {
    for (const pattern of MAP_Q1_GEMINI) {
      const m = pattern.exec(text);
      if (m !== null) return m[1] ?? '';
    }
  }
  if (model.includes('gpt4o')) {
    const m = MAP_Q1_GPT4O.exec(text);
    if (m !== null) return m[1] ?? '';
  }
  const is = MAP_Q1_IS.exec(text);
  return is === null ? null : stripTrailingPunct(pyStrip(is[1] ?? ''));
}

// ------------------------------------------------------------------------- Maze-Nav

const YES = [`${B}yes${B}`, `the answer ${I}s yes`, '"yes"', "'yes'", `${I}s the shortest path`].map((p) => rx(p, true));
const NO = [`${B}no${B}`, `the answer ${I}s no`, '"no"', "'no'", `${B}not${B}`].map((p) => rx(p, true));
const N = `(${D}+)`;
const RIGHT = `r${I}ght`;
const TURN_PATTERNS: Readonly<Record<0 | 1, readonly RegExp[]>> = {
  0: [
    `${B}There are${S}*${N}${S}*${RIGHT} turns${B}`,
    `${B}There ${I}s${S}*${N}${S}*${RIGHT} turn${B}`,
    `${B}${N}${S}+${RIGHT} turn(s)?`,
    `answer ${I}s${S}+${N}`,
    `answer ${I}s:${S}*\\n*${S}*${N}`,
    `from S to E ${I}s${S}+${N}`,
    `Answer:\\*\\*${S}*${N}${B}`,
  ].map((p) => rx(p, true)),
  1: [
    `${B}There are${S}*${N}${S}*total turns${B}`,
    `${B}There are${S}*${N}${S}*turns${B}`,
    `There ${I}s${S}*${N}${S}*turn${B}`,
    `There ${I}s${S}*${N}${S}*total turn${B}`,
    `answer ${I}s${S}+${N}`,
    `answer ${I}s:${S}*\\n*${S}*${N}`,
    `from S to E ${I}s${S}+${N}`,
    `${B}total of${S}+${N}${S}+turn(s)?`,
    `Answer:\\*\\*${S}*${N}${B}`,
    `${N}${S}+total turn(s)?`,
    `${B}${N}${S}+turn(s)?`,
  ].map((p) => rx(p, true)),
};

function mazeNav(text: string, qid: 0 | 1 | 2): string | null {
  if (qid === 2) {
    if (YES.some((p) => p.test(text))) return 'Yes';
    return NO.some((p) => p.test(text)) ? 'No' : null;
  }
  // A number word anywhere comes first, in the mapping's order ("... and no left turns" is 0).
  for (const [pattern, value] of NUMBER_WORDS) if (pattern.test(text)) return value;
  for (const pattern of TURN_PATTERNS[qid]) {
    const m = pattern.exec(text);
    if (m !== null) return pyIntText(m[1] ?? '');
  }
  const first = DIGITS.exec(text);
  return first === null ? null : pyIntText(first[0]);
}

// ------------------------------------------------------------------------- Spatial-Grid

const ANIMAL = rx(`${B}(g${I}raffe|cat|dog|elephant|rabb${I}t)${B}`, true);
/** Only the last of the script's three phrases counts: its `if match` sits after the loop. */
const CLAUDE_BLOCKS = rx(`${B}conta${I}ns${S}*${N}${S}*blocks${B}`, true);

function spatialGrid(text: string, qid: number, modelName: string): string | null {
  if (qid >= 1) return ANIMAL.exec(text)?.[1] ?? null;
  if (modelName.toLowerCase().includes('claude')) {
    const m = CLAUDE_BLOCKS.exec(text);
    if (m !== null) return pyIntText(m[1] ?? '');
  }
  return earliestNumber(text);
}

// ------------------------------------------------------------------------- the line

/**
 * What `evaluate_model_accuracy` makes of one reply, for the three tasks it scores. `modelName` is
 * the `<name>` of the script's `m-<name>_w_reason.jsonl`: names holding `claude`, `geminiv` or
 * `gpt4o` switch on extra patterns.
 */
export function spatialEvalExtract(text: string, route: Exclude<SpatialEvalRoute, { task: 'spatialreal' }>, modelName: string): SpatialEvalOutcome {
  try {
    const value =
      route.task === 'spatialmap' ? spatialMap(text, route.qid, modelName) : route.task === 'mazenav' ? mazeNav(text, route.qid) : spatialGrid(text, route.qid, modelName);
    return value === null ? { kind: 'none' } : { kind: 'answer', text: value };
  } catch (err) {
    if (err instanceof SkipLine) return { kind: 'skipped', reason: err.message };
    throw err;
  }
}

/** The Sample fields the steps read: the route of the row's id, and the oracle answer for the scorer. */
export const SPATIALEVAL_FIELDS = { task: 'task', questionId: 'question_id', oracleAnswer: 'oracle_answer' } as const;

/**
 * The script's verdict on a reply as three steps, so each scored row records which it was:
 * `<name>` (an answer), `<name>-none` (None, compared as "None"), `<name>-skipped` (a ValueError:
 * '' can hold no oracle answer); `name` tells the model-specific variants' steps apart. A Spatial-Real row, which the script has no rule
 * for, gets null from all three: the judge decides it, or it stays undecided.
 */
export function spatialEvalSteps(modelName: string, name = 'spatialeval'): readonly ExtractStep[] {
  let lastText: string | undefined;
  let lastRoute = '';
  let last: SpatialEvalOutcome | null = null;
  const outcome = (text: string, fields: Readonly<Record<string, string>> | undefined): SpatialEvalOutcome | null => {
    const task = fields?.[SPATIALEVAL_FIELDS.task];
    const qid = fields?.[SPATIALEVAL_FIELDS.questionId];
    if (task === undefined || qid === undefined) return null;
    // The three steps ask in turn about the same reply: extract it once.
    if (text === lastText && `${task}.${qid}` === lastRoute) return last;
    const route = routeOf(task, qid);
    last = typeof route === 'string' || route.task === 'spatialreal' ? null : spatialEvalExtract(text, route, modelName);
    lastText = text;
    lastRoute = `${task}.${qid}`;
    return last;
  };
  return [
    {
      name,
      run: (text, _choices, fields) => {
        const o = outcome(text, fields);
        return o?.kind === 'answer' ? o.text : null;
      },
    },
    { name: `${name}-none`, run: (text, _choices, fields) => (outcome(text, fields)?.kind === 'none' ? 'None' : null) },
    { name: `${name}-skipped`, run: (text, _choices, fields) => (outcome(text, fields)?.kind === 'skipped' ? '' : null) },
  ];
}

/** `int(str(oracle_answer).lower() in str(model_answer).lower())`: a substring test. */
export function spatialEvalCredit(extracted: string, oracleAnswer: string): number {
  return extracted.toLowerCase().includes(oracleAnswer.toLowerCase()) ? 1 : 0;
}
