import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/**
 * Synthetic VLMEvalKit MCQ TSVs with the real schema, for tests and benchmarks (the real files
 * live on hubs our machines cannot reach). Written as a stream, so multi-GB files are fine.
 */

export interface SyntheticTsvOptions {
  /** Number of data rows. */
  readonly rows: number;
  /** Approximate decoded size of each image in bytes (a valid JPEG padded with COM segments). */
  readonly imageBytes: number;
  /**
   * Circular layout: each original row is followed by its 3 rotations, with index
   * `orig + 1e6·k`, options rotated by k, and `image` = the original's index (a reference).
   */
  readonly circular?: boolean;
}

export const SYNTHETIC_COLUMNS = ['index', 'image', 'question', 'A', 'B', 'C', 'D', 'answer', 'category', 'l2-category', 'split'] as const;

/** An 8×8 baseline JPEG (ImageMagick output, metadata stripped). */
const TINY_JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/2wBDAQkJCQwLDBgNDRgyIRwhMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjIyMjL/wAARCAAIAAgDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAf/xAAWEAEBAQAAAAAAAAAAAAAAAAAAFWL/xAAVAQEBAAAAAAAAAAAAAAAAAAAFB//EABcRAAMBAAAAAAAAAAAAAAAAAAAFFlL/2gAMAwEAAhEDEQA/AJpU0Ao0wtwJ0TDZ/9k=',
  'base64',
);
/** A 1×1 PNG, for tests that need a second format. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABAQMAAAAl21bKAAAAA1BMVEVAgMB3B+rhAAAACklEQVQI12NgAAAAAgAB4iG8MwAAAABJRU5ErkJggg==',
  'base64',
);
/** SOI (2 bytes) + the JFIF APP0 segment (2 + 16 bytes): comments go after it, where JFIF allows them. */
const AFTER_APP0 = 20;
const MAX_COM_PAYLOAD = 0xffff - 2;

/**
 * A valid JPEG of about `size` bytes whose comment names `label`, so every row's image differs.
 * Decoders skip COM (0xFFFE) segments, so the picture itself stays the 8×8 one.
 */
export function paddedJpeg(size: number, label: string): Buffer {
  const segments: Buffer[] = [];
  let room = Math.max(size - TINY_JPEG.length, label.length + 4);
  let text = label;
  while (room > 4) {
    const payload = Math.min(room - 4, MAX_COM_PAYLOAD);
    const body = Buffer.alloc(payload, '.');
    body.write(text.slice(0, payload), 'latin1');
    text = '';
    const head = Buffer.from([0xff, 0xfe, (payload + 2) >> 8, (payload + 2) & 0xff]);
    segments.push(head, body);
    room -= payload + 4;
  }
  return Buffer.concat([TINY_JPEG.subarray(0, AFTER_APP0), ...segments, TINY_JPEG.subarray(AFTER_APP0)]);
}

/** Writes the file; resolves once it is flushed and closed. */
export async function writeSyntheticTsv(file: string, options: SyntheticTsvOptions): Promise<void> {
  const out = createWriteStream(file);
  try {
    await write(out, `${SYNTHETIC_COLUMNS.join('\t')}\n`);
    for (let i = 0; i < options.rows; i++) {
      await write(out, `${syntheticRow(i, options).map(quoteField).join('\t')}\n`);
    }
    out.end();
    await finished(out);
  } catch (err) {
    out.destroy();
    throw err;
  }
}

/** The fields of data row `i` (0-based) in SYNTHETIC_COLUMNS order. */
function syntheticRow(i: number, options: SyntheticTsvOptions): string[] {
  const rotation = options.circular === true ? i % 4 : 0;
  const orig = options.circular === true ? Math.floor(i / 4) : i;
  const index = String(orig + 1_000_000 * rotation);
  const image = rotation === 0 ? paddedJpeg(options.imageBytes, `actial-eval synthetic image ${orig}`).toString('base64') : String(orig);
  // Every 7th question has three options: the D cell is empty (NaN in pandas).
  const texts = ['red', 'green', 'blue', 'yellow'].slice(0, orig % 7 === 6 ? 3 : 4).map((c) => `a ${c} object`);
  const rotated = texts.map((_, j) => texts[(j + rotation) % texts.length] ?? '');
  const answer = 'ABCD'[(texts.length - rotation + orig) % texts.length] ?? 'A';
  const question = `Which object is closest to the camera in picture ${orig}?\n(Look "carefully".)`;
  const category = ['depth', 'relation', 'count'][orig % 3] ?? 'depth';
  const options4 = [...rotated, '', '', '', ''].slice(0, 4);
  return [index, image, question, ...options4, answer, category, `spatial/${category}`, orig % 2 === 0 ? 'dev' : 'test'];
}

/** pandas' default (QUOTE_MINIMAL) quoting: quote fields holding a tab, newline or quote. */
export function quoteField(value: string): string {
  return /[\t\n\r"]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

async function write(out: WriteStream, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}
