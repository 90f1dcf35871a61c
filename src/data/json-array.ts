import { StringDecoder } from 'node:string_decoder';
import { dirname } from 'node:path';
import type { DataRow, ImageBytes } from '../core/types.js';
import { DataError } from '../core/errors.js';
import { imagesFromPaths } from './image-paths.js';
import { openDataFile } from './open-file.js';

/**
 * A benchmark's own JSON question file: one top-level array of flat objects (ViewSpatial-Bench's
 * eval/ViewSpatial-Bench.json). The array is scanned element by element, so only the current
 * object's text is held, however long the file.
 */
export interface ReadJsonOptions {
  /** The field listing each item's image files (paths relative to the file's folder or the one above). */
  readonly imagePathField: string;
}

const CHUNK = 1 << 20;

export function readJsonArray(file: string, options: ReadJsonOptions): AsyncIterable<DataRow> {
  return { [Symbol.asyncIterator]: () => streamObjects(file, options) };
}

async function* streamObjects(file: string, options: ReadJsonOptions): AsyncGenerator<DataRow> {
  const fh = await openDataFile(file, 'a JSON file holding an array of question objects');
  try {
    const scanner = new ArrayScanner(file);
    const decoder = new StringDecoder('utf8');
    const buf = Buffer.allocUnsafe(CHUNK);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, CHUNK, null);
      const text = bytesRead === 0 ? decoder.end() : decoder.write(buf.subarray(0, bytesRead));
      for (const element of scanner.feed(text)) yield jsonRow(file, element, options);
      if (bytesRead === 0) break;
    }
    scanner.finish();
  } finally {
    await fh.close();
  }
}

interface Element {
  readonly row: number;
  readonly text: string;
  readonly endOffset: number;
}

/** Splits `[ {…}, {…} ]` into its elements' texts, tracking strings so brackets inside them do not count. */
class ArrayScanner {
  private pending = '';
  private started = false;
  private ended = false;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private row = 0;
  /** Bytes of the file before `pending`. */
  private consumed = 0;

  constructor(private readonly file: string) {}

  /** Where the element being read starts in the pending text. */
  private elementStart = 0;

  *feed(text: string): Generator<Element> {
    const chunk = this.pending + text;
    // chunk[0, start) is counted in `consumed`.
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i] as string;
      if (this.depth > 1) {
        if (!this.inElement(c)) continue;
        this.consumed += Buffer.byteLength(chunk.slice(start, i + 1));
        yield { row: ++this.row, text: chunk.slice(this.elementStart, i + 1), endOffset: this.consumed };
        start = i + 1;
        continue;
      }
      if (this.outside(c, chunk, i)) this.elementStart = i;
    }
    if (this.depth > 1) {
      this.pending = chunk.slice(start);
      this.elementStart -= start;
    } else {
      this.consumed += Buffer.byteLength(chunk.slice(start));
      this.pending = '';
    }
  }

  /** A character inside an element; true when it closes the element. */
  private inElement(c: string): boolean {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (c === '\\') this.escaped = true;
      else if (c === '"') this.inString = false;
      return false;
    }
    if (c === '"') this.inString = true;
    else if (c === '{' || c === '[') this.depth++;
    else if (c === '}' || c === ']') this.depth--;
    return this.depth === 1;
  }

  /** A character between elements (or around the array); true when it opens an element. */
  private outside(c: string, chunk: string, i: number): boolean {
    if (/\s/.test(c) || (c === '\ufeff' && !this.started)) return false;
    if (this.ended) this.fail('text after the closing ] of the array');
    if (!this.started) {
      if (c !== '[') this.fail(`expected the file to start with [ (an array of question objects), found '${c}'`);
      this.started = true;
      this.depth = 1;
      return false;
    }
    if (c === ',') return false;
    if (c === ']') {
      this.ended = true;
      this.depth = 0;
      return false;
    }
    if (c !== '{') this.fail(`element ${this.row + 1}: expected a JSON object {…}, found '${chunk.slice(i, i + 20)}'`);
    this.depth = 2;
    return true;
  }

  finish(): void {
    if (!this.started) this.fail('empty file: expected an array of question objects');
    if (!this.ended) this.fail(`the array is not closed after element ${this.row} (file cut short? download or copy it again)`);
  }

  private fail(expected: string): never {
    throw new DataError(this.file, {}, expected);
  }
}

function jsonRow(file: string, element: Element, options: ReadJsonOptions): DataRow {
  const fields = parseObject(file, element);
  const columns = Object.keys(fields);
  const cell = (name: string): unknown => (Object.hasOwn(fields, name) ? fields[name] : undefined);
  const list = (name: string): string[] | undefined => {
    const v = cell(name);
    return Array.isArray(v) && v.every((x): x is string => typeof x === 'string') ? v : undefined;
  };
  return {
    file,
    rowNumber: element.row,
    columns,
    endOffset: element.endOffset,
    get: (name) => scalarText(cell(name)),
    list,
    images: async (): Promise<ImageBytes[]> => {
      const paths = list(options.imagePathField) ?? singlePath(cell(options.imagePathField));
      if (paths === undefined) {
        throw new DataError(file, { row: element.row, column: options.imagePathField }, 'expected a list of image file paths');
      }
      return imagesFromPaths(file, element.row, paths, [dirname(dirname(file))]);
    },
  };
}

function singlePath(v: unknown): string[] | undefined {
  return typeof v === 'string' && v !== '' ? [v] : undefined;
}

/** Strings as they are, numbers and booleans as text; lists and objects are not cells. */
function scalarText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

function parseObject(file: string, element: Element): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(element.text);
  } catch (err) {
    throw new DataError(file, { row: element.row }, `expected a valid JSON object (${err instanceof Error ? err.message : String(err)})`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DataError(file, { row: element.row }, 'expected a JSON object');
  }
  return { ...value };
}
