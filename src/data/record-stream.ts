import { isUtf8 } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import { DataError } from '../core/errors.js';
import { INCOMPLETE, parseRecord, RecordSyntaxError } from './tsv-record.js';

/** One TSV record and where its bytes lie in the file. */
export interface FileRecord {
  readonly fields: string[];
  /** 1-based data row number; 0 is the header. */
  readonly row: number;
  /** Byte range [start, end) in the file, line terminator included. */
  readonly start: number;
  readonly end: number;
}

const CHUNK = 1 << 20;

/**
 * Streams the records of `fh` from byte offset `from`, numbering them from `firstRow`.
 * Only the current partial record stays buffered, so memory is bounded by the largest row.
 * Blank lines are skipped (as pandas does) and don't take a row number.
 */
export async function* readRecords(
  fh: FileHandle,
  file: string,
  from: number,
  firstRow: number,
): AsyncGenerator<FileRecord> {
  let buf: Buffer = Buffer.alloc(0);
  let base = from; // file offset of buf[0]
  let pos = 0;
  let eof = false;
  let row = firstRow;
  for (;;) {
    const parsed = parseAt(buf, pos, eof, file, row);
    if (parsed === undefined) return;
    if (parsed === INCOMPLETE) {
      // Read at least as much as is pending, so a huge record costs O(n) re-parsing, not O(n²).
      const more = Math.max(CHUNK, buf.length - pos);
      ({ buf, eof } = await readMore(fh, buf.subarray(pos), base + buf.length, more));
      base += pos;
      pos = 0;
      continue;
    }
    if (!parsed.blank) {
      checkBytes(buf.subarray(pos, parsed.end), file, row);
      yield { fields: parsed.fields, row, start: base + pos, end: base + parsed.end };
      row++;
    }
    pos = parsed.end;
  }
}

function parseAt(buf: Buffer, pos: number, eof: boolean, file: string, row: number) {
  try {
    return parseRecord(buf, pos, eof);
  } catch (err) {
    if (err instanceof RecordSyntaxError) throw rowError(file, row, err.message);
    throw err;
  }
}

async function readMore(
  fh: FileHandle,
  pending: Buffer,
  position: number,
  length: number,
): Promise<{ buf: Buffer; eof: boolean }> {
  const fresh = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await fh.read(fresh, filled, length - filled, position + filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return { buf: Buffer.concat([pending, fresh.subarray(0, filled)]), eof: filled < length };
}

/** pandas would fail on these too; we say which row instead of a byte offset. */
export function checkBytes(bytes: Buffer, file: string, row: number): void {
  if (bytes.indexOf(0) >= 0) {
    throw rowError(file, row, 'unexpected NUL byte: expected UTF-8 text (is this a binary file?)');
  }
  if (!isUtf8(bytes)) throw rowError(file, row, 'invalid UTF-8: expected UTF-8 encoded text');
}

/** Row 0 is the header, which has no data row number. */
export function rowError(file: string, row: number, expected: string): DataError {
  return row === 0 ? new DataError(file, {}, `header row: ${expected}`) : new DataError(file, { row }, expected);
}
