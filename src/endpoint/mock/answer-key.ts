/**
 * The mock's answer key: gold answers indexed by a hash of the question text, so the mock can
 * be right or wrong on purpose (simulating a checkpoint with a known accuracy).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { InputError } from '../../core/errors.js';

export interface AnswerKeyEntry {
  readonly answer: string;
  readonly letters: readonly string[];
}

/** The harness may register entries while a run streams, so anything with get() will do. */
export type AnswerKey =
  | ReadonlyMap<string, AnswerKeyEntry>
  | { get(key: string): AnswerKeyEntry | undefined };

/**
 * Identifies a question by the text parts of its user message(s), in order. Images are left out
 * on purpose: the harness and the mock must agree without either hashing megabytes of pixels.
 */
export function questionKey(texts: readonly string[]): string {
  return createHash('sha256').update(texts.join('\n')).digest('hex').slice(0, 24);
}

/** Reads a JSONL answer key: one `{"key","answer","letters"}` object per line; blank lines skipped. */
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
  const expected = 'expected {"key": string, "answer": string, "letters": [string, ...]}';
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new InputError(`${where}: not valid JSON; ${expected}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError(`${where}: ${expected}`);
  }
  const { key, answer, letters } = value as Record<string, unknown>;
  if (typeof key !== 'string' || key === '') throw new InputError(`${where}: "key" must be a non-empty string`);
  if (typeof answer !== 'string' || answer === '') {
    throw new InputError(`${where}: "answer" must be a non-empty string`);
  }
  if (!Array.isArray(letters) || !letters.every((l): l is string => typeof l === 'string' && l !== '')) {
    throw new InputError(`${where}: "letters" must be an array of non-empty strings`);
  }
  if (letters.length > 0 && !letters.includes(answer)) {
    throw new InputError(`${where}: answer '${answer}' is not one of the letters ${letters.join(',')}`);
  }
  return [key, { answer, letters }];
}
