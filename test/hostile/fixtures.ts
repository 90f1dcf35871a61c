/**
 * Generators of broken inputs, built on the fly from the valid data the harness evaluates first
 * (nothing big is committed). Rows are 0-based here; the reader numbers data rows from 1.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { CV_BENCH_FIELDS, cvBenchRow, writeParquetGroups, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { mcqRow, tsvLine, TSV_COLUMNS, type TsvRow } from '../e2e/helpers.js';

export const ROWS = 8;
/** The data row that goes bad: 0-based 5, reported as row 6. */
export const BAD = 5;
export const BAD_ROW = BAD + 1;

export const HEADER = TSV_COLUMNS.join('\t');

/** The lines of the valid E2E TSV, header first. */
export function validLines(): string[] {
  return [HEADER, ...Array.from({ length: ROWS }, (_, i) => tsvLine(mcqRow(i)))];
}

/** The valid TSV with data row BAD edited (or replaced by a raw line). */
export function withBadRow(edit: (row: TsvRow) => TsvRow | string): string {
  const lines = validLines();
  const edited = edit(mcqRow(BAD));
  lines[BAD + 1] = typeof edited === 'string' ? edited : tsvLine(edited);
  return `${lines.join('\n')}\n`;
}

/** The valid TSV's bytes up to the middle of row BAD's image cell: a download cut short. */
export function truncatedInImage(): Buffer {
  const lines = validLines();
  const before = `${lines.slice(0, BAD + 1).join('\n')}\n`;
  const row = mcqRow(BAD);
  return Buffer.from(`${before}${row.index}\t${row.image.slice(0, Math.floor(row.image.length / 2))}`);
}

/** The valid TSV, cut inside a quoted multi-line question of row BAD. */
export function truncatedInQuotedField(): Buffer {
  const text = withBadRow((row) => `${tsvLine({ ...row, question: '' }).replace(/^(\d+\t[^\t]*\t)/, '$1"First line of a question\nsecond line')}`);
  return Buffer.from(text.slice(0, text.indexOf('second line') + 'second line'.length));
}

export const TEN_MB = 10 * 1024 * 1024;

/** ~10 MB of base64 text with one character outside the alphabet near its end. */
export function hugeBadBase64(): string {
  const body = 'QUFB'.repeat(TEN_MB / 4);
  return `${body.slice(0, -8)}@${body.slice(-7)}`;
}

/** ~10 MB of valid base64 whose bytes are no image. */
export function hugeNonImageBase64(): string {
  return Buffer.alloc((TEN_MB / 4) * 3, 0x41).toString('base64');
}

/** Row BAD opens a quote that never closes; the file then runs on for ~10 MB. */
export function unterminatedHugeField(): Buffer {
  const opened = withBadRow((row) => tsvLine({ ...row, question: '' }).replace(/^(\d+\t[^\t]*\t)/, '$1"an unterminated quote'));
  return Buffer.concat([Buffer.from(opened), Buffer.alloc(TEN_MB, 'x')]);
}

/** The valid TSV re-encoded as UTF-16 LE with a BOM, as Excel's "Unicode text" export writes it. */
export function utf16(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${validLines().join('\n')}\n`, 'utf16le')]);
}

/** Row BAD's question in Latin-1 ("café" as 0x63 0x61 0x66 0xE9), the rest UTF-8. */
export function latin1Row(): Buffer {
  const text = withBadRow((row) => ({ ...row, question: 'Which cafMARK table is closest?' }));
  const [head, tail] = text.split('MARK') as [string, string];
  return Buffer.concat([Buffer.from(head), Buffer.from([0xe9]), Buffer.from(tail)]);
}

/** A NUL byte inside row BAD's question. */
export function nulRow(): Buffer {
  const text = withBadRow((row) => ({ ...row, question: 'Which object NUL is closest?' }));
  return Buffer.from(text.replace('NUL', '\0'));
}

/** 27 option columns A..Z, AA, every row using all of them. */
export function optionsPastZ(): string {
  const letters = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'AA'];
  const header = ['index', 'question', ...letters, 'answer'].join('\t');
  const rows = Array.from({ length: 3 }, (_, i) => [String(i), `Pick one of 27 (${i})`, ...letters.map((l) => `option ${l}`), 'B'].join('\t'));
  return `${[header, ...rows].join('\n')}\n`;
}

// ---------------------------------------------------------------- Parquet (CV-Bench schema)

/** Rows 0,1,4,5 are 2D and 2,3,6,7 3D questions (cvBenchRow cycles through four tasks). */
export const PARQUET_2D = [0, 1, 4, 5];
export const PARQUET_3D = [2, 3, 6, 7];

export async function writeCvBench(file: string, ids: readonly number[], edit: (row: ParquetRowValues, i: number) => ParquetRowValues = (r) => r): Promise<void> {
  await writeParquetGroups(file, { fields: CV_BENCH_FIELDS, codec: 'UNCOMPRESSED' }, [ids.map((id, i) => edit(cvBenchRow(id, 2000), i))]);
}

/** Keeps the first `fraction` of a file: a download or copy cut short. */
export async function truncateFile(file: string, fraction: number): Promise<void> {
  const bytes = await readFile(file);
  await writeFile(file, bytes.subarray(0, Math.floor(bytes.length * fraction)));
}
