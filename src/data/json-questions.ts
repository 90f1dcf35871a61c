import { dirname } from 'node:path';
import type { DataRow, ImageBytes } from '../core/types.js';
import { DataError } from '../core/errors.js';
import { imagesFromPaths } from './image-paths.js';
import { openDataFile } from './open-file.js';
import { readJsonArray, type ArrayElement } from './json-array.js';

/**
 * A benchmark's own JSON question file: one top-level array of flat objects (ViewSpatial-Bench's
 * eval/ViewSpatial-Bench.json). The array is split element by element (json-array.ts), so only
 * the current object's text is held, however long the file.
 */
export interface ReadJsonOptions {
  /** The field listing each item's image files (paths relative to the file's folder or the one above). */
  readonly imagePathField: string;
  /** Field names for items written as arrays (element i is field i); without them an array item is an error. */
  readonly arrayItemFields?: readonly string[] | undefined;
}

export function readJsonQuestions(file: string, options: ReadJsonOptions): AsyncIterable<DataRow> {
  return { [Symbol.asyncIterator]: () => streamObjects(file, options) };
}

async function* streamObjects(file: string, options: ReadJsonOptions): AsyncGenerator<DataRow> {
  const fh = await openDataFile(file, 'a JSON file holding an array of question objects');
  try {
    for await (const element of readJsonArray(fh, file)) yield jsonRow(file, element, options);
  } finally {
    await fh.close();
  }
}

function jsonRow(file: string, element: ArrayElement, options: ReadJsonOptions): DataRow {
  const fields = parseObject(file, element, options.arrayItemFields);
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
    endOffset: element.end,
    get: (name) => scalarText(cell(name)),
    list,
    value: cell,
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

function parseObject(file: string, element: ArrayElement, arrayItemFields: readonly string[] | undefined): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(element.text);
  } catch (err) {
    throw new DataError(file, { row: element.row }, `expected a valid JSON object (${err instanceof Error ? err.message : String(err)})`);
  }
  if (Array.isArray(value) && arrayItemFields !== undefined) return namedElements(value, arrayItemFields);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DataError(file, { row: element.row }, arrayItemFields === undefined ? 'expected a JSON object' : `expected a JSON object or an array [${arrayItemFields.join(', ')}]`);
  }
  return { ...value };
}

/** An array item as an object: element i under the i-th name (elements beyond the names are not read). */
function namedElements(values: readonly unknown[], names: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  names.forEach((name, i) => {
    if (i < values.length) out[name] = values[i];
  });
  return out;
}
