import { describe, expect, it } from 'vitest';
import { accuracyTable } from '../../src/score/accuracy.js';
import { circularKey, groupCircular } from '../../src/score/items.js';
import { evaluate } from '../../src/score/evaluate.js';
import type { PredictionRecord, ScoredItem } from '../../src/core/types.js';
import type { MetricRecipe } from '../../src/benchmark/types.js';

const item = (index: string, hit: boolean, fields: Record<string, string> = {}): ScoredItem => ({
  index, answer: 'A', extracted: hit ? 'A' : 'B', method: 'm', hit, fields,
});

describe('accuracyTable (VLMEvalKit report_acc)', () => {
  it('has a row per split, Overall, then l2-category then category values, sorted', () => {
    const items = [
      item('1', true, { split: 'dev', category: 'b', 'l2-category': 'Y' }),
      item('2', false, { split: 'dev', category: 'a', 'l2-category': 'X' }),
      item('3', true, { split: 'test', category: 'a', 'l2-category': 'X' }),
      item('4', true, { split: 'dev', category: 'a', 'l2-category': 'X' }),
    ];
    const t = accuracyTable(items, ['l2-category', 'category'], 'split');
    expect(t.columns).toEqual(['Overall', 'X', 'Y', 'a', 'b']);
    expect(t.rows.map((r) => r.split)).toEqual(['dev', 'test']);
    expect(t.rows[0]?.values).toEqual({ Overall: 2 / 3, X: 0.5, Y: 1, a: 0.5, b: 1 });
    expect(t.rows[1]?.values['Overall']).toBe(1);
    expect(Number.isNaN(t.rows[1]?.values['b'])).toBe(true);
  });
  it("uses a single 'none' split without a split column", () => {
    const t = accuracyTable([item('1', true), item('2', false)], ['category'], 'split');
    expect(t.rows).toEqual([{ split: 'none', values: { Overall: 0.5 } }]);
  });
});

describe('circular grouping', () => {
  it('groups by index % 1e6 and needs every rotation right', () => {
    expect(circularKey('2000007')).toBe('7');
    const items = [item('1', true), item('1000001', true), item('2', true), item('1000002', false), item('3', true)];
    const { groups } = groupCircular(items, []);
    expect(groups.map((g) => [g.index, g.hit, g.members])).toEqual([['1', true, 2], ['2', false, 2], ['3', true, 1]]);
  });
  it('leaves out a group with a failed rotation instead of scoring it wrong', () => {
    const { groups, incomplete } = groupCircular([item('1', true), item('2', true)], ['1000001']);
    expect(groups.map((g) => g.index)).toEqual(['2']);
    expect(incomplete).toEqual(['1']);
  });
});

describe('evaluate', () => {
  const recipe: MetricRecipe = { breakdowns: ['category'], splitField: 'split', circularWhenNameMatches: /circular/i };
  const choices = [{ letter: 'A', text: 'left' }, { letter: 'B', text: 'right' }];
  const record = (index: string, prediction: string, status: 'ok' | 'failed' = 'ok'): PredictionRecord => ({
    index, prompt_hash: 'h', settings_hash: 's', status, prediction, finish_reason: 'stop', usage: null, latency_ms: 1,
    attempts: 1, time: 't', answer: 'A', choices, fields: { category: Number(index) % 2 === 0 ? 'even' : 'odd' },
  });
  const latest = (recs: PredictionRecord[]) => new Map(recs.map((r) => [r.index, r]));

  it('excludes failures from accuracy and counts them apart', () => {
    const ev = evaluate(latest([record('1', 'A'), record('2', 'B'), record('3', '', 'failed')]), recipe, 'default', false);
    expect(ev.failed.map((r) => r.index)).toEqual(['3']);
    expect(ev.protocols.official.items).toHaveLength(2);
    expect(ev.protocols.official.overall.rows[0]?.values['Overall']).toBe(0.5);
  });

  it('circular and vanilla accuracy differ on a hand-made case', () => {
    // Question 1: both rotations right. Question 2: one of two right. Vanilla 3/4, circular 1/2.
    const recs = [record('1', 'A'), record('1000001', 'A'), record('2', 'A'), record('1000002', 'B')];
    const ev = evaluate(latest(recs), recipe, 'default', true);
    expect(ev.protocols.official.vanilla).toBe(0.75);
    expect(ev.protocols.official.overall.rows[0]?.values['Overall']).toBe(0.5);
  });

  it('reports the official pipeline and VLMEvalKit side by side', () => {
    // "<answer>B</answer>" is decided by the answer tag; VLMEvalKit's exact matching cannot read it.
    const ev = evaluate(latest([record('1', '<think>x</think><answer>A</answer>')]), recipe, 'default', false);
    expect(ev.protocols.official.items[0]?.hit).toBe(true);
    expect(ev.protocols.vlmevalkit.items[0]?.extracted).not.toBe('A');
  });
});
