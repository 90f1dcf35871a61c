import type { Choice, DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import type { Benchmark, Grouping, MetricSpec, Protocol, Scorer } from '../src/benchmark/types.js';
import { OPTION_LETTERS, requireCell } from '../src/benchmark/mcq.js';
import { CIRCULAR_MOD } from '../src/score/grouping.js';
import {
  lmmsExactMatch, lmmsQuestionOptions, lmmsSatClean, lmmsSatFilter, QA_PROMPT_PHRASES, qaAccuracyCorrect, qaPromptPhrases, satReply,
  type QaPromptPhrase,
} from '../src/extract/sat.js';
import type { Pipeline } from '../src/extract/types.js';
import { pyStrip } from '../src/extract/python.js';

/**
 * SAT, Spatial Aptitude Training (array/SAT; arijitray1993/SAT@d5dcb101): two-option questions on
 * one or two images, options given as texts. No VLMEvalKit class exists for it. The dataset name
 * chooses the prompt, and with it the protocols that can read the replies (one run asks one prompt):
 *
 * - `SAT` (SAT_test.parquet, the 150 real-image items) and `SAT_val` (SAT_val.parquet, 4K synthetic):
 *   the authors' prompt. Their real-test loader (custom_datasets/dataloaders.py RealSATDynamic, whose
 *   JSON is private) asks every item twice, options (distractor, answer) then (answer, distractor),
 *   prefixes ego-movement questions, and formats the LLaVA prompt (format_prompts, llava branch).
 *   Here row k of an item (index orig + 1e6·k) lists `answers` rotated by k: for two options, the
 *   stored order then the reverse. The order is fixed, not shuffled (their format_prompts reshuffles
 *   each copy with an unseeded random.shuffle, so their two copies need not even differ).
 *   What is sent is what their own scripts send a non-LLaVA model (scripts/zero_shot_experiments/
 *   evaluate_molmo7b_realsat.py): `prompt.split("Human: Answer in natural language.")[-1]
 *   .split("###Assistant")[0]`, the LLaVA user turn without its system line, image tokens and
 *   "Answer in natural language.", spaces kept; the images go before it.
 *   Protocols: `mean-over-orders` (primary: QAAccuracy over the doubled items, the authors' number),
 *   `both-orders` (an item counts only when every order is right), each with per-type accuracy.
 * - `SAT_lmms` (lmms-eval's re-host nv-njb/SAT, options pre-shuffled, `correct_answer_idx`):
 *   lmms-eval's `sat` prompt, lettered options, one row per item; protocol `lmms-eval`.
 *
 * Either schema is read by either name: `correct_answer` (a text among `answers`) or
 * `correct_answer_idx`. An array/SAT file named `SAT_lmms` is asked in its stored option order.
 */

/** RealSATDynamic.get_prefix('ego_movement'). */
export const EGO_PREFIX = 'The first image is from the beginning of the video and the second image is from the end. ';
/** The LLaVA-v0 system line format_prompts starts with. */
export const LLAVA_SYSTEM =
  "A chat between a curious human and an artificial intelligence assistant. The assistant gives helpful, detailed, and polite answers to the human's questions.";
/** sat_doc_to_text's hint (lmms-eval@75571cfe:lmms_eval/tasks/sat/utils.py), without its newline. */
export const LMMS_HINT =
  'When multiple images are provided, You want to realize that when camera moves left, the objects in the image move right, and vice versa. And when you are asked about the movement of the same object captured in different images, you can compare the position of the object relative to other objects in the image to answer the question.';
export const LMMS_INSTRUCTION = 'Only output the letter of the correct option and nothing else.';

const TYPE = 'question_type';
/** The QAAccuracy prompt phrases a row's prompt holds ('|'-joined), when it holds any. */
const PROMPT_PHRASES = 'authors_prompt_rules';
/** lmms-eval's filter takes "X. text" in the question as options ('\n'-joined), when there are any. */
const QUESTION_OPTIONS = 'lmms_question_options';

// ------------------------------------------------------------------ the authors' prompt

/** RealSATDynamic.__getitem__: `f"{prefix} {question}"`, so one leading space (two after the ego prefix). */
export function authorsQuestion(question: string, questionType: string): string {
  return `${questionType === 'ego_movement' ? EGO_PREFIX : ''} ${question}`;
}

/** format_prompts (llava branch, mode val) with the options in this order. */
export function llavaPrompt(images: number, question: string, options: readonly string[]): string {
  const prompt = `${LLAVA_SYSTEM}###Human: <im_start>${'<image>'.repeat(images)}<im_end> \nHuman: Answer in natural language. ${question} Answer the question using a single word or phrase. `;
  if (options.length <= 1) return `${prompt}###Assistant: \n`;
  return `${prompt}Choose between the following options: ${options.map((o) => `"${o}"`).join(' or ')}. ###Assistant: \n`;
}

/** The authors' cut for non-LLaVA models (evaluate_molmo7b_realsat.py), split for split. */
export function chatPrompt(llava: string): string {
  return (llava.split('Human: Answer in natural language.').at(-1) as string).split('###Assistant')[0] as string;
}

// ------------------------------------------------------------------ rows

interface Item {
  readonly question: string;
  readonly options: readonly string[];
  /** 0-based position of the right option in `options`. */
  readonly gold: number;
  readonly questionType: string | undefined;
}

function readOptions(row: DataRow): readonly string[] {
  const options = row.list('answers');
  if (options === undefined || options.length === 0) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'answers' }, 'expected a non-empty list of option texts');
  }
  if (options.length > OPTION_LETTERS.length) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'answers' }, `${options.length} options; expected at most ${OPTION_LETTERS.length}`);
  }
  return options;
}

/**
 * The right option: `correct_answer_idx` (nv-njb/SAT's, what lmms-eval reads) when the file has it,
 * else `correct_answer` (array/SAT's: one of the texts).
 */
function readGold(row: DataRow, options: readonly string[]): number {
  const index = row.get('correct_answer_idx');
  if (index !== undefined) {
    const at = /^\d+$/.test(index) ? Number(index) : Number.NaN;
    if (!(at < options.length)) {
      throw new DataError(row.file, { row: row.rowNumber, column: 'correct_answer_idx' }, `'${index}' is not the position of one of the row's ${options.length} answers (0-based)`);
    }
    return at;
  }
  const text = row.get('correct_answer');
  if (text === undefined) throw new DataError(row.file, { row: row.rowNumber }, `missing column 'correct_answer' or 'correct_answer_idx'; the file has columns: ${row.columns.join(', ')}`);
  const at = options.indexOf(text);
  if (at < 0) throw new DataError(row.file, { row: row.rowNumber, column: 'correct_answer' }, `'${text}' is not one of the row's answers (${options.join(' | ')})`);
  return at;
}

function readItem(row: DataRow): Item {
  const question = requireCell(row, 'question');
  const options = readOptions(row);
  // Required for the authors' prompt (their prefix depends on it); read for the breakdown when present.
  const questionType = row.get(TYPE) === undefined ? undefined : requireCell(row, TYPE);
  return { question, options, gold: readGold(row, options), questionType };
}

/** The item's position in its file: HF `dataset[split][i]`. */
function rowIndex(row: DataRow): number {
  return row.rowNumber - 1;
}

async function imageParts(row: DataRow): Promise<PromptPart[]> {
  return (await row.images()).map((image) => ({ kind: 'image', image }));
}

/** Every order of the item's options (rotation k), asked with the authors' prompt. */
async function authorsSamples(row: DataRow): Promise<Sample[]> {
  const item = readItem(row);
  const type = requireCell(row, TYPE);
  const orig = rowIndex(row);
  if (orig >= CIRCULAR_MOD) throw new DataError(row.file, { row: row.rowNumber }, `rows past ${CIRCULAR_MOD}: the orders of an item are numbered orig + ${CIRCULAR_MOD}·k`);
  const images = await imageParts(row);
  const question = authorsQuestion(item.question, type);
  const answer = item.options[item.gold] as string;
  return item.options.map((_, k) => {
    const order = item.options.map((__, j) => item.options[(j + k) % item.options.length] as string);
    const llava = llavaPrompt(images.length, question, order);
    const phrases = qaPromptPhrases(llava);
    const fields = { [TYPE]: type, ...(phrases.length > 0 ? { [PROMPT_PHRASES]: phrases.join('|') } : {}) };
    return { index: String(orig + CIRCULAR_MOD * k), parts: [...images, { kind: 'text', text: chatPrompt(llava) }], choices: [], answer, fields };
  });
}

/** sat_doc_to_text: the stripped question, the hint, a blank line, "A. …" lines, a blank line, the instruction. */
export function lmmsPrompt(question: string, options: readonly string[]): string {
  const lines = options.map((o, i) => `${OPTION_LETTERS[i] as string}. ${o}\n`).join('');
  return `${pyStrip(question)}\n${LMMS_HINT}\n\n${lines}\n${LMMS_INSTRUCTION}`;
}

async function lmmsSample(row: DataRow): Promise<Sample> {
  const item = readItem(row);
  const choices: Choice[] = item.options.map((text, i) => ({ letter: OPTION_LETTERS[i] as string, text }));
  const fromQuestion = lmmsQuestionOptions(item.question);
  const fields = {
    ...(item.questionType !== undefined ? { [TYPE]: item.questionType } : {}),
    ...(fromQuestion.length > 0 ? { [QUESTION_OPTIONS]: fromQuestion.join('\n') } : {}),
  };
  const parts = [...(await imageParts(row)), { kind: 'text' as const, text: lmmsPrompt(item.question, item.options) }];
  return { index: String(rowIndex(row)), parts, choices, answer: OPTION_LETTERS[item.gold] as string, fields };
}

// ------------------------------------------------------------------ scoring

const phrasesOf = (fields: Readonly<Record<string, string>>): QaPromptPhrase[] =>
  QA_PROMPT_PHRASES.filter((p) => (fields[PROMPT_PHRASES] ?? '').split('|').includes(p));

const AUTHORS_RULE: Pipeline = { name: 'sat-reply', rule: 'the reply, stripped; QAAccuracy then parses it against the gold text', kind: 'text', narrowers: [], steps: [satReply] };
/** QAAccuracy.update; a reply on which the original raises (and stops the evaluation) is wrong here. */
const QA_ACCURACY: Scorer = { name: 'sat-qa-accuracy', credit: (extracted, answer, fields) => (qaAccuracyCorrect(extracted ?? '', answer, phrasesOf(fields)) ? 1 : 0) };

const LMMS_RULE: Pipeline = { name: 'lmms-sat-clean', rule: 'lmms-eval MultiChoiceRegexFilter: every non-word, non-space character removed, stripped; its first word is compared', kind: 'text', narrowers: [], steps: [lmmsSatClean] };
const LMMS_EXACT_MATCH: Scorer = {
  name: 'lmms-sat-exact-match',
  credit: (extracted, answer, fields) => {
    const fromQuestion = fields[QUESTION_OPTIONS];
    return lmmsExactMatch(lmmsSatFilter(extracted ?? '', fromQuestion === undefined ? [] : fromQuestion.split('\n')), answer) ? 1 : 0;
  },
};

const ORDERS: Grouping = { kind: 'circular-index' };
const byType = (overall: string): MetricSpec[] => [{ kind: 'accuracy', name: overall }, { kind: 'per-value', field: TYPE }];
const authors = { extract: AUTHORS_RULE, scorer: QA_ACCURACY, metrics: byType('Overall'), headline: 'Overall' } as const;

const AUTHORS_PROTOCOLS: readonly Protocol[] = [
  // The orders of an item are answered alike more often than two items: intervals resample them together.
  { name: 'mean-over-orders', roles: ['primary'], grouping: { kind: 'row' }, cluster: ORDERS, ...authors },
  { name: 'both-orders', roles: [], grouping: ORDERS, ...authors },
];

const TEST = /(^|\/)SAT_test\.parquet$/;
const VAL = /(^|\/)SAT_val\.parquet$/;
const COLUMNS = ['image_bytes', 'question', 'answers'];

export const sat: Benchmark = {
  id: 'sat',
  title: "SAT (two-option spatial questions; the authors' prompt, asked in both option orders)",
  dataClasses: ['SAT'],
  datasetNames: ['SAT', 'SAT_val'],
  fileForms: ['Parquet: SAT_test.parquet (SAT), SAT_val.parquet (SAT_val), from array/SAT'],
  parquet: {
    toSample: async (row) => (await authorsSamples(row))[0] as Sample,
    toSamples: authorsSamples,
    imageColumns: ['image_bytes'],
    requiredColumns: [...COLUMNS, TYPE],
    files: TEST,
  },
  hf: { repo: 'array/SAT', datasets: { SAT: TEST, SAT_val: VAL }, downloads: { SAT: ['SAT_test.parquet'], SAT_val: ['SAT_val.parquet'] } },
  protocols: AUTHORS_PROTOCOLS,
  shardGrouping: ORDERS,
};

/** push_to_hub's `data/test-*.parquet`; the exact file name is not known here, so it is not downloaded. */
const LMMS_TEST = /(^|\/)test-[^/]*\.parquet$/;

export const satLmms: Benchmark = {
  id: 'sat-lmms',
  title: "SAT as lmms-eval's `sat` task asks it (nv-njb/SAT; lettered options, one order)",
  dataClasses: [],
  datasetNames: ['SAT_lmms'],
  fileForms: ['Parquet: nv-njb/SAT test split (data/test-*.parquet), or an array/SAT file'],
  parquet: { toSample: lmmsSample, imageColumns: ['image_bytes'], requiredColumns: COLUMNS, files: LMMS_TEST },
  hf: { repo: 'nv-njb/SAT', datasets: { SAT_lmms: LMMS_TEST } },
  protocols: [
    {
      name: 'lmms-eval',
      roles: ['primary', 'twin:lmms-eval'],
      extract: LMMS_RULE,
      scorer: LMMS_EXACT_MATCH,
      grouping: { kind: 'row' },
      // lmms-eval prints exact_match only; the per-type accuracies are ours.
      metrics: byType('exact_match'),
      headline: 'exact_match',
    },
  ],
};

export const SAT_BENCHMARKS: readonly Benchmark[] = [sat, satLmms];
