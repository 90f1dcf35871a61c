import type { FileHandle } from 'node:fs/promises';
import { openDataFile } from './open-file.js';
import { type AsyncBuffer, type FileMetaData, parquetMetadata, parquetSchema, type RowGroup } from 'hyparquet';
import { DataError } from '../core/errors.js';

/**
 * The parts of a Parquet file that can be checked before any row is decoded: magic bytes, footer
 * and the byte span of every row group. A download cut short loses the footer (it is at the end),
 * so most damage is reported here, before an evaluation has spent time on the first rows.
 */

const MAGIC = 'PAR1';
/** Leading magic + footer length (4 bytes) + trailing magic. */
const MIN_SIZE = 12;

export interface RowGroupSpan {
  /** 0-based. */
  readonly index: number;
  /** 0-based index of the group's first row in the whole file. */
  readonly firstRow: number;
  readonly rows: number;
  /** Byte offset just past the group's last column chunk. */
  readonly end: number;
}

export interface ParquetSource {
  readonly file: string;
  readonly fh: FileHandle;
  readonly metadata: FileMetaData;
  /** Top-level column names, in schema order. */
  readonly columns: readonly string[];
  readonly groups: readonly RowGroupSpan[];
  /** Byte-range reads from disk for hyparquet; never holds the whole file. */
  readonly buffer: AsyncBuffer;
}

/** Opens `file` and validates its footer; the caller closes `fh`. */
export async function openParquet(file: string): Promise<ParquetSource> {
  const fh = await openDataFile(file, 'a Parquet file');
  try {
    const size = (await fh.stat()).size;
    const metadata = await readFooter(file, fh, size);
    const columns = topLevelColumns(file, metadata);
    const groups = rowGroupSpans(file, metadata.row_groups, size);
    return { file, fh, metadata, columns, groups, buffer: fileBuffer(fh, size) };
  } catch (err) {
    await fh.close();
    throw err;
  }
}

/** Thrown by the file buffer when hyparquet asks for bytes the file does not have. */
export class BeyondEndOfFile extends Error {}

function fileBuffer(fh: FileHandle, size: number): AsyncBuffer {
  return {
    byteLength: size,
    slice: async (start: number, end: number = size): Promise<ArrayBuffer> => {
      if (start < 0 || start > end || end > size) {
        throw new BeyondEndOfFile(`bytes ${start}–${end} were needed but the file has ${size} bytes`);
      }
      // A fresh ArrayBuffer per slice (not a pooled Buffer): hyparquet keeps views into it.
      const out = new Uint8Array(end - start);
      await readFully(fh, out, start, size);
      return out.buffer;
    },
  };
}

async function readFully(fh: FileHandle, out: Uint8Array, position: number, size: number): Promise<void> {
  let filled = 0;
  while (filled < out.length) {
    const { bytesRead } = await fh.read(out, filled, out.length - filled, position + filled);
    // The size was taken at open: a short read means the file shrank while we read it.
    if (bytesRead === 0) throw new BeyondEndOfFile(`the file ended at byte ${position + filled}, expected ${size} bytes`);
    filled += bytesRead;
  }
}

async function readAt(fh: FileHandle, position: number, length: number, size: number): Promise<Buffer> {
  const out = Buffer.alloc(length);
  await readFully(fh, out, position, size);
  return out;
}

async function readFooter(file: string, fh: FileHandle, size: number): Promise<FileMetaData> {
  const head = await readAt(fh, 0, Math.min(4, size), size);
  if (head.toString('latin1') !== MAGIC) {
    const found = size === 0 ? 'an empty file' : `hex ${head.toString('hex')}`;
    throw new DataError(file, {}, `not a Parquet file: expected the magic bytes "${MAGIC}" at its start, found ${found}`);
  }
  const truncated = 'truncated or damaged Parquet file (an interrupted download?)';
  if (size < MIN_SIZE) throw new DataError(file, {}, `${truncated}: only ${size} bytes, too short for a footer`);
  const tail = await readAt(fh, size - 8, 8, size);
  if (tail.toString('latin1', 4) !== MAGIC) {
    throw new DataError(file, {}, `${truncated}: expected the magic bytes "${MAGIC}" at its end, where the footer ends; the file has ${size} bytes`);
  }
  const length = tail.readUInt32LE(0);
  if (length > size - MIN_SIZE) {
    throw new DataError(file, {}, `${truncated}: the footer claims ${length} bytes of metadata but the file has ${size} bytes`);
  }
  const footer = await readAt(fh, size - 8 - length, length + 8, size);
  try {
    return parquetMetadata(footer);
  } catch (err) {
    throw new DataError(file, {}, `${truncated}: cannot parse the footer metadata (${errorText(err)})`);
  }
}

function topLevelColumns(file: string, metadata: FileMetaData): string[] {
  try {
    return parquetSchema(metadata).children.map((child) => child.element.name);
  } catch (err) {
    throw new DataError(file, {}, `damaged Parquet footer: cannot build the schema (${errorText(err)})`);
  }
}

function rowGroupSpans(file: string, rowGroups: readonly RowGroup[], size: number): RowGroupSpan[] {
  const spans: RowGroupSpan[] = [];
  let firstRow = 0;
  rowGroups.forEach((group, index) => {
    const rows = Number(group.num_rows);
    const where = `row group ${index + 1} of ${rowGroups.length} (rows ${firstRow + 1}–${firstRow + rows})`;
    let end = 0;
    for (const chunk of group.columns) {
      const meta = chunk.meta_data;
      if (chunk.file_path !== undefined || meta === undefined) {
        throw new DataError(file, {}, `${where}: column data stored in another file or encrypted; expected a self-contained Parquet file`);
      }
      const start = Number(meta.dictionary_page_offset || meta.data_page_offset); // 0 means "no dictionary" too
      end = Math.max(end, start + Number(meta.total_compressed_size));
    }
    if (end > size) {
      throw new DataError(file, {}, `truncated Parquet file: ${where} needs bytes up to ${end} but the file has ${size} bytes`);
    }
    spans.push({ index, firstRow, rows, end });
    firstRow += rows;
  });
  return spans;
}


export function errorText(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).split('\n')[0] ?? '';
}
