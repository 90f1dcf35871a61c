import { describe, expect, it } from 'vitest';
import { accuracyTable } from '../../src/score/accuracy.js';
import { circularKey, groupUnits } from '../../src/score/grouping.js';
import { computeMetrics } from '../../src/score/metrics.js';
import { evaluate, type ProtocolResult } from '../../src/score/evaluate.js';
import type { PredictionRecord } from '../../src/workdir/records.js';
import type { ScoredItem } from '../../src/workdir/scores.js';
import type { Protocol } from '../../src/benchmark/types.js';
import { imageMcq } from '../../benchmarks/image-mcq.js';

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

describe('grouping', () => {
  it('circular: groups by index % 1e6 and needs every rotation right', () => {
    expect(circularKey('2000007')).toBe('7');
    // Plain digits take a shortcut; anything else is read as a number, as before (17 digits round).
    expect(['0', '999999', '1000000', '3000120', '123456789012345', '0012', '-1', '+1000002', '1e6', '1.0', 'q7', '12345678901234567'].map(circularKey))
      .toEqual(['0', '999999', '0', '120', '12345', '12', '999999', '2', '0', '1', 'q7', '234568']);
    const items = [item('1', true), item('1000001', true), item('2', true), item('1000002', false), item('3', true)];
    const { units } = groupUnits(items, [], { kind: 'circular-index' });
    expect(units.map((g) => [g.index, g.hit, g.members])).toEqual([['1', true, 2], ['2', false, 2], ['3', true, 1]]);
  });
  it('leaves out a group with a failed row instead of scoring it wrong', () => {
    const { units, incomplete } = groupUnits([item('1', true), item('2', true)], [{ index: '1000001', fields: {} }], { kind: 'circular-index' });
    expect(units.map((g) => g.index)).toEqual(['2']);
    expect(incomplete).toBe(1);
  });
  it('key: rewrites a field into the group key (qid without its rotation suffix)', () => {
    const rows = [
      item('1', true, { qid: 'VIN6MS3J' }), item('2', true, { qid: 'VIN6MS3J-1' }),
      item('3', false, { qid: 'VIN6MS3J-flip' }), item('4', true, { qid: 'VIN6MS3J-flip-1' }),
    ];
    const byRotation = groupUnits(rows, [], { kind: 'key', field: 'qid', rewrite: [[/-\d+$/, '']] });
    expect(byRotation.units.map((u) => [u.index, u.hit])).toEqual([['VIN6MS3J', true], ['VIN6MS3J-flip', false]]);
    const byQuestion = groupUnits(rows, [], { kind: 'key', field: 'qid', rewrite: [[/^(.{8}).*$/, '$1']] });
    expect(byQuestion.units.map((u) => [u.index, u.hit, u.members])).toEqual([['VIN6MS3J', false, 4]]);
  });
});

describe('computeMetrics', () => {
  const units = [
    item('1', true, { source: 'ADE20K', task: 'Count' }), item('2', false, { source: 'ADE20K', task: 'Count' }),
    item('3', true, { source: 'COCO', task: 'Relation' }),
    item('4', true, { source: 'Omni3D', task: 'Depth' }), item('5', false, { source: 'Omni3D', task: 'Depth' }), item('6', false, { source: 'Omni3D', task: 'Depth' }),
  ];
  it('computes filtered, per-value, macro and mean metrics in declaration order', () => {
    const m = computeMetrics(units, [
      { kind: 'macro', name: '2D', field: 'source', values: ['ADE20K', 'COCO'] },
      { kind: 'accuracy', name: '3D', where: { field: 'source', value: 'Omni3D' } },
      { kind: 'mean', name: 'Overall', of: ['2D', '3D'] },
      { kind: 'accuracy', name: 'micro' },
      { kind: 'per-value', field: 'task' },
    ]);
    expect([...m.keys()]).toEqual(['2D', '3D', 'Overall', 'micro', 'Count', 'Depth', 'Relation']);
    expect(m.get('2D')?.value).toBe(0.75);
    expect(m.get('3D')?.value).toBeCloseTo(1 / 3);
    expect(m.get('Overall')?.value).toBeCloseTo((0.75 + 1 / 3) / 2);
    expect(m.get('micro')?.value).toBe(0.5);
    expect(m.get('Depth')).toEqual({ value: 1 / 3, n: 3 });
  });
  it('a mean with a missing part is NaN, never a silently smaller mean', () => {
    const m = computeMetrics([item('1', true, { source: 'COCO' })], [{ kind: 'macro', name: '2D', field: 'source', values: ['ADE20K', 'COCO'] }]);
    expect(Number.isNaN(m.get('2D')?.value)).toBe(true);
  });
});

describe('evaluate', () => {
  const protocols: readonly Protocol[] = imageMcq.protocols;
  const choices = [{ letter: 'A', text: 'left' }, { letter: 'B', text: 'right' }];
  const record = (index: string, prediction: string, status: 'ok' | 'failed' = 'ok'): PredictionRecord => ({
    index, prompt_hash: 'h', settings_hash: 's', status, prediction, finish_reason: 'stop', usage: null, latency_ms: 1,
    attempts: 1, time: 't', answer: 'A', choices, fields: { category: Number(index) % 2 === 0 ? 'even' : 'odd' },
  });
  const latest = (recs: PredictionRecord[]) => new Map(recs.map((r) => [r.index, r]));
  const byName = (ps: readonly ProtocolResult[], name: string) => ps.find((p) => p.name === name) as ProtocolResult;

  it('excludes failures from accuracy and counts them apart', () => {
    const ev = evaluate(latest([record('1', 'A'), record('2', 'B'), record('3', '', 'failed')]), protocols, false);
    expect(ev.failed.map((r) => r.index)).toEqual(['3']);
    const official = byName(ev.protocols, 'official');
    expect(official.units).toHaveLength(2);
    expect(official.metrics.get('Overall')?.value).toBe(0.5);
  });

  it('circular and vanilla accuracy differ on a hand-made case', () => {
    // Question 1: both rotations right. Question 2: one of two right. Vanilla 3/4, circular 1/2.
    const recs = [record('1', 'A'), record('1000001', 'A'), record('2', 'A'), record('1000002', 'B')];
    const official = byName(evaluate(latest(recs), protocols, true).protocols, 'official');
    expect(official.grouping).toBe('circular-index');
    expect(official.vanilla).toBe(0.75);
    expect(official.metrics.get('Overall')?.value).toBe(0.5);
  });

  it('reports the official pipeline and VLMEvalKit side by side', () => {
    const ev = evaluate(latest([record('1', '<think>x</think><answer>A</answer>')]), protocols, false);
    expect(byName(ev.protocols, 'official').units[0]?.hit).toBe(true);
    expect(byName(ev.protocols, 'vlmevalkit').units[0]?.extracted).not.toBe('A');
  });
});
