import type { FileHandle } from 'node:fs/promises';
import { DataError } from '../core/errors.js';

/**
 * Splits a JSON file holding one top-level array into its elements' texts, as the bytes stream
 * in: a LLaMA-Factory dataset is a single JSON array, often GBs, which `JSON.parse` of the whole
 * file would hold (twice: bytes and objects). Only the element being read is buffered, so memory
 * is bounded by the largest element. The splitter checks only what it needs to find element
 * boundaries (brackets and strings); each element is then parsed by `JSON.parse`, which catches
 * everything else, with the element's number in the message.
 */

/** One top-level element: its JSON text and the byte offset just past it. */
export interface ArrayElement {
  readonly text: string;
  /** 1-based position in the array. */
  readonly row: number;
  readonly end: number;
}

const CHUNK = 1 << 20;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

type Phase = 'before-array' | 'before-element' | 'in-element' | 'after-array';

const isSpace = (b: number): boolean => b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09;

/** Scanner state carried from one chunk to the next. */
class Splitter {
  phase: Phase = 'before-array';
  depth = 0;
  inString = false;
  row = 0;

  constructor(private readonly file: string) {}

  error(expected: string): DataError {
    return this.row === 0 || this.phase === 'after-array' ? new DataError(this.file, {}, expected) : new DataError(this.file, { row: this.row }, expected);
  }
}

export async function* readJsonArray(fh: FileHandle, file: string): AsyncGenerator<ArrayElement> {
  const s = new Splitter(file);
  const chunk = Buffer.allocUnsafe(CHUNK);
  let pending: Buffer = Buffer.alloc(0);
  /** File offset of pending[0]. */
  let base = 0;
  let start = -1;
  for (;;) {
    const { bytesRead } = await fh.read(chunk, 0, CHUNK, base + pending.length);
    if (bytesRead === 0) break;
    const data = pending.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
    const scanFrom = pending.length;
    const found: ArrayElement[] = [];
    start = scan(s, data, start < 0 ? -1 : start, scanFrom, base, found);
    yield* found;
    // Keep the unfinished element only (a copy: `chunk` is overwritten by the next read).
    const keepFrom = start < 0 ? data.length : start;
    pending = Buffer.from(data.subarray(keepFrom));
    base += keepFrom;
    if (start >= 0) start = 0;
  }
  if (s.phase === 'before-array') throw s.error('empty file: expected a JSON array of records ([{...}, ...])');
  if (s.phase !== 'after-array') throw s.error(`truncated JSON: the top-level array is not closed (after ${s.row} element(s)); expected "]" at the end`);
}

/**
 * Scans `data` from `from`; `start` is where the current element began (-1: none). Completed
 * elements go to `out`; returns the start of the unfinished element, or -1.
 */
function scan(s: Splitter, data: Buffer, start: number, from: number, base: number, out: ArrayElement[]): number {
  let i = from;
  while (i < data.length) {
    const b = data[i] as number;
    if (s.phase === 'in-element') {
      if (s.inString) {
        i = skipString(s, data, i);
        continue;
      }
      if (b === QUOTE) s.inString = true;
      else if (b === 0x7b || b === 0x5b) s.depth++;
      else if (b === 0x7d || b === 0x5d) {
        if (s.depth === 0) {
          if (b === 0x7d) throw s.error('unexpected "}" in the top-level array');
          out.push(element(s, data, start, i, base));
          s.phase = 'after-array';
          start = -1;
        } else s.depth--;
      } else if (b === 0x2c && s.depth === 0) {
        out.push(element(s, data, start, i, base));
        s.phase = 'before-element';
        start = -1;
      }
      i++;
      continue;
    }
    if (isSpace(b) || (b === 0xef && s.phase === 'before-array' && base + i === 0 && data[1] === 0xbb && data[2] === 0xbf)) {
      i += isSpace(b) ? 1 : 3;
      continue;
    }
    start = between(s, b, i, start);
    i++;
  }
  return start;
}

/** A byte outside any element: the array's brackets and commas, or an element's first byte. */
function between(s: Splitter, b: number, i: number, start: number): number {
  switch (s.phase) {
    case 'before-array':
      if (b !== 0x5b) throw s.error(`expected a JSON array of records ([{...}, ...]) at the start, found '${String.fromCharCode(b)}' (for one record per line, name the file .jsonl)`);
      s.phase = 'before-element';
      return start;
    case 'before-element':
      if (b === 0x5d && s.row === 0) {
        s.phase = 'after-array';
        return start;
      }
      if (b === 0x2c || b === 0x5d) throw s.error(`expected an element after ${s.row === 0 ? '"["' : '","'}, found '${String.fromCharCode(b)}'`);
      s.row++;
      s.phase = 'in-element';
      if (b === QUOTE) s.inString = true;
      else if (b === 0x7b || b === 0x5b) s.depth = 1;
      return i;
    default:
      throw s.error(`unexpected '${String.fromCharCode(b)}' after the top-level array's closing "]"`);
  }
}

/**
 * Inside a string: jumps past its closing quote, or to the end of the data. A quote is escaped when
 * an odd number of backslashes precede it; the whole element is in `data`, so counting back never
 * runs off its start (the opening quote stops it).
 */
function skipString(s: Splitter, data: Buffer, i: number): number {
  let at = i;
  for (;;) {
    const q = data.indexOf(QUOTE, at);
    if (q < 0) return data.length;
    let slashes = 0;
    while (data[q - 1 - slashes] === BACKSLASH) slashes++;
    if (slashes % 2 === 0) {
      s.inString = false;
      return q + 1;
    }
    at = q + 1;
  }
}

function element(s: Splitter, data: Buffer, start: number, end: number, base: number): ArrayElement {
  // A scalar element has no closing bracket to end it: the separator does, after any spaces.
  let stop = end;
  while (stop > start && isSpace(data[stop - 1] as number)) stop--;
  if (stop === start) throw s.error('empty element in the top-level array');
  return { text: data.toString('utf8', start, stop), row: s.row, end: base + end };
}
