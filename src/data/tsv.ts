import type { FileHandle } from 'node:fs/promises';
import { openDataFile } from './open-file.js';
import type { DataRow, ImageBytes } from '../core/types.js';
import { DataError } from '../core/errors.js';
import { defaultImageDir } from './image-paths.js';
import { type ImageContext, rowImages } from './images.js';
import { Lru } from './lru.js';
import { looksLikeList, parseListCell } from './list-cell.js';
import { type FileRecord, readRecords } from './record-stream.js';
import { RowLocator } from './row-locator.js';
import { cellText, type FieldSeparator } from './tsv-record.js';
import { heldText, holdImageCell, type HeldCell } from './held-cell.js';

export interface ReadTsvOptions {
  /**
   * Folders searched, after the TSV's own folder, for relative `image_path` values.
   * Default: VLMEvalKit's `$LMUData/images/<dataset>/`.
   */
  readonly imageDirs?: readonly string[];
  /** A comma: the file is a CSV (pandas `read_csv` defaults), which has no image references. */
  readonly csv?: boolean;
  /** `image_path` values are relative, leading slashes and spaces stripped (RowSource.imagePathsRelative). */
  readonly relativeImagePaths?: boolean;
}

/** Enough for the rotations of a circular item, which sit next to each other. */
const IMAGE_CACHE_ROWS = 8;

/**
 * Streams the rows of a VLMEvalKit TSV (pandas `to_csv(sep='\t')` output), or of a CSV in the same
 * dialect. Memory stays flat: rows are not kept, and image references are resolved by re-reading
 * the referenced row.
 */
export function readTsv(file: string, options: ReadTsvOptions = {}): AsyncIterable<DataRow> {
  return { [Symbol.asyncIterator]: () => streamRows(file, options) };
}

async function* streamRows(file: string, options: ReadTsvOptions): AsyncGenerator<DataRow> {
  const form = options.csv === true ? CSV : TSV;
  const fh = await openDataFile(file, form.what);
  try {
    const records = readRecords(fh, file, await textStart(fh, file, form), 0, form.separator);
    const header = await records.next();
    if (header.done === true) {
      throw new DataError(file, {}, `empty file: expected a header row of ${form.fields} column names`);
    }
    const table = new Table(file, header.value, options, await unterminatedEnd(fh));
    for await (const record of records) {
      yield table.row(record);
    }
    table.locator?.finish();
  } finally {
    await fh.close();
  }
}

/** How a file of either form is read and named in messages. */
interface FileForm {
  readonly separator: FieldSeparator;
  readonly what: string;
  readonly fields: string;
}
const TSV: FileForm = { separator: 0x09, what: 'a VLMEvalKit TSV file', fields: 'tab-separated' };
const CSV: FileForm = { separator: 0x2c, what: 'a CSV file', fields: 'comma-separated' };

/** What all rows of one file share. */
class Table {
  readonly columns: readonly string[];
  readonly locator: RowLocator | undefined;
  private readonly fieldsWord: string;
  private readonly positions: ReadonlyMap<string, number>;
  private readonly images: ImageContext;

  constructor(
    private readonly file: string,
    header: FileRecord,
    options: ReadTsvOptions,
    /** The file's size when its last line has no newline: a row ending there may be cut short. */
    private readonly cutAt: number | undefined,
  ) {
    this.columns = columnNames(file, header.fields.map(cellText));
    this.positions = new Map(this.columns.map((name, i) => [name, i]));
    // Only a VLMEvalKit TSV's `image` cells may name another row's index.
    const indexColumn = options.csv === true ? undefined : this.positions.get('index');
    this.locator = indexColumn === undefined ? undefined : new RowLocator(file, indexColumn, header.end);
    this.fieldsWord = options.csv === true ? CSV.fields : TSV.fields;
    this.images = {
      file,
      imageColumn: this.positions.get('image'),
      imagePathColumn: this.positions.get('image_path'),
      imageDirs: options.imageDirs ?? [defaultImageDir(file)],
      relativePaths: options.relativeImagePaths === true,
      locator: this.locator,
      cache: new Lru<number, ImageBytes[]>(IMAGE_CACHE_ROWS),
    };
  }

  /** A short last row with no newline after it is what an interrupted download or copy leaves. */
  private cutHint(record: FileRecord): string {
    const short = record.fields.length < this.columns.length;
    return short && record.end === this.cutAt ? '; the file ends in the middle of this row (cut short? download or copy it again)' : '';
  }

  row(record: FileRecord): DataRow {
    if (record.fields.length !== this.columns.length) {
      throw new DataError(
        this.file,
        { row: record.row },
        `expected ${this.columns.length} ${this.fieldsWord} fields (as in the header), found ${record.fields.length}${this.cutHint(record)}`,
      );
    }
    this.locator?.add(record);
    const { file, columns, positions, images } = this;
    const { row } = record;
    // Long cells are views of the reader's buffer, which the next record overwrites: kept now.
    const fields: HeldCell[] = record.fields.map((cell, i) =>
      typeof cell === 'string' ? cell : i === images.imageColumn ? holdImageCell(cell) : Buffer.from(cell),
    );
    const fieldAt = (column: string) => {
      const i = positions.get(column);
      return i === undefined ? undefined : fields[i];
    };
    return {
      file,
      rowNumber: row,
      columns,
      endOffset: record.end,
      get: (column) => {
        const cell = fieldAt(column);
        return cell === undefined ? undefined : heldText(cell);
      },
      list: (column) => {
        const cell = fieldAt(column);
        const text = cell === undefined ? undefined : heldText(cell);
        return text !== undefined && looksLikeList(text) ? parseListCell(text) : undefined;
      },
      // A copy: the cached array is shared with later references to this row.
      images: async () => [...(await rowImages(images, row, fields))],
    };
  }
}

/** The file's size when it does not end with a newline (pandas always writes one), else undefined. */
async function unterminatedEnd(fh: FileHandle): Promise<number | undefined> {
  const { size } = await fh.stat();
  if (size === 0) return undefined;
  const last = Buffer.alloc(1);
  await fh.read(last, 0, 1, size - 1);
  return last[0] === 0x0a ? undefined : size;
}

/** pandas names an empty header cell `Unnamed: <i>` (e.g. a saved DataFrame index); so do we. */
function columnNames(file: string, header: readonly string[]): string[] {
  const names = header.map((name, i) => (name === '' ? `Unnamed: ${i}` : name));
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new DataError(file, {}, `header row: column '${name}' appears twice; expected unique column names`);
    seen.add(name);
  }
  return names;
}


/**
 * Where the text starts: after a UTF-8 BOM (Excel and some editors write one; pandas skips it too).
 * Files that are not UTF-8 text at all are named by what they are, instead of a NUL-byte or
 * column error that would leave the user guessing (a download that saved an HTML error page, a
 * Parquet or gzip file under a .tsv name, an Excel "Unicode text" export in UTF-16).
 */
async function textStart(fh: FileHandle, file: string, form: FileForm): Promise<number> {
  const head = Buffer.alloc(64);
  const { bytesRead } = await fh.read(head, 0, head.length, 0);
  const start = head.subarray(0, bytesRead);
  if (start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf) return 3;
  const what = binaryKind(start);
  if (what !== undefined) throw new DataError(file, {}, `${what}; expected a UTF-8 ${form.fields} ${form === CSV ? 'CSV' : 'VLMEvalKit TSV'}`);
  return 0;
}

function binaryKind(start: Buffer): string | undefined {
  if ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff)) return 'the file is UTF-16 encoded (re-save it as UTF-8)';
  const ascii = start.toString('latin1');
  if (ascii.startsWith('PAR1')) return 'this is a Parquet file (name it .parquet, or give its folder)';
  if (start[0] === 0x1f && start[1] === 0x8b) return 'the file is gzip-compressed (decompress it first)';
  if (ascii.startsWith('PK\x03\x04')) return 'this is a zip archive (extract it first)';
  if (/^\s*<(!doctype html|html|\?xml)/i.test(ascii)) return 'this is an HTML/XML page, not data (a failed download?)';
  return undefined;
}
