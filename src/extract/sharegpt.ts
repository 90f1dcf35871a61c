/**
 * How a ShareGPT record (LLaMA-Factory SFT data) is scored: its last assistant turn is the gold,
 * and the gold's own shape picks the rule, once per row (the row's `scoring` field):
 *
 * - `answer-tag`: the gold holds `<answer>…</answer>` (a CoT target such as Actial's
 *   `<think>…</think> <answer>A</answer>`): the content of the reply's first answer tag, stripped,
 *   must equal the gold's, exactly (Actial's accuracy rule);
 * - `option-letter`: else, when the question lists lettered options (`A: … B: …`, `A. …`,
 *   `(A) …`) and the gold names one (its letter, or its text): the letter read from the reply by the
 *   `robust` pipeline must be it;
 * - `exact-match`: else the reply (its last answer tag's content, else what follows its reasoning)
 *   and the gold must be equal after `normalizeAnswer`.
 */
import type { Choice } from '../core/types.js';
import { answerTagContent, outsideThink } from './narrow.js';
import { actialAnswerContent } from './actial-reward.js';
import { GENERIC_PIPELINES, runPipeline } from './pipelines.js';
import type { ExtractStep, Pipeline } from './types.js';
import { pyStrip } from './python.js';

export type ScoringForm = 'answer-tag' | 'option-letter' | 'exact-match';

/** The row field naming its form. */
export const SCORING_FIELD = 'scoring';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** An option marker: a capital letter then `.`, `:` or `)` (or in parentheses), after a space or the start. */
const MARKER = /(?:^|(?<=[\s(]))\(?([A-Z])(?:[.:]|\))(?=\s)/g;

/**
 * The lettered options a question lists, in order: consecutive letters from A, at least two, each
 * option's text running to the next marker (the last to the end of its line).
 */
export function questionOptions(question: string): Choice[] {
  const marks: { letter: string; start: number; end: number }[] = [];
  for (const m of question.matchAll(MARKER)) {
    const letter = m[1] as string;
    const mark = { letter, start: m.index, end: m.index + m[0].length };
    if (letter === LETTERS[marks.length]) marks.push(mark);
    // A lone "A." earlier in the question (a point's name) is no list: a later A starts over.
    else if (letter === 'A' && marks.length < 2) marks.splice(0, marks.length, mark);
  }
  if (marks.length < 2) return [];
  return marks.map((mark, i) => {
    const next = marks[i + 1];
    const rest = question.slice(mark.end, next === undefined ? undefined : next.start);
    const text = next === undefined ? (rest.split('\n')[0] ?? '') : rest;
    return { letter: mark.letter, text: pyStrip(text) };
  });
}

const GOLD_LETTER = /^\(?([A-Z])\)?(?:[.:)]|\s|$)/;

/** The option a gold answer names: its leading letter, or an option's whole text. */
export function goldOption(gold: string, choices: readonly Choice[]): string | null {
  const stripped = pyStrip(gold);
  const letter = GOLD_LETTER.exec(stripped)?.[1];
  if (letter !== undefined && choices.some((c) => c.letter === letter)) return letter;
  const lower = normalizeAnswer(stripped);
  return choices.find((c) => normalizeAnswer(c.text) === lower)?.letter ?? null;
}

/**
 * Case and spacing do not count, nor a final period: lower-cased (after Unicode NFKC), runs of
 * whitespace made one space, stripped, one trailing '.' dropped.
 */
export function normalizeAnswer(text: string): string {
  const collapsed = pyStrip(text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' '));
  return collapsed.endsWith('.') ? pyStrip(collapsed.slice(0, -1)) : collapsed;
}

export interface GoldKey {
  readonly form: ScoringForm;
  /** What the extracted answer must equal. */
  readonly answer: string;
  /** Set for option-letter rows: the options the question lists. */
  readonly choices: readonly Choice[];
  /** The Actial reward's ground truth. */
  readonly rewardTruth: string;
}

/** The form, comparison key and reward truth of a gold answer to `question`. */
export function goldKey(gold: string, question: string): GoldKey {
  const tag = actialAnswerContent(gold);
  if (tag !== null) return { form: 'answer-tag', answer: tag, choices: [], rewardTruth: tag };
  const choices = questionOptions(question);
  const letter = choices.length > 0 ? goldOption(gold, choices) : null;
  if (letter !== null) return { form: 'option-letter', answer: letter, choices, rewardTruth: letter };
  return { form: 'exact-match', answer: normalizeAnswer(gold), choices: [], rewardTruth: pyStrip(gold) };
}

const formOf = (fields: Readonly<Record<string, string>> | undefined): string | undefined => fields?.[SCORING_FIELD];

const answerTagStep: ExtractStep = {
  name: 'answer-tag',
  run: (text, _choices, fields) => (formOf(fields) === 'answer-tag' ? actialAnswerContent(text) : null),
};

const optionLetterStep: ExtractStep = {
  name: 'option-letter',
  run: (text, choices, fields) => (formOf(fields) === 'option-letter' ? runPipeline(GENERIC_PIPELINES.robust, text, choices).answer : null),
};

const exactMatchStep: ExtractStep = {
  name: 'exact-match',
  run: (text, _choices, fields) => (formOf(fields) === 'exact-match' ? normalizeAnswer(answerTagContent(text) ?? outsideThink(text) ?? text) : null),
};

/** Each row read by its own form's rule (on the raw reply: the tags are the rules' to read); the method names the rule. */
export const SHAREGPT_PIPELINE: Pipeline = {
  name: 'sharegpt',
  kind: 'text',
  input: 'raw',
  rule: "raw reply, by the gold's form: first <answer> content (answer-tag), else the robust pipeline's letter (option-letter), else normalised text (exact-match)",
  narrowers: [],
  steps: [answerTagStep, optionLetterStep, exactMatchStep],
};
