/**
 * Every metric a benchmark declares is linear in the units' hits: a mean of accuracies over unit
 * subsets ("leaves"). Written that way, one formula gives A's score, B's score, their difference,
 * the strata a bootstrap must keep, and whether the metric is a plain accuracy (McNemar applies).
 * Mirrors computeMetrics in src/score/metrics.ts, including NaN (here null) for missing parts.
 */
import type { MetricSpec } from '../benchmark/types.js';
import type { ScoredItem } from '../workdir/scores.js';

/** A unit subset: all units (`*`) or those whose field has a value. */
export interface Leaf {
  readonly key: string;
  /** Positions in the unit list. */
  readonly members: readonly number[];
}

export interface Term {
  readonly leaf: Leaf;
  /** The leaf's accuracy enters the metric times this. */
  readonly coef: number;
}

/** Σ coef · accuracy(leaf); null where computeMetrics gives NaN. */
export type LinearMetric = readonly Term[] | null;

export function linearMetrics(units: readonly Pick<ScoredItem, 'fields'>[], specs: readonly MetricSpec[]): Map<string, LinearMetric> {
  const out = new Map<string, LinearMetric>();
  const leaves = new Map<string, Leaf>();
  const leafOf = (field: string | null, value: string): Leaf => {
    const key = field === null ? '*' : `${field}=${value}`;
    let leaf = leaves.get(key);
    if (leaf === undefined) {
      const members: number[] = [];
      units.forEach((u, i) => {
        if (field === null || u.fields[field] === value) members.push(i);
      });
      leaves.set(key, (leaf = { key, members }));
    }
    return leaf;
  };
  const accuracyOf = (field: string | null, value: string): LinearMetric => {
    const leaf = leafOf(field, value);
    return leaf.members.length === 0 ? null : [{ leaf, coef: 1 }];
  };
  const valuesOf = (field: string, listed?: readonly string[]): string[] => listed !== undefined ? [...listed] : presentValues(units, field);
  for (const spec of specs) {
    switch (spec.kind) {
      case 'accuracy':
        out.set(spec.name, spec.where === undefined ? accuracyOf(null, '') : accuracyOf(spec.where.field, spec.where.value));
        break;
      case 'per-value':
        for (const value of valuesOf(spec.field, spec.values)) out.set(value, accuracyOf(spec.field, value));
        break;
      case 'macro':
        out.set(spec.name, meanOf(valuesOf(spec.field, spec.values).map((v) => accuracyOf(spec.field, v))));
        break;
      case 'mean':
        out.set(spec.name, meanOf(spec.of.map((name) => out.get(name) ?? null)));
        break;
      case 'precision-recall-f1':
        // Ratios over subsets that depend on each checkpoint's own answers: no paired difference.
        for (const name of [spec.precision, spec.recall, spec.f1]) out.set(name, null);
        break;
      // Affine in the leaves' accuracies (an offset this form has no term for), or no function of them: not compared.
      case 'chance-adjusted':
      case 'formula':
        out.set(spec.name, null);
        break;
    }
  }
  return out;
}

function presentValues(units: readonly Pick<ScoredItem, 'fields'>[], field: string): string[] {
  const values = new Set<string>();
  for (const u of units) {
    const v = u.fields[field];
    if (v !== undefined) values.add(v);
  }
  return [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Unweighted mean; null if there are no parts or any part is missing, as computeMetrics does. */
function meanOf(parts: readonly LinearMetric[]): LinearMetric {
  if (parts.length === 0 || parts.some((p) => p === null)) return null;
  return parts.flatMap((p) => (p ?? []).map((t) => ({ leaf: t.leaf, coef: t.coef / parts.length })));
}

/** The distinct leaves of a metric with their summed coefficients, in first-seen order. */
export function metricLeaves(metric: readonly Term[]): Term[] {
  const byKey = new Map<string, Term>();
  for (const t of metric) {
    const seen = byKey.get(t.leaf.key);
    byKey.set(t.leaf.key, { leaf: t.leaf, coef: (seen?.coef ?? 0) + t.coef });
  }
  return [...byKey.values()];
}

/** A unit's weight in the metric, and the leaves it belongs to (its bootstrap stratum). */
export interface UnitWeight {
  readonly position: number;
  readonly weight: number;
  /** Indices into metricLeaves(metric), ascending. */
  readonly leaves: readonly number[];
  readonly stratum: string;
}

/** The units with a non-zero weight, in unit order. */
export function unitWeights(metric: readonly Term[]): UnitWeight[] {
  const weight = new Map<number, number>();
  const leavesOf = new Map<number, number[]>();
  metricLeaves(metric).forEach(({ leaf, coef }, k) => {
    for (const i of leaf.members) {
      weight.set(i, (weight.get(i) ?? 0) + coef / leaf.members.length);
      const list = leavesOf.get(i);
      if (list === undefined) leavesOf.set(i, [k]);
      else list.push(k);
    }
  });
  return [...weight.keys()].sort((a, b) => a - b).map((i) => {
    const leaves = leavesOf.get(i) ?? [];
    return { position: i, weight: weight.get(i) ?? 0, leaves, stratum: leaves.join(',') };
  });
}
