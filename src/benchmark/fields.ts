import type { DataRow } from '../core/types.js';
import { DataError } from '../core/errors.js';
import { isPandasNa } from './mcq.js';

/**
 * One Sample field read from a data row. Benchmarks name the same thing differently in their
 * VLMEvalKit TSV and their own Parquet (BLINK `category` vs `sub_task`, CV-Bench `split` vs
 * `type`), so a field lists the columns it may come from and every form scores under one name.
 */
export interface FieldSpec {
  /** Columns to read, first present non-empty one wins. */
  readonly from: readonly string[];
  /**
   * The values the benchmark defines. A cell matching one up to case, spaces, `_` and `-` is
   * stored in this canonical spelling; any other value is a schema error, because a stray value
   * would silently fall out of every metric that lists the canonical ones.
   */
  readonly values?: readonly string[];
}

/** Reads every field; a field none of whose columns has a value is a schema error. */
export function readFields(row: DataRow, specs: Readonly<Record<string, FieldSpec>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, spec] of Object.entries(specs)) out[name] = readField(row, spec);
  return out;
}

function readField(row: DataRow, spec: FieldSpec): string {
  for (const column of spec.from) {
    const value = row.get(column);
    if (isPandasNa(value)) continue;
    return spec.values === undefined ? (value as string) : canonical(row, column, value as string, spec.values);
  }
  const columns = spec.from.map((c) => `'${c}'`).join(' or ');
  const present = spec.from.find((c) => row.get(c) !== undefined);
  if (present !== undefined) throw new DataError(row.file, { row: row.rowNumber, column: present }, `empty '${present}'; expected a value`);
  throw new DataError(row.file, { row: row.rowNumber }, `missing column ${columns}; the file has columns: ${row.columns.join(', ')}`);
}

const key = (s: string): string => s.toLowerCase().replace(/[\s_-]+/g, '');

function canonical(row: DataRow, column: string, value: string, values: readonly string[]): string {
  const match = values.find((v) => key(v) === key(value));
  if (match !== undefined) return match;
  throw new DataError(row.file, { row: row.rowNumber, column }, `unexpected value '${value}'; expected one of ${values.join(', ')}`);
}
