import type { ScoredItem } from '../workdir/scores.js';
import { creditOf } from './credit.js';

/** One row of a VLMEvalKit-style accuracy table: a split, its Overall, then one column per category. */
export interface AccuracyRow {
  readonly split: string;
  readonly values: Readonly<Record<string, number>>;
}

export interface AccuracyTable {
  /** 'Overall' then each breakdown value, in VLMEvalKit's order (per field, sorted). */
  readonly columns: readonly string[];
  readonly rows: readonly AccuracyRow[];
  /** Items per cell, same shape as rows. */
  readonly counts: readonly AccuracyRow[];
}

interface Cell {
  n: number;
  hits: number;
}

/**
 * VLMEvalKit's report_acc: a row per split ('none' without a split column), Overall, then for each
 * breakdown field (l2-category, category) the accuracy of each of its values, sorted.
 * Values are fractions in [0, 1] as VLMEvalKit writes them; cells with no items are NaN.
 * One pass over the items, whatever the number of splits and columns.
 */
export function accuracyTable(items: readonly ScoredItem[], breakdowns: readonly string[], splitField: string): AccuracyTable {
  const cells = new Map<string, SplitCells>();
  for (const it of items) {
    const split = it.fields[splitField] ?? 'none';
    let row = cells.get(split);
    if (row === undefined) cells.set(split, (row = { overall: { n: 0, hits: 0 }, byField: breakdowns.map(() => new Map()) }));
    count(row.overall, creditOf(it));
    for (let i = 0; i < breakdowns.length; i++) {
      const v = it.fields[breakdowns[i] as string];
      if (v === undefined) continue;
      // Per field: the same value under two fields is two columns' worth of items.
      const byValue = row.byField[i] as Map<string, Cell>;
      let cell = byValue.get(v);
      if (cell === undefined) byValue.set(v, (cell = { n: 0, hits: 0 }));
      count(cell, creditOf(it));
    }
  }
  const columns: { name: string; cell: (row: SplitCells) => Cell | undefined }[] = [{ name: 'Overall', cell: (row) => row.overall }];
  const seen = new Set(['Overall']);
  breakdowns.forEach((_, i) => {
    const values = new Set<string>();
    for (const row of cells.values()) for (const v of row.byField[i]?.keys() ?? []) values.add(v);
    for (const v of sorted([...values])) {
      if (seen.has(v)) continue;
      seen.add(v);
      columns.push({ name: v, cell: (row) => row.byField[i]?.get(v) });
    }
  });
  const splits = sorted([...cells.keys()]);
  if (splits.length === 0) splits.push('none');
  const rows: AccuracyRow[] = [];
  const counts: AccuracyRow[] = [];
  for (const split of splits) {
    const row = cells.get(split);
    const values: Record<string, number> = {};
    const ns: Record<string, number> = {};
    for (const c of columns) {
      const cell = row === undefined ? undefined : c.cell(row);
      ns[c.name] = cell?.n ?? 0;
      values[c.name] = cell === undefined || cell.n === 0 ? Number.NaN : cell.hits / cell.n;
    }
    rows.push({ split, values });
    counts.push({ split, values: ns });
  }
  return { columns: columns.map((c) => c.name), rows, counts };
}

/** Hits per split: overall, and per value of each breakdown field (in breakdown order). */
interface SplitCells {
  readonly overall: Cell;
  readonly byField: Map<string, Cell>[];
}

function count(cell: Cell, credit: number): void {
  cell.n++;
  cell.hits += credit;
}

/** Plain accuracy over all items (NaN when there are none). */
export function accuracy(items: readonly ScoredItem[]): number {
  if (items.length === 0) return Number.NaN;
  let hits = 0;
  for (const it of items) hits += creditOf(it);
  return hits / items.length;
}

function sorted(values: string[]): string[] {
  return values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
