/**
 * Parses one pandas-style TSV record out of a byte buffer.
 *
 * Why not csv-parse: it walks the input one byte at a time in JS and copies every byte of a field
 * into a growable buffer, which is slow for the multi-hundred-KB base64 cells of VLMEvalKit files;
 * it decodes text lossily (bad UTF-8 turns into U+FFFD, so we could not name the bad row); and it
 * cannot hand back the exact byte range of each record, which `row-locator.ts` needs to re-read a
 * single row from disk with a positional read. This parser jumps between delimiters with
 * `Buffer.indexOf` (memchr) and slices fields out in one go.
 *
 * Dialect (what `pandas.read_csv(sep='\t')` accepts and `to_csv` writes): fields separated by TAB,
 * records by LF (an optional CR before it is dropped); a field that STARTS with `"` is quoted, may
 * hold tabs and newlines, and doubles inner quotes; a `"` elsewhere in an unquoted field is literal.
 * The same dialect with a comma for TAB is pandas' `read_csv` default (a benchmark's own .csv).
 *
 * A long unquoted field (a base64 image, ~133 KB for a 100 KB image) is handed back as a view of its
 * bytes in `buf`, not as a string: V8 puts a string over 128 KB in its large-object space, and making
 * one cost ~0.2 ms of CPU plus as much again in garbage collection, per row, more than decoding and
 * hashing the image. The view is only valid while `buf` holds those bytes: a caller that reuses its
 * buffer takes what it needs first (tsv.ts decodes the image cell and copies any other, held-cell.ts).
 * Base64 is decoded straight from bytes (base64.ts); `cellText` makes the string when one is asked for.
 */

const TAB = 0x09;
/** The field separators read: TAB (a TSV), or a comma (a CSV). */
export type FieldSeparator = 0x09 | 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/** A field's text, or, for a long unquoted field, its UTF-8 bytes (a view of the parsed buffer). */
export type TsvCell = string | Buffer;

/** Unquoted fields longer than this many bytes stay bytes (strings up to here are cheap to make). */
export const LONG_FIELD_BYTES = 16 * 1024;

/** The field as text (the record was checked to be valid UTF-8). */
export function cellText(cell: TsvCell): string {
  return typeof cell === 'string' ? cell : cell.toString('utf8');
}

export interface ParsedRecord {
  readonly fields: TsvCell[];
  /** Offset just past the record's line terminator (or the buffer end at EOF). */
  readonly end: number;
  /** True for an empty line, which pandas skips. */
  readonly blank: boolean;
}

/** The record continues past the end of the buffer: read more bytes and parse again. */
export const INCOMPLETE = 'incomplete';

/** A syntax problem inside one record; the caller adds file and row. */
export class RecordSyntaxError extends Error {}

type FieldEnd = { value: TsvCell; next: number; last: boolean } | typeof INCOMPLETE;

/**
 * Parses the record starting at `start`. Returns undefined when `start` is at the end of the
 * data and `eof` is true; INCOMPLETE when more bytes are needed.
 */
export function parseRecord(
  buf: Buffer,
  start: number,
  eof: boolean,
  separator: FieldSeparator = TAB,
): ParsedRecord | typeof INCOMPLETE | undefined {
  if (start >= buf.length) return eof ? undefined : INCOMPLETE;
  const finder = new DelimiterFinder(buf, separator);
  const fields: TsvCell[] = [];
  let pos = start;
  for (;;) {
    const field =
      buf[pos] === QUOTE ? quotedField(buf, pos, eof, separator) : unquotedField(buf, pos, eof, finder);
    if (field === INCOMPLETE) return INCOMPLETE;
    fields.push(field.value);
    pos = field.next;
    if (field.last) break;
  }
  const blank = fields.length === 1 && buf[start] !== QUOTE && fields[0] === '';
  return { fields, end: pos, blank };
}

/** Caches the next separator / LF positions so a long row is scanned once, not once per field. */
class DelimiterFinder {
  private tab = -1;
  private lf = -1;
  constructor(
    private readonly buf: Buffer,
    readonly separator: FieldSeparator,
  ) {}

  /** Position of the first separator or LF at or after `pos`, or -1. */
  next(pos: number): number {
    if (this.tab !== Infinity && this.tab < pos) this.tab = this.find(this.separator, pos);
    if (this.lf !== Infinity && this.lf < pos) this.lf = this.find(LF, pos);
    const at = Math.min(this.tab, this.lf);
    return at === Infinity ? -1 : at;
  }

  private find(byte: number, pos: number): number {
    const at = this.buf.indexOf(byte, pos);
    return at < 0 ? Infinity : at;
  }
}

function unquotedField(buf: Buffer, pos: number, eof: boolean, finder: DelimiterFinder): FieldEnd {
  const at = finder.next(pos);
  if (at < 0) {
    if (!eof) return INCOMPLETE;
    return { value: unquotedCell(buf, pos, trimCr(buf, pos, buf.length)), next: buf.length, last: true };
  }
  if (buf[at] === finder.separator) return { value: unquotedCell(buf, pos, at), next: at + 1, last: false };
  return { value: unquotedCell(buf, pos, trimCr(buf, pos, at)), next: at + 1, last: true };
}

function unquotedCell(buf: Buffer, from: number, to: number): TsvCell {
  return to - from <= LONG_FIELD_BYTES ? buf.toString('utf8', from, to) : buf.subarray(from, to);
}

/** Drops the CR of a CRLF terminator from the end of the last field. */
function trimCr(buf: Buffer, from: number, to: number): number {
  return to > from && buf[to - 1] === CR ? to - 1 : to;
}

function quotedField(buf: Buffer, pos: number, eof: boolean, separator: FieldSeparator): FieldEnd {
  let search = pos + 1;
  let doubled = false;
  for (;;) {
    const q = buf.indexOf(QUOTE, search);
    if (q < 0) {
      if (eof) throw new RecordSyntaxError('unterminated quoted field: expected a closing "');
      return INCOMPLETE;
    }
    if (q + 1 >= buf.length && !eof) return INCOMPLETE; // can't tell "" from a closing quote yet
    if (buf[q + 1] === QUOTE) {
      doubled = true;
      search = q + 2;
      continue;
    }
    const raw = buf.toString('utf8', pos + 1, q);
    const value = doubled ? raw.replaceAll('""', '"') : raw;
    return afterClosingQuote(buf, q + 1, eof, value, separator);
  }
}

function afterClosingQuote(buf: Buffer, at: number, eof: boolean, value: string, separator: FieldSeparator): FieldEnd {
  if (at >= buf.length) return { value, next: at, last: true }; // EOF (the caller checked eof)
  const c = buf[at];
  if (c === separator) return { value, next: at + 1, last: false };
  if (c === LF) return { value, next: at + 1, last: true };
  if (c === CR) {
    if (at + 1 >= buf.length) return eof ? { value, next: at + 1, last: true } : INCOMPLETE;
    if (buf[at + 1] === LF) return { value, next: at + 2, last: true };
  }
  throw new RecordSyntaxError(
    `unexpected character after a closing quote: expected ${separator === TAB ? 'a tab' : 'a comma'} or the end of the line`,
  );
}
