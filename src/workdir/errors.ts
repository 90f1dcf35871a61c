import type { z } from 'zod';
import { InputError } from '../core/errors.js';

/**
 * A work-dir file that does not match its schema: hand-edited, cut short, or written by another
 * version. Exit 2 with one line naming the file (and line), the field and what was expected, so a
 * bad file never turns into `undefined` in a report.
 */
export class WorkDirError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'WorkDirError';
  }
}

/** Appended to every schema mismatch: what may have happened and what to do. */
const HINT = 'hand-edited, cut short, or written by another version of actial-eval';

/** `file`, or `file:line` for a line of a JSONL file. */
export function where(file: string, line?: number): string {
  return line === undefined ? file : `${file}:${line}`;
}

/** Parses `value` with `schema`, or throws one line naming the file, line and field. */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, file: string, line?: number): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw mismatch(file, line, result.error.issues[0]);
}

export function mismatch(file: string, line: number | undefined, issue: z.core.$ZodIssue | undefined): WorkDirError {
  return new WorkDirError(`${where(file, line)}: ${issue === undefined ? 'does not match its schema' : describeIssue(issue)} (${HINT})`);
}

/** `JSON.parse`, or one line naming the file that is not JSON. */
export function parseJsonText(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    throw new WorkDirError(`${file}: not valid JSON (${reason}; ${HINT})`);
  }
}

/** One issue as `field 'a.b[2]': expected …`, the way a user would look it up in the file. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field '${fieldPath([...issue.path, issue.keys[0] ?? '?'])}'`;
  const field = issue.path.length === 0 ? 'the value' : `field '${fieldPath(issue.path)}'`;
  const text = issue.message.replace(/^Invalid (input|option): /, '');
  if (/received undefined$/.test(text)) return `${field} is missing (${text.replace(/, received undefined$/, '').replace('expected nonoptional', 'expected a value')})`;
  return `${field}: ${text}`;
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}
