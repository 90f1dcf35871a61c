import type { FileHandle } from 'node:fs/promises';
import type { DataRow } from '../core/types.js';
import { DataError } from '../core/errors.js';
import { openDataFile } from './open-file.js';
import { readJsonArray } from './json-array.js';
import { cellText, listText } from './parquet-values.js';

/**
 * Streams the records of a JSON array file (`[{...}, ...]`, LLaMA-Factory's usual form) or a JSONL
 * file (one object per line) as DataRows. Both keep only the record being read: a JSON array is
 * split by a streaming scanner (json-array.ts), never parsed whole. A row's number is its
 * position among the records (1-based); JSONL messages name the line too.
 */
export function readJsonRecords(file: string, form: 'json' | 'jsonl'): AsyncIterable<DataRow> {
  return { [Symbol.asyncIterator]: () => (form === 'json' ? arrayRows(file) : lineRows(file)) };
}

type JsonObject = Readonly<Record<string, unknown>>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function* arrayRows(file: string): AsyncGenerator<DataRow> {
  const fh = await openDataFile(file, 'a JSON file holding an array of records');
  try {
    for await (const element of readJsonArray(fh, file)) {
      yield recordRow(file, element.row, parseRecord(file, element.row, element.text, ''), element.end);
    }
  } finally {
    await fh.close();
  }
}

const CHUNK = 1 << 20;

async function* lineRows(file: string): AsyncGenerator<DataRow> {
  const fh = await openDataFile(file, 'a JSONL file (one JSON record per line)');
  try {
    let row = 0;
    for await (const line of readLines(fh)) {
      if (line.text.trim() === '') continue;
      row++;
      yield recordRow(file, row, parseRecord(file, row, line.text, ` (line ${line.number})`), line.end);
    }
  } finally {
    await fh.close();
  }
}

interface Line {
  readonly text: string;
  readonly number: number;
  readonly end: number;
}

/** Lines as text; only the current line's bytes stay buffered. */
async function* readLines(fh: FileHandle): AsyncGenerator<Line> {
  const chunk = Buffer.allocUnsafe(CHUNK);
  let pending: Buffer = Buffer.alloc(0);
  let base = 0;
  let number = 0;
  for (;;) {
    const { bytesRead } = await fh.read(chunk, 0, CHUNK, base + pending.length);
    const data = pending.length === 0 ? chunk.subarray(0, bytesRead) : Buffer.concat([pending, chunk.subarray(0, bytesRead)]);
    let at = 0;
    for (let nl = data.indexOf(0x0a, pending.length); nl >= 0; nl = data.indexOf(0x0a, nl + 1)) {
      number++;
      yield { text: data.toString('utf8', at, nl), number, end: base + nl + 1 };
      at = nl + 1;
    }
    if (bytesRead === 0) {
      if (at < data.length) yield { text: data.toString('utf8', at), number: number + 1, end: base + data.length };
      return;
    }
    pending = Buffer.from(data.subarray(at));
    base += at;
  }
}

function parseRecord(file: string, row: number, text: string, where: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new DataError(file, { row }, `invalid JSON${where}: ${why}`);
  }
  if (!isObject(value)) throw new DataError(file, { row }, `expected a JSON object (a record)${where}, found ${Array.isArray(value) ? 'an array' : typeof value}`);
  return value;
}

function recordRow(file: string, rowNumber: number, record: JsonObject, endOffset: number): DataRow {
  const has = (column: string): boolean => Object.hasOwn(record, column);
  return {
    file,
    rowNumber,
    columns: Object.keys(record),
    endOffset,
    get: (column) => (has(column) ? cellText(record[column]) : undefined),
    list: (column) => (has(column) ? listText(record[column]) : undefined),
    // Images of JSON records are paths whose meaning is the benchmark's (media dir, file folder).
    images: () => Promise.resolve([]),
    value: (column) => (has(column) ? record[column] : undefined),
  };
}
