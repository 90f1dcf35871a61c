import { describe, expect, it } from 'vitest';
import type { ScoredItem } from '../../src/workdir/scores.js';
import { metricIntervals, DEFAULT_CI } from '../../src/score/intervals.js';
import { computeMetrics, unitTallies } from '../../src/score/metrics.js';
import { groupUnits } from '../../src/score/grouping.js';
import { mraCredit, type MraSettings } from '../../src/score/mra.js';
import { compareMetrics, type PairedUnit } from '../../src/compare/metrics.js';
import { pyFloat, pyInt } from '../../src/extract/python.js';

const item = (index: string, credit: number, fields: Record<string, string> = {}): ScoredItem => ({
  index, answer: '1', extracted: '1', method: 'm', hit: credit === 1, credit, fields,
});

/** VSI-Bench's MRA (thinking-in-space lmms_eval/tasks/vsibench/utils.py): θ = linspace(0.5, 0.95, 10), |ŷ − y| / y ≤ 1 − θ. */
const VSI: MraSettings = { thresholds: [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95], comparison: 'inclusive', bound: 'one-minus-theta', denominator: 'signed' };

describe('mean relative accuracy', () => {
  it('counts the thresholds a relative error meets, by each benchmark\'s rule', () => {
    const omni: MraSettings = { thresholds: [0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05], comparison: 'strict', bound: 'theta', denominator: 'signed' };
    // Error 0.25: under θ = 0.5 … 0.3 (5 of 10), not under 0.25 itself (strict).
    expect(mraCredit(1.25, 1, omni)).toBeCloseTo(0.5, 12);
    // 1.2 − 1 is 0.19999999999999996 in floating point, under 0.2 as in Python: 7 of 10.
    expect(mraCredit(1.2, 1, omni)).toBeCloseTo(0.7, 12);
    expect(mraCredit(1, 1, omni)).toBe(1);
    // A negative gold makes the error negative: every threshold passes (Omni3D-Bench's script).
    expect(mraCredit(5, -1, omni)).toBe(1);
    expect(mraCredit(5, -1, { ...omni, denominator: 'abs' })).toBe(0);
    // VSI: error 0.25 ≤ 1 − θ for θ ≤ 0.75 (6 of 10).
    expect(mraCredit(7.5, 10, VSI)).toBeCloseTo(0.6, 12);
    expect(mraCredit(Number.NaN, 10, VSI)).toBe(0);
    expect(mraCredit(3, 0, VSI)).toBe(0);
  });
});

describe('partial credit through metrics, groups, intervals and comparisons', () => {
  const units = [item('1', 1), item('2', 0.5), item('3', 0.2), item('4', 0), item('5', 0.9)];

  it('averages credit as accuracies average hits', () => {
    expect(computeMetrics(units, [{ kind: 'accuracy', name: 'MRA' }]).get('MRA')?.value).toBeCloseTo(2.6 / 5, 12);
  });

  it('gives a group the least credit of its rows', () => {
    const { units: grouped } = groupUnits([item('1', 0.4), item('1000001', 0.7), item('2', 1), item('1000002', 1)], [], { kind: 'circular-index' });
    expect(grouped.map((u) => [u.index, u.credit, u.hit])).toEqual([['1', 0.4, false], ['2', 1, true]]);
  });

  it('takes a bootstrap interval (never Wilson, which is for right/wrong counts) around the mean credit', () => {
    const specs = [{ kind: 'accuracy', name: 'MRA' } as const];
    const metrics = computeMetrics(units, specs);
    const ci = metricIntervals({ protocol: 'p', units, specs, metrics, tallies: unitTallies(units), clusterOf: undefined, ci: DEFAULT_CI }).get('MRA');
    expect(ci?.method).toBe('bootstrap');
    expect(ci?.lo).toBeLessThanOrEqual(0.52);
    expect(ci?.hi).toBeGreaterThanOrEqual(0.52);
    expect(ci?.lo).toBeGreaterThanOrEqual(0);
    expect(ci?.hi).toBeLessThanOrEqual(1);
  });

  it('compares paired credit by a paired bootstrap of B − A', () => {
    const paired: PairedUnit[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8].map((c, i) => ({ key: String(i), hitA: false, hitB: false, creditA: c, creditB: Math.min(1, c + 0.2), fields: {} }));
    const [row] = compareMetrics(paired, { metrics: [{ kind: 'accuracy', name: 'MRA' }], primary: 'MRA' }, { alpha: 0.05, resamples: 2000, seed: 0, seedText: 'd' });
    expect(row?.test).toBe('bootstrap');
    expect(row?.a).toBeCloseTo(3.6 / 8, 12);
    expect(row?.b).toBeCloseTo(5.2 / 8, 12);
    expect(row?.low).toBeGreaterThan(0);
    expect(row?.p).toBeLessThan(0.05);
  });
});

describe("Python's int() and float() of a reply", () => {
  it.each([
    [' 3 ', 3], ['+3', 3], ['-2', -2], ['1_0', 10], ['٣', 3], ['３', 3], ['3.0', null], ['3 chairs', null], ['', null], ['three', null], ['1__0', null],
  ] as const)('int(%j) = %j', (text, want) => expect(pyInt(text)).toBe(want));
  it.each([
    [' 2.5 ', 2.5], ['2.5e0', 2.5], ['.5', 0.5], ['5.', 5], ['-inf', -Infinity], ['Infinity', Infinity], ['2,5', null], ['2.5 m', null], ['', null], ['0x10', null],
  ] as const)('float(%j) = %j', (text, want) => expect(pyFloat(text)).toBe(want));
  it('reads nan as NaN', () => expect(Number.isNaN(pyFloat('NaN'))).toBe(true));
});
