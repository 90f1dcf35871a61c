/**
 * VSI-Bench's three rules, reply by reply, against the credit the original Python code gives the
 * same reply (vsibench-cases.ts, printed by /work/xcheck/video15/vsi_xcheck.py outside this repo).
 */
import { describe, expect, it } from 'vitest';
import { vsiBench } from '../../benchmarks/vsibench.js';
import { runPipeline } from '../../src/extract/pipelines.js';
import { VSI_CASES, type VsiCase } from './vsibench-cases.js';

const credit = (protocol: string, c: VsiCase): number => {
  const p = vsiBench.protocols.find((x) => x.name === protocol);
  if (p === undefined || p.scorer === undefined) throw new Error(`no protocol ${protocol}`);
  const fields = { question_type: c.type };
  const choices = ['A', 'B', 'C', 'D'].map((letter) => ({ letter, text: letter }));
  const extraction = runPipeline(p.extract, c.reply, c.type.startsWith('object_rel') || c.type === 'route_planning' || c.type === 'obj_appearance_order' ? choices : [], fields);
  return p.scorer.credit(extraction.answer, c.gold, fields);
};

describe('VSI-Bench rules equal the originals on each reply', () => {
  it.each(VSI_CASES)('$type, gold $gold, reply $reply', (c) => {
    expect(credit('official', c)).toBeCloseTo(c.official, 15);
    expect(credit('vlmevalkit', c)).toBeCloseTo(c.vlmevalkit, 15);
    expect(credit('lmms-eval', c)).toBeCloseTo(c.lmms, 15);
  });

  it('has cases on which the three rules disagree', () => {
    expect(VSI_CASES.some((c) => c.official !== c.lmms)).toBe(true);
    expect(VSI_CASES.some((c) => c.official !== c.vlmevalkit)).toBe(true);
    expect(VSI_CASES.some((c) => c.vlmevalkit !== c.lmms)).toBe(true);
  });
});
