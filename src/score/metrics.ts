import type { MetricSpec } from '../benchmark/types.js';
import type { ScoredItem } from '../core/types.js';

export interface MetricValue {
  readonly value: number;
  /** Units behind it (for means: units behind all its parts). */
  readonly n: number;
}

/** Named metrics in declaration order; NaN where no unit counts. */
export type MetricResults = ReadonlyMap<string, MetricValue>;

/** Units and hits behind an accuracy. */
export interface Tally {
  readonly n: number;
  readonly hits: number;
}

/**
 * The hit counts a metric recipe reads: over all units, and per value of a field. Metrics are
 * functions of these alone, so a bootstrap can evaluate the same recipe on resampled counts.
 */
export interface Tallies {
  readonly overall: Tally;
  readonly byValue: (field: string) => ReadonlyMap<string, Tally>;
}

export function computeMetrics(units: readonly ScoredItem[], specs: readonly MetricSpec[]): MetricResults {
  return metricsFromTallies(unitTallies(units), specs);
}

/** Tallies of scored units; each field is counted once, on first use. */
export function unitTallies(units: readonly ScoredItem[]): Tallies {
  const byField = new Map<string, Map<string, Tally>>();
  return {
    overall: overall(units),
    byValue: (field) => {
      let t = byField.get(field);
      if (t === undefined) byField.set(field, (t = tallyBy(units, field)));
      return t;
    },
  };
}

export function metricsFromTallies(tallies: Tallies, specs: readonly MetricSpec[]): MetricResults {
  const out = new Map<string, MetricValue>();
  for (const spec of specs) {
    switch (spec.kind) {
      case 'accuracy':
        out.set(spec.name, toValue(spec.where === undefined ? tallies.overall : tallies.byValue(spec.where.field).get(spec.where.value)));
        break;
      case 'per-value':
        for (const [value, m] of perValue(tallies.byValue(spec.field), spec.values)) out.set(value, m);
        break;
      case 'macro':
        out.set(spec.name, mean([...perValue(tallies.byValue(spec.field), spec.values).values()]));
        break;
      case 'mean':
        out.set(spec.name, mean(spec.of.map((name) => out.get(name) ?? { value: Number.NaN, n: 0 })));
        break;
    }
  }
  return out;
}

/** Hits and counts per value of a field, in one pass. */
function tallyBy(units: readonly ScoredItem[], field: string): Map<string, Tally> {
  const t = new Map<string, { n: number; hits: number }>();
  for (const u of units) {
    const v = u.fields[field];
    if (v === undefined) continue;
    let cell = t.get(v);
    if (cell === undefined) t.set(v, (cell = { n: 0, hits: 0 }));
    cell.n++;
    if (u.hit) cell.hits++;
  }
  return t;
}

function overall(units: readonly ScoredItem[]): Tally {
  let hits = 0;
  for (const u of units) if (u.hit) hits++;
  return { n: units.length, hits };
}

function toValue(t: Tally | undefined): MetricValue {
  return t === undefined || t.n === 0 ? { value: Number.NaN, n: 0 } : { value: t.hits / t.n, n: t.n };
}

/** Per-value accuracies, sorted by value; listed values always appear (NaN when absent). */
function perValue(tally: ReadonlyMap<string, Tally>, values?: readonly string[]): Map<string, MetricValue> {
  const keys = values ?? [...tally.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(keys.map((k) => [k, toValue(tally.get(k))]));
}

/** A mean over parts that all have a value; NaN if any part is missing, so gaps are never hidden. */
function mean(parts: readonly MetricValue[]): MetricValue {
  const n = parts.reduce((s, p) => s + p.n, 0);
  if (parts.length === 0 || parts.some((p) => Number.isNaN(p.value))) return { value: Number.NaN, n };
  return { value: parts.reduce((s, p) => s + p.value, 0) / parts.length, n };
}
