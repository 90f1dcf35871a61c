import { open } from 'node:fs/promises';
import { type FileRecord, checkBytes, readRecords, rowError } from './record-stream.js';
import { cellText, INCOMPLETE, parseRecord, type TsvCell } from './tsv-record.js';

/** Where one row's bytes are in the file. */
export interface RowSpan {
  readonly row: number;
  readonly start: number;
  readonly end: number;
}

/**
 * Finds rows by their `index` value without keeping rows in memory: for each row seen so far it
 * keeps only index → row number, plus the row's byte range in a flat Float64Array (16 bytes per
 * row). A row is re-read from disk with one positional read when an image reference needs it.
 */
export class RowLocator {
  private readonly rowOf = new Map<string, number>();
  private readonly duplicated = new Set<string>();
  private spans = new Float64Array(2 * 1024);
  private lastRow = 0;
  private complete = false;

  constructor(
    readonly file: string,
    private readonly indexColumn: number,
    /** Offset just past the header: where the forward scan starts while no row is known. */
    private scannedEnd: number,
  ) {}

  /** Records a row the main stream has just read. */
  add(record: FileRecord): void {
    const cell = record.fields[this.indexColumn];
    const index = cell === undefined ? undefined : cellText(cell);
    if (index !== undefined && index !== '') {
      if (this.rowOf.has(index)) this.duplicated.add(index);
      else this.rowOf.set(index, record.row);
    }
    if (2 * record.row > this.spans.length) this.grow();
    this.spans[2 * record.row - 2] = record.start;
    this.spans[2 * record.row - 1] = record.end;
    this.lastRow = record.row;
    this.scannedEnd = record.end;
  }

  /** The main stream reached the end of the file: nothing lies ahead. */
  finish(): void {
    this.complete = true;
  }

  /** True when several rows share this index, so a reference to it is ambiguous. */
  isDuplicated(index: string): boolean {
    return this.duplicated.has(index);
  }

  /** The first row whose index is `index`: from memory if already streamed, else by scanning ahead. */
  async find(index: string): Promise<RowSpan | undefined> {
    const row = this.rowOf.get(index);
    if (row !== undefined) return this.span(row);
    return this.complete ? undefined : this.scanAhead(index);
  }

  /** The fields of one row, re-read from disk. */
  async readFields(span: RowSpan): Promise<TsvCell[]> {
    const fh = await open(this.file, 'r');
    try {
      const buf = Buffer.allocUnsafe(span.end - span.start);
      const { bytesRead } = await fh.read(buf, 0, buf.length, span.start);
      const bytes = buf.subarray(0, bytesRead);
      checkBytes(bytes, this.file, span.row);
      const parsed = parseRecord(bytes, 0, true);
      if (parsed === undefined || parsed === INCOMPLETE) {
        throw rowError(this.file, span.row, 'row changed on disk while reading: expected the file to stay unchanged');
      }
      return parsed.fields;
    } finally {
      await fh.close();
    }
  }

  private span(row: number): RowSpan {
    return { row, start: this.spans[2 * row - 2] ?? 0, end: this.spans[2 * row - 1] ?? 0 };
  }

  /** Rare (references normally point backwards): a separate reader scans the rest of the file. */
  private async scanAhead(index: string): Promise<RowSpan | undefined> {
    const fh = await open(this.file, 'r');
    try {
      for await (const record of readRecords(fh, this.file, this.scannedEnd, this.lastRow + 1)) {
        if (cellText(record.fields[this.indexColumn] ?? '') === index) {
          return { row: record.row, start: record.start, end: record.end };
        }
      }
      return undefined;
    } finally {
      await fh.close();
    }
  }

  private grow(): void {
    const bigger = new Float64Array(this.spans.length * 2);
    bigger.set(this.spans);
    this.spans = bigger;
  }
}
