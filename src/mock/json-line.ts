/** One line of a mock input file (answer key, replay), parsed by its schema or refused with one line naming it. */
import type { z } from 'zod';
import { InputError } from '../core/errors.js';

/**
 * `where` is `file:line`; `expected` describes a valid line. With `explain`, a line that is JSON but
 * breaks the schema is refused with the schema's own first message instead.
 */
export function parseJsonLine<T>(line: string, where: string, schema: z.ZodType<T>, expected: string, explain = false): T {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new InputError(`${where}: not valid JSON; ${expected}`);
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new InputError(`${where}: ${explain ? (parsed.error.issues[0]?.message ?? expected) : expected}`);
  return parsed.data;
}
