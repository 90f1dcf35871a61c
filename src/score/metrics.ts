import type { MetricSpec } from '../benchmark/types.js';
import type { ScoredItem } from '../workdir/scores.js';
import { creditOf } from './credit.js';
import { EXTRACTED_FIELD, GOLD_FIELD, unitField } from './unit-fields.js';

export interface MetricValue {
  readonly value: number;
  /** Units behind it (for means: units behind all its parts). */
  readonly n: number;
}

/** Named metrics in declaration order; NaN where no unit counts. */
export type MetricResults = ReadonlyMap<string, MetricValue>;

/** Units and hits behind an accuracy (`hits`: summed credit, so partial credit counts as its fraction). */
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
  return metricsFromTallies(unitTallies(units, fieldsRead(specs)), specs, units);
}

/**
 * Tallies of scored units. The `fields` given (those a recipe reads: `fieldsRead`) are counted in
 * one pass with the overall tally; any other field once, on first use. One pass over 100k units
 * costs more in memory reads than in counting, so fields are not counted a pass each.
 */
export function unitTallies(units: readonly ScoredItem[], fields: readonly string[] = []): Tallies {
  const wanted = [...new Set(fields)];
  const counted = tallyFields(units, wanted);
  const byField = new Map<string, Map<string, Tally>>(wanted.map((f, i) => [f, counted.byField[i] as Map<string, Tally>]));
  return {
    overall: counted.overall,
    byValue: (field) => {
      let t = byField.get(field);
      if (t === undefined) byField.set(field, (t = tallyFields(units, [field]).byField[0] as Map<string, Tally>));
      return t;
    },
  };
}

/** The fields whose per-value tallies a recipe reads. */
export function fieldsRead(specs: readonly MetricSpec[]): string[] {
  const fields: string[] = [];
  for (const spec of specs) {
    if (spec.kind === 'per-value' || spec.kind === 'macro' || spec.kind === 'chance-adjusted') fields.push(spec.field);
    else if (spec.kind === 'accuracy' && spec.where !== undefined) fields.push(spec.where.field);
    else if (spec.kind === 'precision-recall-f1') fields.push(GOLD_FIELD, EXTRACTED_FIELD);
  }
  return fields;
}

/** `units` feed `formula` metrics only (a bootstrap of tallies has none: those are NaN there). */
export function metricsFromTallies(tallies: Tallies, specs: readonly MetricSpec[], units: readonly ScoredItem[] = []): MetricResults {
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
      case 'precision-recall-f1':
        for (const [name, m] of precisionRecallF1(tallies, spec)) out.set(name, m);
        break;
      case 'chance-adjusted':
        out.set(spec.name, chanceAdjusted(tallies.byValue(spec.field), spec.group));
        break;
      case 'formula':
        out.set(spec.name, units.length === 0 ? { value: Number.NaN, n: 0 } : spec.compute(units, out));
        break;
    }
  }
  return out;
}

/** Hits and counts over all units and per value of each field, in one pass. */
function tallyFields(units: readonly ScoredItem[], fields: readonly string[]): { overall: Tally; byField: Map<string, Tally>[] } {
  const byField = fields.map(() => new Map<string, { n: number; hits: number }>());
  let hits = 0;
  for (const u of units) {
    const credit = creditOf(u);
    hits += credit;
    for (let i = 0; i < fields.length; i++) {
      const v = unitField(u, fields[i] as string);
      if (v === undefined) continue;
      const t = byField[i] as Map<string, { n: number; hits: number }>;
      let cell = t.get(v);
      if (cell === undefined) t.set(v, (cell = { n: 0, hits: 0 }));
      cell.n++;
      cell.hits += credit;
    }
  }
  return { overall: { n: units.length, hits }, byField };
}

function toValue(t: Tally | undefined): MetricValue {
  return t === undefined || t.n === 0 ? { value: Number.NaN, n: 0 } : { value: t.hits / t.n, n: t.n };
}

/** Per-value accuracies, sorted by value; listed values always appear (NaN when absent). */
function perValue(tally: ReadonlyMap<string, Tally>, values?: readonly string[]): Map<string, MetricValue> {
  const keys = values ?? [...tally.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(keys.map((k) => [k, toValue(tally.get(k))]));
}

/**
 * (Σ credit − Σ 1/n) / (N − Σ 1/n) over the tallies of `<group>#<n>` values (one group's, or all):
 * Σ 1/n over a value's units is its count over n. NaN without units or when every unit has one option.
 */
function chanceAdjusted(tally: ReadonlyMap<string, Tally>, group: string | undefined): MetricValue {
  let n = 0;
  let hits = 0;
  let chance = 0;
  for (const [value, t] of tally) {
    const at = value.lastIndexOf('#');
    if (group !== undefined && value.slice(0, at) !== group) continue;
    n += t.n;
    hits += t.hits;
    chance += t.n / Number(value.slice(at + 1));
  }
  const denominator = n - chance;
  return n === 0 || !(denominator > 0) ? { value: Number.NaN, n } : { value: (hits - chance) / denominator, n };
}

/** A mean over parts that all have a value; NaN if any part is missing, so gaps are never hidden. */
function mean(parts: readonly MetricValue[]): MetricValue {
  const n = parts.reduce((s, p) => s + p.n, 0);
  if (parts.length === 0 || parts.some((p) => Number.isNaN(p.value))) return { value: Number.NaN, n };
  return { value: parts.reduce((s, p) => s + p.value, 0) / parts.length, n };
}

/**
 * Among the units predicted positive, the right ones are the true positives; among those whose gold
 * is positive, the right ones too. So P = tp / predicted, R = tp / gold, F1 = 2·tp / (predicted + gold),
 * each NaN when its denominator is 0.
 */
function precisionRecallF1(tallies: Tallies, spec: Extract<MetricSpec, { kind: 'precision-recall-f1' }>): [string, MetricValue][] {
  const predicted = tallies.byValue(EXTRACTED_FIELD).get(spec.positive) ?? { n: 0, hits: 0 };
  const gold = tallies.byValue(GOLD_FIELD).get(spec.positive) ?? { n: 0, hits: 0 };
  const n = tallies.overall.n;
  const ratio = (num: number, den: number): MetricValue => ({ value: den === 0 ? Number.NaN : num / den, n });
  return [
    [spec.precision, ratio(predicted.hits, predicted.n)],
    [spec.recall, ratio(gold.hits, gold.n)],
    [spec.f1, ratio(2 * predicted.hits, predicted.n + gold.n)],
  ];
}
