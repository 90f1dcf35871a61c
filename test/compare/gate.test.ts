import { describe, expect, it } from 'vitest';
import type { Comparison, DatasetComparison } from '../../src/compare/compare.js';
import { applyGate } from '../../src/compare/gate.js';
import type { MetricComparison } from '../../src/compare/metrics.js';

function dataset(name: string, diff: number, p: number): DatasetComparison {
  const primary: MetricComparison = { metric: 'Overall', primary: true, test: 'mcnemar', n: 100, a: 0.7, b: 0.7 + diff, diff, low: diff - 0.05, high: diff + 0.05, p, gained: 0, lost: 0, bothRight: 0, bothWrong: 0 };
  // A category far worse must not trip the gate: only primary metrics do.
  const category: MetricComparison = { ...primary, metric: 'depth', primary: false, diff: -0.5, p: 1e-9 };
  return { dataset: name, benchmark: 'image-mcq', circular: false, grouping: 'row', paired: 100, onlyA: 0, onlyB: 0, prompts: { rows: 100, byText: 0, unverified: 0 }, metrics: [primary, category] };
}

const comparison = (...datasets: DatasetComparison[]): Comparison => ({
  a: { label: 'a', model: 'a', workDir: '/w' }, b: { label: 'b', model: 'b', workDir: '/w' }, alpha: 0.05, resamples: 1000, datasets, onlyInA: [], onlyInB: [],
});

describe('regression gate', () => {
  it('trips only when worse by more than the threshold AND significant', () => {
    const c = comparison(
      dataset('worse-significant', -0.02, 0.01),
      dataset('worse-noise', -0.08, 0.2),
      dataset('worse-by-less', -0.005, 1e-6),
      dataset('better', 0.1, 1e-6),
      dataset('at-threshold', -0.01, 1e-6),
    );
    expect(applyGate(c, 1).regressions.map((r) => r.dataset)).toEqual(['worse-significant']);
    // A zero threshold trips on any significant loss.
    expect(applyGate(c, 0).regressions.map((r) => r.dataset)).toEqual(['worse-significant', 'worse-by-less', 'at-threshold']);
    expect(applyGate(comparison(dataset('d', -0.02, 0.05)), 1).regressions).toEqual([]);
  });

  it('a primary without a value cannot be judged, and says so', () => {
    const nan = dataset('empty', Number.NaN, Number.NaN);
    expect(applyGate(comparison(nan), 1)).toMatchObject({ regressions: [], unjudged: ['empty'] });
  });
});
