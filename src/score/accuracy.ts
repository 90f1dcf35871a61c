import type { ScoredItem } from '../core/types.js';

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
  const cells = new Map<string, Map<string, Cell>>();
  const valuesOf = breakdowns.map(() => new Set<string>());
  for (const it of items) {
    const split = it.fields[splitField] ?? 'none';
    let row = cells.get(split);
    if (row === undefined) cells.set(split, (row = new Map()));
    count(row, 'Overall', it.hit);
    breakdowns.forEach((field, i) => {
      const v = it.fields[field];
      if (v === undefined) return;
      valuesOf[i]?.add(v);
      // Keyed by field too: the same value under two fields is two columns' worth of items.
      count(row, `${i}\0${v}`, it.hit);
    });
  }
  const columns: { name: string; key: string }[] = [{ name: 'Overall', key: 'Overall' }];
  const seen = new Set(['Overall']);
  breakdowns.forEach((_, i) => {
    for (const v of sorted([...(valuesOf[i] ?? [])])) {
      if (seen.has(v)) continue;
      seen.add(v);
      columns.push({ name: v, key: `${i}\0${v}` });
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
      const cell = row?.get(c.key);
      ns[c.name] = cell?.n ?? 0;
      values[c.name] = cell === undefined || cell.n === 0 ? Number.NaN : cell.hits / cell.n;
    }
    rows.push({ split, values });
    counts.push({ split, values: ns });
  }
  return { columns: columns.map((c) => c.name), rows, counts };
}

function count(row: Map<string, Cell>, key: string, hit: boolean): void {
  let cell = row.get(key);
  if (cell === undefined) row.set(key, (cell = { n: 0, hits: 0 }));
  cell.n++;
  if (hit) cell.hits++;
}

/** Plain accuracy over all items (NaN when there are none). */
export function accuracy(items: readonly ScoredItem[]): number {
  if (items.length === 0) return Number.NaN;
  let hits = 0;
  for (const it of items) if (it.hit) hits++;
  return hits / items.length;
}

function sorted(values: string[]): string[] {
  return values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
