import type { MetricSpec } from '../benchmark/types.js';
import type { ScoredItem } from '../workdir/scores.js';
import { sampleMultinomial } from './binomial.js';
import { percentileInterval } from './bootstrap.js';
import { seededRandom, seedFrom } from './random.js';

type PrfSpec = Extract<MetricSpec, { kind: 'precision-recall-f1' }>;

export interface ConfusionCi {
  readonly level: number;
  readonly bootstrap: number;
  readonly seed: number;
}

/**
 * A percentile bootstrap of precision, recall or F1 over independent units: a replicate redraws
 * the four cells (true/false positives, false negatives, the rest) as Multinomial(n; their shares).
 * Strata by gold and extracted answer would fix every cell, so the stratified bootstrap of the
 * accuracies cannot give these. Null for dependent units (a cluster) and partial credit, whose
 * cells this does not model, and where the metric is undefined.
 */
export function confusionInterval(units: readonly ScoredItem[], spec: PrfSpec, name: string, clustered: boolean, stream: string, ci: ConfusionCi): { lo: number; hi: number; method: 'bootstrap' } | null {
  if (clustered || units.some((u) => u.credit !== undefined && u.credit !== 0 && u.credit !== 1)) return null;
  const cells = new Float64Array(4);
  for (const u of units) {
    const predicted = u.extracted === spec.positive;
    const gold = u.answer === spec.positive;
    const cell = predicted ? (u.hit ? 0 : 1) : gold ? 2 : 3;
    cells[cell] = (cells[cell] as number) + 1;
  }
  const statistic = statisticOf(spec, name);
  const random = seededRandom(seedFrom(stream, ci.seed));
  const draw = new Float64Array(4);
  const replicates = new Float64Array(ci.bootstrap);
  for (let b = 0; b < ci.bootstrap; b++) {
    sampleMultinomial(random, units.length, cells, draw);
    replicates[b] = statistic(draw[0] as number, draw[1] as number, draw[2] as number);
  }
  const { lo, hi } = percentileInterval(replicates, ci.level);
  return Number.isNaN(lo) || Number.isNaN(hi) ? null : { lo, hi, method: 'bootstrap' };
}

function statisticOf(spec: PrfSpec, name: string): (tp: number, fp: number, fn: number) => number {
  const ratio = (num: number, den: number): number => (den === 0 ? Number.NaN : num / den);
  if (name === spec.precision) return (tp, fp) => ratio(tp, tp + fp);
  if (name === spec.recall) return (tp, _fp, fn) => ratio(tp, tp + fn);
  return (tp, fp, fn) => ratio(2 * tp, 2 * tp + fp + fn);
}
