import { describe, expect, it } from 'vitest';
import { imageMcq } from '../../benchmarks/image-mcq.js';
import type { PredictionRecord } from '../../src/workdir/records.js';
import { evaluate } from '../../src/score/evaluate.js';
import { withUserPipeline } from '../../src/benchmark/protocols.js';
import { GENERIC_PIPELINES } from '../../src/extract/pipelines.js';

const choices = [{ letter: 'A', text: 'cube' }, { letter: 'B', text: 'ball' }, { letter: 'C', text: 'cone' }];
const rec = (index: string, prediction: string, answer: string): PredictionRecord => ({
  index, prompt_hash: 'h', settings_hash: 's', status: 'ok', prediction, finish_reason: 'stop', usage: null,
  latency_ms: 1, attempts: 1, time: 't', answer, choices, fields: {},
});
const latest = new Map([
  ['1', rec('1', 'B', 'B')],
  ['2', rec('2', 'Judging by the shadows and the overall layout of the scene, it has to be the round one, the ball.\nThat is my view.', 'B')],
  ['3', rec('3', 'Hard to say from this picture, honestly, it could be any of them given the angle.', 'C')],
  ['4', rec('4', 'Without a doubt the pointed one on the far left of the table, nearest to us.', 'A')],
]);
// The judge decided row 2 (right), row 4 (wrong), and could not decide row 3.
const rowVerdicts = new Map<string, string | null>([['2', 'B'], ['3', null], ['4', 'C']]);
/** Per judged protocol, by name (each asks its own judge prompt); the twin is never judged. */
const verdicts = new Map([['official', rowVerdicts], ['official:vlmevalkit', rowVerdicts], ['vlmevalkit', rowVerdicts]]);

describe('judge verdicts in scoring', () => {
  it('fill the official protocol rows the rules left undecided; the rules keep the rows they decided', () => {
    const ev = evaluate(latest, imageMcq.protocols, false, verdicts);
    const official = ev.protocols[0];
    expect(official?.rowItems.map((r) => [r.index, r.extracted, r.method, r.hit])).toEqual([
      ['1', 'B', 'bare-letter', true],
      ['2', 'B', 'judge', true],
      ['3', null, 'judge-undecided', false],
      ['4', 'C', 'judge', false],
    ]);
    expect(official?.unextracted).toBe(1);
    expect(official?.methods).toEqual({ judge: 2, 'judge-undecided': 1, 'bare-letter': 1 });
    expect(official?.metrics.get('Overall')?.value).toBe(0.5);
  });

  it("leave VLMEvalKit's protocol exact matching, and apply to official:<pipeline>", () => {
    const ev = evaluate(latest, withUserPipeline(imageMcq.protocols, GENERIC_PIPELINES.vlmevalkit), false, verdicts);
    const vlmevalkit = ev.protocols.find((p) => p.name === 'vlmevalkit');
    const user = ev.protocols.find((p) => p.name === 'official:vlmevalkit');
    expect(vlmevalkit?.rowItems.map((r) => r.method)).toEqual(['vlmevalkit-option', 'none', 'none', 'none']);
    expect(user?.name).toBe('official:vlmevalkit');
    expect(user?.rowItems.map((r) => r.method)).toEqual(['vlmevalkit-option', 'judge', 'judge-undecided', 'judge']);
  });

  it('without verdicts, scoring is what it was', () => {
    const ev = evaluate(latest, imageMcq.protocols, false);
    expect(ev.protocols[0]?.rowItems.map((r) => r.method)).toEqual(['bare-letter', 'none', 'none', 'none']);
  });
});
