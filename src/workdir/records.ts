/**
 * `M/M_D.jsonl`: the prediction records, the single source of truth for what was asked and
 * answered. Appended by the run as answers arrive (no validation on that hot path: the run builds
 * the records itself); every reader validates each line against the schema.
 */
import { z } from 'zod';
import type { Choice, Usage } from '../core/types.js';
import { parseWith } from './errors.js';
import { forEachJsonl } from './jsonl.js';
import type { Agree, DeepReadonly } from './readonly.js';

/** The record format the run header names in `formats.predictions`. */
export const PREDICTIONS_FORMAT = 'actial-eval/predictions@1';

/**
 * Text → text (category-like fields). An object with string values rather than `z.record`: JSON
 * keys are strings already, and not checking them again costs a fifth less on stores of 100k lines.
 */
export function stringMap(): z.ZodObject<Record<never, never>, z.core.$catchall<z.ZodString>> {
  return z.object({}).catchall(z.string());
}

export const choiceSchema = z.strictObject({
  letter: z.string().describe('option letter, A..Z'),
  text: z.string().describe('option text'),
});

export const usageSchema = z.strictObject({
  prompt_tokens: z.number().describe('tokens of the prompt (images included)'),
  completion_tokens: z.number().describe('tokens of the answer (reasoning included)'),
  total_tokens: z.number().describe('their sum'),
});

export const predictionRecordSchema = z.strictObject({
  index: z.string().describe("the dataset's row id (VLMEvalKit `index`), as text"),
  prompt_hash: z.string().describe('hash of the prompt and every sampling setting: the resume key (same hash and `ok`: never asked again)'),
  settings_hash: z.string().describe('hash of the sampling settings alone'),
  question_hash: z.string().optional().describe('hash of the prompt without settings, pairing rows across checkpoints in `compare` (absent in stores written before it existed)'),
  status: z.enum(['ok', 'failed']).describe('`failed`: no answer after every try; never scored as wrong, asked again by the next run'),
  prediction: z.string().describe("the answer's text content after the model's post-processing ('' when failed)"),
  raw_prediction: z.string().optional().describe('the text before post-processing (e.g. ActialChat keeps the `<answer>` content), when it differs'),
  reasoning: z.string().optional().describe('the separate reasoning field, when the server returns one'),
  error: z.string().optional().describe("why the request failed (the server's message)"),
  error_kind: z.enum(['transient', 'permanent']).optional().describe('`transient` errors were retried until the tries ran out; `permanent` ones were not retried'),
  http_status: z.number().int().optional().describe('HTTP status of the failed request, when there was one'),
  finish_reason: z.string().nullable().describe('`stop`, `length` (cut by max_tokens), …; null when failed'),
  usage: usageSchema.nullable().describe('token counts reported by the server; null when failed'),
  latency_ms: z.number().describe('time from the first try to the answer'),
  attempts: z.number().int().min(0).describe('tries it took'),
  endpoint_model: z.string().optional().describe('model id the server answered with'),
  endpoint: z.string().optional().describe('base URL (without credentials) of the server that answered, when the model has several'),
  time: z.string().describe('when the record was written (ISO 8601)'),
  question: z.string().optional().describe('the text parts of the prompt, so scoring and the judge need nothing else'),
  answer: z.string().describe('the gold answer (an option letter for MCQ)'),
  choices: z.array(choiceSchema).describe('the options as asked'),
  fields: stringMap().describe('category-like fields of the row (category, split, …) for breakdowns and grouping'),
});

export type PredictionRecord = DeepReadonly<z.infer<typeof predictionRecordSchema>>;

// The domain types a record embeds must stay what the schema reads (a compile error otherwise).
const choiceAgrees: Agree<Choice, DeepReadonly<z.infer<typeof choiceSchema>>> = true;
const usageAgrees: Agree<Usage, DeepReadonly<z.infer<typeof usageSchema>>> = true;
void choiceAgrees;
void usageAgrees;

/** The line a record is appended as. */
export function recordLine(record: PredictionRecord): string {
  return `${JSON.stringify(record)}\n`;
}

/**
 * Every complete line of a store, validated, in file order. A last line without its newline is a
 * write cut short by a kill and is not read (the store cuts it away and asks that row again); any
 * other line that is not a record is an error naming the line and the field.
 */
export async function forEachRecord(file: string, visit: (record: PredictionRecord, line: number) => void): Promise<void> {
  await forEachJsonl(file, (value, line) => visit(parseWith(predictionRecordSchema, value, file, line), line));
}

/** The record that counts for each index: the last one written. */
export async function readLatest(file: string): Promise<Map<string, PredictionRecord>> {
  const latest = new Map<string, PredictionRecord>();
  await forEachRecord(file, (record) => latest.set(record.index, record));
  return latest;
}
