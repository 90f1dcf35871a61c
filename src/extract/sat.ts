/**
 * SAT's two scoring rules, ported step for step so they decide as the originals do:
 *
 * - the authors' `QAAccuracy.update` (arijitray1993/SAT@d5dcb101:models/eval_funcs.py), which
 *   normalises a free-text reply and compares it with the answer TEXT;
 * - lmms-eval's `sat` task (EvolvingLMMs-Lab/lmms-eval@75571cfe:lmms_eval/tasks/sat/utils.py
 *   `MultiChoiceRegexFilter.apply`, then `Task.process_results`' strip and
 *   lmms_eval/api/metrics.py `exact_match_hf_evaluate` with ignore_case and ignore_punctuation).
 *
 * Python `str.strip`, `re`'s `\w`/`\s`/`\b` come from python.ts; `str.split(sep)[i]` is JS
 * `split(sep)[i]` (same for a non-empty separator), an index past the end being Python's IndexError.
 */
import type { ExtractStep } from './types.js';
import { PY_BOUNDARY, PY_WORD, PY_WS, pyStrip } from './python.js';

// ------------------------------------------------------------------ the authors' QAAccuracy

/**
 * The phrases QAAccuracy.update looks for in the lowercased prompt (`gt['prompts'][0]`, the whole
 * LLaVA prompt of the row) to pick a question-specific rule, in the order it tests them.
 */
export const QA_PROMPT_PHRASES = ['which object is closer', 'is the camera moving', 'considering the relative positions'] as const;
export type QaPromptPhrase = (typeof QA_PROMPT_PHRASES)[number];

/** The phrases present in a prompt, as QAAccuracy.update tests them (`in gt_question.lower()`). */
export function qaPromptPhrases(prompt: string): QaPromptPhrase[] {
  const lower = prompt.toLowerCase();
  return QA_PROMPT_PHRASES.filter((p) => lower.includes(p));
}

/** The whole reply, stripped (`pred_answers = output[0].strip()`); QAAccuracy reads on from there. */
export const satReply: ExtractStep = { name: 'sat-reply', run: (text) => pyStrip(text) };

const low = (s: string): string => pyStrip(s).toLowerCase();
/** `s.split(sep)[0]`. */
const before = (s: string, sep: string): string => s.split(sep)[0] as string;
/** `s.split(sep)[1]`, or undefined where Python raises IndexError (no `sep` in `s`). */
const second = (s: string, sep: string): string | undefined => s.split(sep)[1];

/** The text after `###Assistant:` up to the next `###`, else (the `except` branch) before the first `###`. */
function afterAssistant(pred: string): string {
  const rest = second(pred, '###Assistant:');
  return low(before(rest ?? pred, '###'));
}

/** `format_answer` before the question rules, or null where the original raises. */
function formatAnswer(pred: string, gold: string): string | null {
  let answer = low(before(pred, '###'));
  if (answer === '') {
    if (pred.includes('###Assistant')) answer = afterAssistant(pred);
    else if (pred.includes('###Human')) {
      const rest = second(pred, '###Human:');
      // Its `except` branch indexes split("###Assistant:")[1], which this branch knows is absent.
      if (rest === undefined) return null;
      answer = low(before(rest, '###'));
    } else answer = before(low(before(pred, '###')), '.');
  }
  // The raw gold answer, case-sensitive: "Yes" does not take this branch.
  if ((gold === 'yes' || gold === 'no') && answer !== 'yes' && answer !== 'no') answer = afterAssistant(pred);
  if (answer === 'ight') answer = 'right';
  // Replaces every occurrence, so a right "night stand" becomes "nnight stand" (and is then wrong).
  if (answer.includes('ight stand')) answer = answer.replaceAll('ight stand', 'night stand');
  return answer;
}

/** The word before " is closer" (etc.), for prompts asking which object is closer. */
const CLOSER_FORMS = ['is closer', 'are closer', 'is situated closer', 'are situated closer'] as const;

/** The question-specific rules, each reading `format_answer`; a later one overrides an earlier one. */
function questionRules(answer: string, phrases: readonly QaPromptPhrase[]): string | null {
  let word = answer;
  if (phrases.includes('which object is closer')) {
    const form = CLOSER_FORMS.find((f) => answer.includes(f));
    if (form !== undefined) word = low(before(answer, ` ${form}`).split(' ').at(-1) as string);
  }
  if (phrases.includes('is the camera moving') && answer.includes('moving')) {
    const rest = second(answer, 'moving ');
    if (rest === undefined) return null;
    const moved = low(before(rest, ' '));
    word = moved === 'clockwise' ? 'left' : moved === 'counter-clockwise' ? 'right' : moved;
  }
  if (phrases.includes('considering the relative positions') && answer.includes('is located to')) {
    word = answer.includes('right') ? 'right' : 'left';
  }
  return word;
}

/** The rules every reply goes through last; null where the original raises. */
function generalRules(start: string): string | null {
  let word = start;
  if (word.includes('(highlighted by')) word = low(before(word, '(highlighted by'));
  // Tested for "(marked by" but split at "(highlighted by": only strips and lowercases.
  if (word.includes('(marked by')) word = low(before(word, '(highlighted by'));
  if (word.includes('1.')) word = low(word.split('1.')[1] as string);
  // After this rule the word has no space, so the "is located on the" rule below never applies.
  for (const phrase of ['is located', 'is located on the', 'answer:']) {
    if (!word.includes(phrase)) continue;
    const rest = second(word, phrase === 'answer:' ? 'answer: ' : `${phrase} `);
    if (rest === undefined) return null;
    word = low(before(rest, ' '));
  }
  return word;
}

/**
 * The normalised reply QAAccuracy.update compares with the gold answer, or null where the original
 * raises IndexError (and so stops the whole evaluation): a reply `###Human …` with no colon,
 * "moving" at the end of a camera-motion reply, "is located" or "answer:" with no space after it.
 * `reply` is already stripped (satReply). The BLINK-only rule (`"BLINK" in data_name`) never
 * applies to SAT's dataset names (`realsat_<type>`).
 */
export function qaAccuracyAnswer(reply: string, gold: string, phrases: readonly QaPromptPhrase[]): string | null {
  const answer = formatAnswer(pyStrip(reply), gold);
  if (answer === null) return null;
  const word = questionRules(answer, phrases);
  return word === null ? null : generalRules(word);
}

/** The gold answer as QAAccuracy compares it: lowercased, stripped, parentheses removed. */
export function qaAccuracyGold(gold: string): string {
  return low(gold).replaceAll('(', '').replaceAll(')', '');
}

/** QAAccuracy's verdict: the normalised reply equals the normalised gold (a raising reply scores 0 here). */
export function qaAccuracyCorrect(reply: string, gold: string, phrases: readonly QaPromptPhrase[]): boolean {
  return qaAccuracyAnswer(reply, gold, phrases) === qaAccuracyGold(gold);
}

// ------------------------------------------------------------------ lmms-eval's sat filter

const NON_WORD = new RegExp(`[^${PY_WORD}${PY_WS}]`, 'gu');

/** The filter's `cleaned_resp`: every character that is neither `\w` nor `\s` removed, then stripped. */
export const lmmsSatClean: ExtractStep = { name: 'lmms-sat-clean', run: (text) => pyStrip(text.replace(NON_WORD, '')) };

const QUESTION_OPTION = new RegExp(`${PY_BOUNDARY}([A-Z])\\.[${PY_WS}]+([^\\n]*)`, 'gu');

/**
 * The option texts the filter parses out of `doc["question"]` (`\b([A-Z])\.\s+([^\n]*)`, each
 * stripped). SAT's questions hold no options, so this is almost always empty; when a question has
 * "… point B. …" the text after it counts as an option, lettered A, B, … in order of appearance.
 */
export function lmmsQuestionOptions(question: string): string[] {
  return [...question.matchAll(QUESTION_OPTION)].map((m) => pyStrip(m[2] ?? ''));
}

const escapeRegex = (s: string): string => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * The filter's output for one cleaned reply: the letter of the first question option found in it
 * (a later duplicate text keeps the later letter, as the dict does), else the reply; then its first
 * space-separated token (only " " splits: "B\nBecause" stays one token).
 */
export function lmmsSatFilter(cleaned: string, questionOptions: readonly string[]): string {
  const letterOf = new Map<string, string>();
  questionOptions.forEach((text, i) => letterOf.set(text, String.fromCharCode(65 + i)));
  // re.compile("|".join(...)): with no options the empty pattern, which matches "" (never a key then).
  const found = new RegExp(questionOptions.map(escapeRegex).join('|')).exec(cleaned);
  const filtered = found !== null && letterOf.has(found[0]) ? (letterOf.get(found[0]) as string) : cleaned;
  return filtered.split(' ')[0] as string;
}

/** ASCII punctuation (`string.punctuation`), which exact_match's ignore_punctuation removes. */
const ASCII_PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;

/** exact_match_hf_evaluate(ignore_case, ignore_punctuation) of the stripped filter output and the target. */
export function lmmsExactMatch(filtered: string, target: string): boolean {
  const norm = (s: string): string => s.toLowerCase().replace(ASCII_PUNCTUATION, '');
  return norm(pyStrip(filtered)) === norm(target);
}
