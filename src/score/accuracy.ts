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

/**
 * VLMEvalKit's report_acc: a row per split ('none' without a split column), Overall, then for each
 * breakdown field (l2-category, category) the accuracy of each of its values, sorted.
 * Values are fractions in [0, 1] as VLMEvalKit writes them; cells with no items are NaN.
 */
export function accuracyTable(items: readonly ScoredItem[], breakdowns: readonly string[], splitField: string): AccuracyTable {
  const splitOf = (it: ScoredItem): string => it.fields[splitField] ?? 'none';
  const splits = sortedUnique(items.map(splitOf));
  if (splits.length === 0) splits.push('none');
  const columns: { name: string; select: (it: ScoredItem) => boolean }[] = [{ name: 'Overall', select: () => true }];
  const seen = new Set<string>(['Overall']);
  for (const field of breakdowns) {
    const values = sortedUnique(items.flatMap((it) => (it.fields[field] !== undefined ? [it.fields[field] as string] : [])));
    for (const value of values) {
      if (seen.has(value)) continue;
      seen.add(value);
      columns.push({ name: value, select: (it) => it.fields[field] === value });
    }
  }
  const rows: AccuracyRow[] = [];
  const counts: AccuracyRow[] = [];
  for (const split of splits) {
    const inSplit = items.filter((it) => splitOf(it) === split);
    const values: Record<string, number> = {};
    const ns: Record<string, number> = {};
    for (const col of columns) {
      const sel = inSplit.filter(col.select);
      ns[col.name] = sel.length;
      values[col.name] = sel.length === 0 ? Number.NaN : sel.filter((it) => it.hit).length / sel.length;
    }
    rows.push({ split, values });
    counts.push({ split, values: ns });
  }
  return { columns: columns.map((c) => c.name), rows, counts };
}

/** Plain accuracy over all items (NaN when there are none). */
export function accuracy(items: readonly ScoredItem[]): number {
  return items.length === 0 ? Number.NaN : items.filter((it) => it.hit).length / items.length;
}

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
