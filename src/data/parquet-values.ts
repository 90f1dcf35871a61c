import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join } from 'node:path';
import type { ImageBytes } from '../core/types.js';
import { DataError } from '../core/errors.js';
import { sniffImageMime } from './mime.js';

/**
 * Turns decoded Parquet values (as hyparquet returns them with `utf8: false`) into the text,
 * lists and images a DataRow exposes.
 */

/** Cell text: strings as they are, numbers via String, null ''; nested values as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // Binary without a UTF8 annotation: older writers store text this way.
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  if (value instanceof Date) return value.toISOString();
  return JSON.stringify(value, jsonValue);
}

function jsonValue(_key: string, value: unknown): unknown {
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : String(value);
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  return value;
}

/** A list column's elements as text (null elements ''), or undefined when the value is no list. */
export function listText(value: unknown): string[] | undefined {
  if (Array.isArray(value)) return value.map(cellText);
  // Defensive: a numeric list may come back as a typed array.
  if (ArrayBuffer.isView(value) && !(value instanceof Uint8Array) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (v) => String(v));
  }
  return undefined;
}

/** Where an image value came from, for error messages and relative paths. */
export interface ImageSite {
  readonly file: string;
  readonly row: number;
  readonly column: string;
}

const KNOWN_TYPES = 'a JPEG, PNG, GIF, WebP, BMP or TIFF image';
const EXPECTED = 'expected image bytes, a HuggingFace image struct {bytes, path}, or a list of those';

/**
 * The images of one image-column value: raw bytes, a HF image struct {bytes, path}, or a list of
 * either. A null value (BLINK's unused image_3/image_4) gives none; a null list element is an error,
 * since dropping it would silently change which picture a question refers to.
 */
export async function imagesOf(site: ImageSite, value: unknown): Promise<ImageBytes[]> {
  if (!Array.isArray(value)) {
    const image = await imageOf(site, value, '');
    return image === undefined ? [] : [image];
  }
  const out: ImageBytes[] = [];
  for (const [i, item] of value.entries()) {
    const image = await imageOf(site, item, `list element ${i + 1}: `);
    if (image === undefined) throw imageError(site, `list element ${i + 1} is null; ${EXPECTED}`);
    out.push(image);
  }
  return out;
}

async function imageOf(site: ImageSite, value: unknown, where: string): Promise<ImageBytes | undefined> {
  if (value === null || value === undefined) return undefined;
  if (value instanceof Uint8Array) return fromBytes(site, value, where);
  if (typeof value !== 'object' || Array.isArray(value) || !('bytes' in value || 'path' in value)) {
    throw imageError(site, `${where}${EXPECTED}, found ${describe(value)}`);
  }
  const { bytes, path } = value as { bytes?: unknown; path?: unknown };
  if (bytes instanceof Uint8Array) return fromBytes(site, bytes, where);
  if (bytes !== null && bytes !== undefined) throw imageError(site, `${where}the struct's 'bytes' field is ${describe(bytes)}; ${EXPECTED}`);
  if (typeof path === 'string' && path !== '') return fromPath(site, path, where);
  return undefined; // {bytes: null, path: null}: no image, like a null struct
}

function fromBytes(site: ImageSite, bytes: Uint8Array, where: string): ImageBytes {
  const mime = sniffImageMime(bytes);
  if (mime === undefined) {
    const head = Buffer.from(bytes.subarray(0, 8)).toString('hex');
    throw imageError(site, `${where}the ${bytes.length} bytes are not ${KNOWN_TYPES} (they start with hex ${head || '(nothing)'})`);
  }
  // A copy: hyparquet's values are views into whole decompressed pages, which a kept image would pin.
  return { data: Buffer.from(bytes), mime };
}

/** HF image structs with `bytes: null` point at a file; relative paths are taken next to the Parquet file. */
async function fromPath(site: ImageSite, path: string, where: string): Promise<ImageBytes> {
  const full = isAbsolute(path) ? path : join(dirname(site.file), path);
  let data: Buffer;
  try {
    data = await readFile(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' || code === 'ENOTDIR' ? 'not found' : `unreadable (${code ?? String(err)})`;
    throw imageError(site, `${where}the image struct has no bytes and its path '${path}' is ${why} (looked at ${full}); expected the image file next to the Parquet file`);
  }
  const mime = sniffImageMime(data);
  if (mime === undefined) throw imageError(site, `${where}'${full}' (from the image struct's path) is not ${KNOWN_TYPES}`);
  return { data, mime };
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `a string of ${value.length} characters`;
  if (Array.isArray(value)) return 'a list';
  if (value === null || value === undefined) return 'null';
  return typeof value === 'object' ? `a struct with fields ${Object.keys(value).join(', ') || '(none)'}` : `a ${typeof value}`;
}

function imageError(site: ImageSite, expected: string): DataError {
  return new DataError(site.file, { row: site.row, column: site.column }, expected);
}
