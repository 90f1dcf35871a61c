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

export interface ReadTsvOptions {
  /**
   * Folders searched, after the TSV's own folder, for relative `image_path` values.
   * Default: VLMEvalKit's `$LMUData/images/<dataset>/`.
   */
  readonly imageDirs?: readonly string[];
}

/** Enough for the rotations of a circular item, which sit next to each other. */
const IMAGE_CACHE_ROWS = 8;

/**
 * Streams the rows of a VLMEvalKit TSV (pandas `to_csv(sep='\t')` output). Memory stays flat:
 * rows are not kept, and image references are resolved by re-reading the referenced row.
 */
export function readTsv(file: string, options: ReadTsvOptions = {}): AsyncIterable<DataRow> {
  return { [Symbol.asyncIterator]: () => streamRows(file, options) };
}

async function* streamRows(file: string, options: ReadTsvOptions): AsyncGenerator<DataRow> {
  const fh = await openDataFile(file, 'a VLMEvalKit TSV file');
  try {
    const records = readRecords(fh, file, await bomLength(fh), 0);
    const header = await records.next();
    if (header.done === true) {
      throw new DataError(file, {}, 'empty file: expected a header row of tab-separated column names');
    }
    const table = new Table(file, header.value, options);
    for await (const record of records) {
      yield table.row(record);
    }
    table.locator?.finish();
  } finally {
    await fh.close();
  }
}

/** What all rows of one file share. */
class Table {
  readonly columns: readonly string[];
  readonly locator: RowLocator | undefined;
  private readonly positions: ReadonlyMap<string, number>;
  private readonly images: ImageContext;

  constructor(
    private readonly file: string,
    header: FileRecord,
    options: ReadTsvOptions,
  ) {
    this.columns = columnNames(file, header.fields);
    this.positions = new Map(this.columns.map((name, i) => [name, i]));
    const indexColumn = this.positions.get('index');
    this.locator = indexColumn === undefined ? undefined : new RowLocator(file, indexColumn, header.end);
    this.images = {
      file,
      imageColumn: this.positions.get('image'),
      imagePathColumn: this.positions.get('image_path'),
      imageDirs: options.imageDirs ?? [defaultImageDir(file)],
      locator: this.locator,
      cache: new Lru<number, ImageBytes[]>(IMAGE_CACHE_ROWS),
    };
  }

  row(record: FileRecord): DataRow {
    if (record.fields.length !== this.columns.length) {
      throw new DataError(
        this.file,
        { row: record.row },
        `expected ${this.columns.length} tab-separated fields (as in the header), found ${record.fields.length}`,
      );
    }
    this.locator?.add(record);
    const { file, columns, positions, images } = this;
    const { fields, row } = record;
    return {
      file,
      rowNumber: row,
      columns,
      endOffset: record.end,
      get: (column) => {
        const i = positions.get(column);
        return i === undefined ? undefined : fields[i];
      },
      list: (column) => {
        const i = positions.get(column);
        const cell = i === undefined ? undefined : fields[i];
        return cell !== undefined && looksLikeList(cell) ? parseListCell(cell) : undefined;
      },
      // A copy: the cached array is shared with later references to this row.
      images: async () => [...(await rowImages(images, row, fields))],
    };
  }
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


/** Length of a leading UTF-8 BOM (Excel and some editors write one), which pandas also skips. */
async function bomLength(fh: FileHandle): Promise<number> {
  const head = Buffer.alloc(3);
  const { bytesRead } = await fh.read(head, 0, 3, 0);
  const bom = bytesRead === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  return bom ? 3 : 0;
}
