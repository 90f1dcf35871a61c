import type { MetricSpec } from '../benchmark/types.js';
import type { ScoredItem } from '../core/types.js';

export interface MetricValue {
  readonly value: number;
  /** Units behind it (for means: units behind all its parts). */
  readonly n: number;
}

/** Named metrics in declaration order; NaN where no unit counts. */
export type MetricResults = ReadonlyMap<string, MetricValue>;

export function computeMetrics(units: readonly ScoredItem[], specs: readonly MetricSpec[]): MetricResults {
  const out = new Map<string, MetricValue>();
  for (const spec of specs) {
    switch (spec.kind) {
      case 'accuracy': {
        const sel = spec.where === undefined ? units : units.filter((u) => u.fields[spec.where!.field] === spec.where!.value);
        out.set(spec.name, acc(sel));
        break;
      }
      case 'per-value':
        for (const [value, m] of perValue(units, spec.field, spec.values)) out.set(value, m);
        break;
      case 'macro':
        out.set(spec.name, mean([...perValue(units, spec.field, spec.values).values()]));
        break;
      case 'mean':
        out.set(spec.name, mean(spec.of.map((name) => out.get(name) ?? { value: Number.NaN, n: 0 })));
        break;
    }
  }
  return out;
}

function acc(units: readonly ScoredItem[]): MetricValue {
  return { value: units.length === 0 ? Number.NaN : units.filter((u) => u.hit).length / units.length, n: units.length };
}

/** Per-value accuracies, sorted by value; listed values always appear (NaN when absent). */
function perValue(units: readonly ScoredItem[], field: string, values?: readonly string[]): Map<string, MetricValue> {
  const groups = new Map<string, ScoredItem[]>();
  for (const v of values ?? []) groups.set(v, []);
  for (const u of units) {
    const v = u.fields[field];
    if (v === undefined) continue;
    if (values !== undefined && !values.includes(v)) continue;
    const list = groups.get(v);
    if (list === undefined) groups.set(v, [u]);
    else list.push(u);
  }
  const keys = values ?? [...groups.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(keys.map((k) => [k, acc(groups.get(k) ?? [])]));
}

/** A mean over parts that all have a value; NaN if any part is missing, so gaps are never hidden. */
function mean(parts: readonly MetricValue[]): MetricValue {
  if (parts.length === 0 || parts.some((p) => Number.isNaN(p.value))) return { value: Number.NaN, n: parts.reduce((s, p) => s + p.n, 0) };
  return { value: parts.reduce((s, p) => s + p.value, 0) / parts.length, n: parts.reduce((s, p) => s + p.n, 0) };
}
