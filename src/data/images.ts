import type { ImageBytes } from '../core/types.js';
import { DataError } from '../core/errors.js';
import { decodeBase64Strict, describeBadBase64 } from './base64.js';
import { imagesFromPaths } from './image-paths.js';
import { looksLikeList, parseListCell } from './list-cell.js';
import type { Lru } from './lru.js';
import { sniffImageMime } from './mime.js';
import type { RowLocator } from './row-locator.js';
import { DecodedCell, heldText, type HeldCell } from './held-cell.js';
import { cellText, type TsvCell } from './tsv-record.js';

export { sniffImageMime } from './mime.js';

/** What resolving a row's images needs to know about its file. */
export interface ImageContext {
  readonly file: string;
  readonly imageColumn: number | undefined;
  readonly imagePathColumn: number | undefined;
  /** Folders searched for relative `image_path` values, in order. */
  readonly imageDirs: readonly string[];
  /** `image_path` values are relative after their leading slashes (and spaces) are stripped. */
  readonly relativePaths: boolean;
  /** Undefined when the file has no `index` column, so references can't be resolved. */
  readonly locator: RowLocator | undefined;
  /** Resolved images by row number. */
  readonly cache: Lru<number, ImageBytes[]>;
}

/** VLMEvalKit (image_base.py): an `image` value of at most this many characters is another row's index. */
export const MAX_REFERENCE_LENGTH = 64;

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

const KNOWN_TYPES = 'a JPEG, PNG, GIF, WebP, BMP or TIFF image';

/**
 * The images of one row, in order: from the `image` cell (base64, a reference to another row's
 * index, or a list of those), else from `image_path`. `chain` holds the rows whose references led
 * here, to detect cycles.
 */
export async function rowImages(
  ctx: ImageContext,
  row: number,
  fields: readonly HeldCell[],
  chain: readonly number[] = [],
): Promise<ImageBytes[]> {
  const cached = ctx.cache.get(row);
  if (cached !== undefined) return cached;
  const image = cellAt(fields, ctx.imageColumn);
  const path = heldText(cellAt(fields, ctx.imagePathColumn));
  let images: ImageBytes[] = [];
  // When both are present VLMEvalKit treats image_path as where to dump the decoded image.
  if (image instanceof DecodedCell || image.length > 0) images = await imagesFromCell(ctx, row, image, chain);
  else if (path !== '') images = await imagesFromPaths(ctx.file, row, splitList(ctx.file, row, 'image_path', path).map((p) => (ctx.relativePaths ? p.trim().replace(/^[\\/]+/, '') : p)), ctx.imageDirs);
  ctx.cache.set(row, images);
  return images;
}

function cellAt(fields: readonly HeldCell[], column: number | undefined): HeldCell {
  return column === undefined ? '' : (fields[column] ?? '');
}

function splitList(file: string, row: number, column: string, cell: string): string[] {
  if (!looksLikeList(cell)) return [cell];
  const items = parseListCell(cell);
  if (items === undefined) {
    throw new DataError(file, { row, column }, "expected a list of quoted strings like ['…', '…'] (Python or JSON syntax)");
  }
  return items;
}

async function imagesFromCell(ctx: ImageContext, row: number, cell: HeldCell, chain: readonly number[]) {
  if (cell instanceof DecodedCell) return [new CellImage(cell.data, mimeOf(ctx.file, row, cell.data), () => cell.text())];
  // A long cell held as bytes is one image (far longer than a reference), unless it is a list.
  if (typeof cell !== 'string' && !(cell[0] === OPEN_BRACKET && cell[cell.length - 1] === CLOSE_BRACKET)) return [decodeImage(ctx.file, row, cell)];
  const out: ImageBytes[] = [];
  for (const item of splitList(ctx.file, row, 'image', cellText(cell))) {
    out.push(...(await imagesFromValue(ctx, row, item, chain)));
  }
  return out;
}

async function imagesFromValue(ctx: ImageContext, row: number, value: string, chain: readonly number[]) {
  if (value.length > MAX_REFERENCE_LENGTH) return [decodeImage(ctx.file, row, value)];
  // A short value is a reference, unless it really is a (tiny) image.
  const bytes = decodeBase64Strict(value);
  const mime = bytes && sniffImageMime(bytes);
  if (bytes !== undefined && mime !== undefined) return [{ data: bytes, mime, base64: value }];
  if (value === '') throw imageError(ctx.file, row, 'expected base64-encoded image bytes or a row index, found an empty list element');
  return resolveReference(ctx, row, value, chain);
}

function decodeImage(file: string, row: number, value: TsvCell): ImageBytes {
  const data = decodeBase64Strict(value);
  if (data === undefined) {
    throw imageError(file, row, `expected base64-encoded image bytes (${describeBadBase64(cellText(value))})`);
  }
  const mime = mimeOf(file, row, data);
  return typeof value === 'string' ? { data, mime, base64: value } : new CellImage(data, mime, () => value.toString('latin1'));
}

function mimeOf(file: string, row: number, data: Buffer): string {
  const mime = sniffImageMime(data);
  if (mime === undefined) {
    const head = data.subarray(0, 8).toString('hex');
    throw imageError(file, row, `expected base64-encoded image bytes: the ${data.length} decoded bytes are not ${KNOWN_TYPES} (they start with hex ${head})`);
  }
  return mime;
}

/**
 * An image decoded from a long cell (held-cell.ts): its base64 text becomes a string only if asked
 * for (base64 in the body sends the dataset's text as is); by path, it never is.
 */
class CellImage implements ImageBytes {
  constructor(
    readonly data: Buffer,
    readonly mime: string,
    private readonly text: () => string,
  ) {}

  get base64(): string {
    return this.text();
  }
}

async function resolveReference(ctx: ImageContext, row: number, index: string, chain: readonly number[]) {
  const what = `'${index}' is read as the index of another row whose image to reuse`;
  if (ctx.locator === undefined) throw imageError(ctx.file, row, `${what}, but the file has no 'index' column`);
  if (ctx.locator.isDuplicated(index)) throw imageError(ctx.file, row, `${what}, but several rows have that index`);
  const span = await ctx.locator.find(index);
  if (span === undefined) throw imageError(ctx.file, row, `${what}, but no row has index '${index}'`);
  if (span.row === row || chain.includes(span.row)) {
    throw imageError(ctx.file, row, `${what}, but the references loop back (rows ${[...chain, row, span.row].join(' → ')})`);
  }
  const cached = ctx.cache.get(span.row);
  const images = cached ?? (await rowImages(ctx, span.row, await ctx.locator.readFields(span), [...chain, row]));
  if (images.length === 0) throw imageError(ctx.file, row, `${what}, but row ${span.row} with that index has no image`);
  return images;
}

function imageError(file: string, row: number, expected: string): DataError {
  return new DataError(file, { row, column: 'image' }, expected);
}
