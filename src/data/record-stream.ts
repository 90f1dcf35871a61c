import { isUtf8 } from 'node:buffer';
import type { FileHandle } from 'node:fs/promises';
import { DataError } from '../core/errors.js';
import { type FieldSeparator, INCOMPLETE, parseRecord, RecordSyntaxError, type TsvCell } from './tsv-record.js';

/** One TSV record and where its bytes lie in the file; its long cells are valid until the next one is read. */
export interface FileRecord {
  readonly fields: TsvCell[];
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
  separator: FieldSeparator = 0x09,
): AsyncGenerator<FileRecord> {
  const window = new ReadWindow(fh, from);
  let pos = 0;
  let row = firstRow;
  for (;;) {
    const parsed = parseAt(window.bytes, pos, window.eof, file, row, separator);
    if (parsed === undefined) return;
    if (parsed === INCOMPLETE) {
      await window.refill(pos);
      pos = 0;
      continue;
    }
    if (!parsed.blank) {
      checkBytes(window.bytes.subarray(pos, parsed.end), file, row);
      yield { fields: parsed.fields, row, start: window.base + pos, end: window.base + parsed.end };
      row++;
    }
    pos = parsed.end;
  }
}

/**
 * The bytes read and not yet consumed, in one buffer reused for the whole file: records become
 * strings, except long cells: views into it, valid until the next record is asked for (the reader
 * of the stream keeps what it needs of them before that, tsv.ts). A fresh buffer per read (and a copy of
 * the pending tail into another) left ~2 MB of garbage per MB read, which the GC let pile up as
 * external memory (RSS) before collecting it.
 */
class ReadWindow {
  private buf: Buffer = Buffer.allocUnsafe(0);
  private length = 0;
  /** File offset of bytes[0]. */
  base: number;
  eof = false;

  constructor(
    private readonly fh: FileHandle,
    from: number,
  ) {
    this.base = from;
  }

  get bytes(): Buffer {
    return this.buf.subarray(0, this.length);
  }

  /** Drops the bytes before `pos` and reads more after the rest. */
  async refill(pos: number): Promise<void> {
    const pending = this.length - pos;
    // Read at least as much as is pending, so a huge record costs O(n) re-parsing, not O(n²).
    const want = Math.max(CHUNK, pending);
    if (this.buf.length < pending + want) {
      const bigger = Buffer.allocUnsafe(Math.max(pending + want, 2 * CHUNK));
      this.buf.copy(bigger, 0, pos, this.length);
      this.buf = bigger;
    } else {
      this.buf.copyWithin(0, pos, this.length);
    }
    this.base += pos;
    this.length = pending;
    const end = this.buf.length;
    while (this.length < end) {
      const { bytesRead } = await this.fh.read(this.buf, this.length, end - this.length, this.base + this.length);
      if (bytesRead === 0) {
        this.eof = true;
        break;
      }
      this.length += bytesRead;
    }
  }
}

function parseAt(buf: Buffer, pos: number, eof: boolean, file: string, row: number, separator: FieldSeparator) {
  try {
    return parseRecord(buf, pos, eof, separator);
  } catch (err) {
    if (err instanceof RecordSyntaxError) throw rowError(file, row, err.message);
    throw err;
  }
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
