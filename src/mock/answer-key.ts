/**
 * The mock's answer key: gold answers indexed by a hash of the question text, so the mock can
 * be right or wrong on purpose (simulating a checkpoint with a known accuracy).
 *
 * The mock never learns the gold answers from the requests it serves: whoever starts it hands it a
 * lookup (`AnswerLookup`), read from a JSONL file (`mock-server --answer-key FILE`, written by
 * `actial-eval answer-key`) or built in memory by the CLI for `"api_base": "mock"` models.
 *
 * One JSONL line per data row:
 *   {"key": questionKey(user texts), "answer": "B", "letters": ["A","B","C"],
 *    "options": ["left","right","behind"], "group": "MMSIBench_circular:17"}
 * `options` (the option texts, in the order of `letters`) and `group` are optional. Rows sharing a
 * `group` are one scored unit, e.g. the rotations of a circular question (the same options under
 * shifted letters): the mock draws right or wrong once per group, and when wrong it picks the same
 * wrong option TEXT in every row of the group, as a model that holds one belief about the question
 * would. Without `group` every row is drawn on its own (by its key).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { parseJsonLine } from './json-line.js';

export interface AnswerKeyEntry {
  /** The correct option's letter (or, for a question without letters, the gold text). */
  readonly answer: string;
  /** Every option letter of the row, in prompt order. */
  readonly letters: readonly string[];
  /** The option texts, in the order of `letters`: lets a wrong answer be the same text in every rotation. */
  readonly options?: readonly string[];
  /** Rows with the same group are answered alike (right on all, or wrong with the same option text). */
  readonly group?: string;
}

/** How the mock finds a request's entry: by questionKey of its user texts; undefined = not in the key. */
export type AnswerLookup = (questionKey: string) => AnswerKeyEntry | undefined;

/**
 * Identifies a question by the text parts of its user message(s), in order. Images are left out
 * on purpose: the harness and the mock must agree without either hashing megabytes of pixels.
 */
export function questionKey(texts: readonly string[]): string {
  return createHash('sha256').update(texts.join('\n')).digest('hex').slice(0, 24);
}

/** One line of an answer-key file, as `loadAnswerKey` reads it back. */
export function answerKeyLine(key: string, entry: AnswerKeyEntry): string {
  return JSON.stringify({ key, ...entry });
}

const EXPECTED = 'expected {"key": string, "answer": string, "letters": [string, ...], "options"?: [string, ...], "group"?: string}';
const nonEmpty = (field: string): z.ZodString => z.string({ error: `"${field}" must be a non-empty string` }).min(1, { error: `"${field}" must be a non-empty string` });
const stringList = (field: string): z.ZodArray<z.ZodString> =>
  z.array(z.string().min(1), { error: `"${field}" must be an array of non-empty strings` });

const LINE = z
  .object({ key: nonEmpty('key'), answer: nonEmpty('answer'), letters: stringList('letters'), options: stringList('options').optional(), group: nonEmpty('group').optional() }, { error: EXPECTED })
  .superRefine(({ answer, letters, options }, ctx) => {
    if (letters.length > 0 && !letters.includes(answer)) {
      ctx.addIssue({ code: 'custom', message: `answer '${answer}' is not one of the letters ${letters.join(',')}` });
    }
    if (options !== undefined && options.length !== letters.length) {
      ctx.addIssue({ code: 'custom', message: `"options" has ${options.length} texts for ${letters.length} letters; expected one text per letter` });
    }
  });

/** Reads a JSONL answer key (see the top of this file); blank lines skipped; a later line wins. */
export async function loadAnswerKey(file: string): Promise<Map<string, AnswerKeyEntry>> {
  const key = new Map<string, AnswerKeyEntry>();
  const input = createReadStream(file, 'utf8');
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const line of lines) {
      lineNumber += 1;
      if (line.trim() === '') continue;
      const [itemKey, entry] = parseLine(line, `${file}:${lineNumber}`);
      // A later line wins: a key file appended to by several runs keeps its newest entry.
      key.set(itemKey, entry);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read answer key ${file}: ${(error as Error).message}`);
  } finally {
    // Leaving the loop early on a bad line would otherwise keep the file open.
    input.destroy();
  }
  return key;
}

function parseLine(line: string, where: string): [string, AnswerKeyEntry] {
  const { key, answer, letters, options, group } = parseJsonLine(line, where, LINE, EXPECTED, true);
  return [key, { answer, letters, ...(options !== undefined ? { options } : {}), ...(group !== undefined ? { group } : {}) }];
}
