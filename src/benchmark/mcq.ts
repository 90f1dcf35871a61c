import type { Choice, DataRow, PromptPart, Sample, TsvPromptFields } from '../core/types.js';
import { DataError } from '../core/errors.js';

/** Letters VLMEvalKit scans for option columns. */
export const OPTION_LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('');

/**
 * pandas.read_csv turns these cell values into NaN, and VLMEvalKit drops NaN options and hints;
 * we read the same files, so we drop them too to ask the same question.
 */
const PANDAS_NA = new Set([
  '', '#N/A', '#N/A N/A', '#NA', '-1.#IND', '-1.#QNAN', '-NaN', '-nan', '1.#IND', '1.#QNAN', '<NA>', 'N/A',
  'NA', 'NULL', 'NaN', 'None', 'n/a', 'nan', 'null',
]);

export function isPandasNa(value: string | undefined): boolean {
  return value === undefined || PANDAS_NA.has(value);
}

export function readChoices(row: DataRow): Choice[] {
  const choices: Choice[] = [];
  for (const letter of OPTION_LETTERS) {
    const text = row.get(letter);
    if (!isPandasNa(text)) choices.push({ letter, text: text as string });
  }
  // VLMEvalKit reads option columns A–Z only; a 27th option in a column 'AA' would be dropped
  // silently and the question asked without it, so a file with one is refused.
  if (choices.length === OPTION_LETTERS.length && !isPandasNa(row.get('AA'))) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'AA' }, 'options continue past Z: expected at most 26 option columns A–Z (VLMEvalKit reads no others)');
  }
  return choices;
}

/** VLMEvalKit ImageMCQDataset.build_prompt, text part only. */
export function vlmevalkitMcqPrompt(question: string, choices: readonly Choice[], hint: string | undefined): string {
  let prompt = hint !== undefined ? `Hint: ${hint}\n` : '';
  prompt += `Question: ${question}\n`;
  if (choices.length > 0) {
    prompt += 'Options:\n';
    for (const c of choices) prompt += `${c.letter}. ${c.text}\n`;
    prompt += 'Please select the correct answer from the options above. \n';
  }
  return prompt;
}

export function requireCell(row: DataRow, column: string): string {
  const value = row.get(column);
  if (value === undefined) throw new DataError(row.file, { row: row.rowNumber, column }, `missing column '${column}'`);
  if (value === '') throw new DataError(row.file, { row: row.rowNumber, column }, `empty '${column}'; expected a value`);
  return value;
}

export function requireAnswerLetter(row: DataRow, choices: readonly Choice[], column = 'answer'): string {
  const answer = requireCell(row, column).trim();
  if (!choices.some((c) => c.letter === answer)) {
    const letters = choices.map((c) => c.letter).join(', ') || 'none';
    throw new DataError(row.file, { row: row.rowNumber, column }, `answer '${answer}' is not one of the row's options (${letters})`);
  }
  return answer;
}

export function pickFields(row: DataRow, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of names) {
    const v = row.get(name);
    if (v !== undefined) out[name] = v;
  }
  return out;
}

export interface McqRowOptions {
  /** Fields copied into the sample for breakdowns. */
  readonly fields: readonly string[];
}

/** A generic VLMEvalKit MCQ row → Sample: images first, then the MCQ prompt text. */
export async function vlmevalkitMcqSample(row: DataRow, options: McqRowOptions): Promise<Sample> {
  const index = requireCell(row, 'index');
  const question = requireCell(row, 'question');
  const choices = readChoices(row);
  if (choices.length < 2) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'A' }, `expected at least two option columns (A, B, ...) with text, found ${choices.length}`);
  }
  const answer = requireAnswerLetter(row, choices);
  const hint = tsvHint(row);
  const images = await row.images();
  const parts: PromptPart[] = images.map((image) => ({ kind: 'image', image }));
  parts.push({ kind: 'text', text: vlmevalkitMcqPrompt(question, choices, hint) });
  return { index, parts, choices, answer, fields: pickFields(row, options.fields), tsvPrompt: tsvPromptFields(question, hint, choices) };
}

/** The `hint` cell unless missing or NaN, as VLMEvalKit reads it. */
export function tsvHint(row: DataRow): string | undefined {
  const hint = row.get('hint');
  return isPandasNa(hint) ? undefined : hint;
}

/** What a model-side prompt builder reads of a VLMEvalKit TSV row (Sample.tsvPrompt). */
export function tsvPromptFields(question: string, hint: string | undefined, options: readonly Choice[]): TsvPromptFields {
  return hint === undefined ? { question, options } : { question, hint, options };
}

export interface ChoiceListRowOptions {
  /** Column with the row id (CV-Bench `idx`, BLINK `idx`). */
  readonly index: string;
  /** Column with the full prompt text sent to the model (the benchmark's own `prompt`). */
  readonly prompt: string;
  /** list<string> column of option texts, lettered A, B, … in order. */
  readonly choices: string;
  /** Column with the gold answer as `(A)` or `A`. */
  readonly answer: string;
  readonly fields: readonly string[];
  /** Text appended to the prompt (a benchmark's post-prompt). */
  readonly suffix?: string;
}

/** A HuggingFace-style MCQ row (choices as a list, answer as "(B)") → Sample: images, then the prompt. */
export async function choiceListSample(row: DataRow, o: ChoiceListRowOptions): Promise<Sample> {
  const index = requireCell(row, o.index);
  const texts = row.list(o.choices);
  if (texts === undefined || texts.length < 2) {
    throw new DataError(row.file, { row: row.rowNumber, column: o.choices }, 'expected a list of at least two option texts');
  }
  if (texts.length > OPTION_LETTERS.length) {
    throw new DataError(row.file, { row: row.rowNumber, column: o.choices }, `expected at most ${OPTION_LETTERS.length} options, found ${texts.length}`);
  }
  const choices = texts.map((text, i) => ({ letter: OPTION_LETTERS[i] as string, text }));
  const raw = requireCell(row, o.answer).trim();
  const letter = /^\(?([A-Z])\)?$/.exec(raw)?.[1];
  if (letter === undefined || !choices.some((c) => c.letter === letter)) {
    throw new DataError(row.file, { row: row.rowNumber, column: o.answer }, `answer '${raw}' is not one of the row's options (${choices.map((c) => `(${c.letter})`).join(', ')})`);
  }
  const images = await row.images();
  const parts: PromptPart[] = images.map((image) => ({ kind: 'image', image }));
  parts.push({ kind: 'text', text: requireCell(row, o.prompt) + (o.suffix ?? '') });
  return { index, parts, choices, answer: letter, fields: pickFields(row, o.fields) };
}
