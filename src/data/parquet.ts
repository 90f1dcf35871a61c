import { parquetReadObjects } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';
import type { DataRow, ImageBytes } from '../core/types.js';
import { DataError } from '../core/errors.js';
import { BeyondEndOfFile, errorText, openParquet, type ParquetSource, type RowGroupSpan } from './parquet-source.js';
import { cellText, imagesOf, listText } from './parquet-values.js';

export interface ReadParquetOptions {
  /**
   * Columns holding images, in order: a HF image struct {bytes, path}, a list of such structs, raw
   * bytes, or a list of raw bytes. Missing/null ones are skipped (BLINK's unused image_3/image_4).
   */
  readonly imageColumns: readonly string[];
  /** Columns that must exist (checked against the schema before any row is read). */
  readonly requiredColumns?: readonly string[];
}

type Values = Readonly<Record<string, unknown>>;

/**
 * Streams the rows of a Parquet file (HuggingFace dataset exports and the like). One row group is
 * decoded at a time, from byte-range reads, so memory is bounded by the largest row group, not the
 * file. Binary columns stay bytes (`utf8: false`): HF image bytes carry no UTF8 annotation, and
 * hyparquet's default would decode them as text and corrupt every image.
 */
export function readParquet(file: string, options: ReadParquetOptions): AsyncIterable<DataRow> {
  return { [Symbol.asyncIterator]: () => streamRows(file, options) };
}

/** Top-level column names from the footer, for telling which benchmark a file holds. */
export async function parquetColumns(file: string): Promise<string[]> {
  const source = await openParquet(file);
  await source.fh.close();
  return [...source.columns];
}

async function* streamRows(file: string, options: ReadParquetOptions): AsyncGenerator<DataRow> {
  const source = await openParquet(file);
  try {
    checkRequired(source, options.requiredColumns ?? []);
    const present: ReadonlySet<string> = new Set(source.columns);
    const imageColumns = options.imageColumns.filter((c) => present.has(c));
    for (const group of source.groups) {
      if (group.rows === 0) continue;
      const rows = await readGroup(source, group);
      for (const [i, values] of rows.entries()) {
        yield makeRow(source, present, group, group.firstRow + i + 1, values, imageColumns);
      }
    }
  } finally {
    await source.fh.close();
  }
}

function checkRequired(source: ParquetSource, required: readonly string[]): void {
  const present = new Set(source.columns);
  const missing = required.find((c) => !present.has(c));
  if (missing !== undefined) {
    throw new DataError(source.file, { column: missing }, `required column missing; the file has columns: ${source.columns.join(', ')}`);
  }
}

async function readGroup(source: ParquetSource, group: RowGroupSpan): Promise<Values[]> {
  const { file, groups } = source;
  const where = `row group ${group.index + 1} of ${groups.length} (rows ${group.firstRow + 1}–${group.firstRow + group.rows})`;
  let rows: Values[];
  try {
    rows = await parquetReadObjects({
      file: source.buffer,
      metadata: source.metadata,
      rowStart: group.firstRow,
      rowEnd: group.firstRow + group.rows,
      utf8: false,
      compressors,
    });
  } catch (err) {
    if (err instanceof BeyondEndOfFile) throw new DataError(file, {}, `truncated Parquet file: ${where}: ${err.message}`);
    throw new DataError(file, {}, `cannot decode ${where}: ${errorText(err)}; expected an intact Parquet file`);
  }
  if (rows.length !== group.rows) {
    throw new DataError(file, {}, `damaged Parquet file: ${where} decoded to ${rows.length} rows, expected ${group.rows}`);
  }
  return rows;
}

function makeRow(
  source: ParquetSource,
  present: ReadonlySet<string>,
  group: RowGroupSpan,
  rowNumber: number,
  values: Values,
  imageColumns: readonly string[],
): DataRow {
  const { file, columns } = source;
  // A null value and a missing column both decode to undefined: the schema tells them apart.
  const has = (column: string): boolean => present.has(column);
  return {
    file,
    rowNumber,
    columns,
    endOffset: group.end,
    get: (column) => (has(column) ? cellText(values[column]) : undefined),
    list: (column) => (has(column) ? listText(values[column]) : undefined),
    value: (column) => (has(column) ? values[column] : undefined),
    images: async () => {
      const out: ImageBytes[] = [];
      for (const column of imageColumns) out.push(...(await imagesOf({ file, row: rowNumber, column }, values[column])));
      return out;
    },
  };
}
