/**
 * What must hold of a prediction store after every kill: the invariants the house rules promise
 * ("a torn last line is ignored and re-asked, nothing else is lost, nothing is duplicated").
 */
import { readFile } from 'node:fs/promises';

export interface StoreState {
  /** The store's bytes up to and including its last newline: what later runs must keep as is. */
  readonly complete: string;
  /** Bytes after the last newline: a write cut short by the kill. */
  readonly tornBytes: number;
  readonly okLines: number;
  readonly failedLines: number;
  /** Indices with an ok line. */
  readonly answered: ReadonlySet<string>;
}

export const EMPTY_STORE: StoreState = { complete: '', tornBytes: 0, okLines: 0, failedLines: 0, answered: new Set() };

export class SoakViolation extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoakViolation';
  }
}

async function readOrEmpty(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw err;
  }
}

/**
 * Reads the store and checks it against the state after the previous round: every complete line
 * parses, the previous complete bytes are still its prefix (no answer lost or rewritten), and no
 * index has two ok lines (nothing answered twice). Throws SoakViolation naming the broken rule.
 */
export async function checkStore(file: string, previous: StoreState, round: string): Promise<StoreState> {
  const text = await readOrEmpty(file);
  const cut = text.lastIndexOf('\n') + 1;
  const complete = text.slice(0, cut);
  if (!complete.startsWith(previous.complete)) {
    throw new SoakViolation(`${round}: ${file} no longer starts with what it held after the previous round (answers lost or rewritten)`);
  }
  const answered = new Set<string>();
  let okLines = 0;
  let failedLines = 0;
  complete.split('\n').forEach((line, i) => {
    if (line === '') return;
    let rec: { index?: unknown; status?: unknown };
    try {
      rec = JSON.parse(line) as { index?: unknown; status?: unknown };
    } catch {
      throw new SoakViolation(`${round}: ${file}:${i + 1} is not JSON, and it is not the last line`);
    }
    if (typeof rec.index !== 'string') throw new SoakViolation(`${round}: ${file}:${i + 1} has no string index`);
    if (rec.status === 'ok') {
      if (answered.has(rec.index)) throw new SoakViolation(`${round}: ${file}:${i + 1}: index ${rec.index} has a second ok line`);
      answered.add(rec.index);
      okLines++;
    } else if (rec.status === 'failed') {
      failedLines++;
    } else {
      throw new SoakViolation(`${round}: ${file}:${i + 1}: status ${JSON.stringify(rec.status)} is neither ok nor failed`);
    }
  });
  return { complete, tornBytes: Buffer.byteLength(text) - Buffer.byteLength(complete), okLines, failedLines, answered };
}

/** A report file written atomically is either absent or whole, whenever the kill came. */
export async function checkWhole(file: string, round: string): Promise<void> {
  const text = await readOrEmpty(file);
  if (text === '' || !file.endsWith('.json')) return;
  try {
    JSON.parse(text);
  } catch {
    throw new SoakViolation(`${round}: ${file} is half written`);
  }
}
