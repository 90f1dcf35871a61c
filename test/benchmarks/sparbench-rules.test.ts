/**
 * SPAR-Bench's official per-row scoring against the original's own outputs: each case's expected
 * credit comes from running sparbench_process_results (LogosRoboticsGroup/SPAR@1cc04758,
 * /work/xcheck/spar15/spar_xcheck.py) on the same task, gold answer and reply; VLMEvalKit's from its
 * SparBench scoring and can_match_na (open-compass/VLMEvalKit@e8e78f05, spar_vlmeval_xcheck.py).
 */
import { describe, expect, it } from 'vitest';
import { sparBench } from '../../benchmarks/sparbench.js';
import { runPipeline } from '../../src/extract/pipelines.js';
import { canMatchNa } from '../../src/extract/spatial-bench-na.js';
import { pyFloat } from '../../src/extract/python.js';
import { CAN_MATCH_NA_CASES, SPAR_CASES } from './sparbench-cases.js';

const official = sparBench.protocols.find((p) => p.name === 'official');
const vlmevalkit = sparBench.protocols.find((p) => p.name === 'vlmevalkit');

describe('SPAR-Bench official scoring (sparbench_process_results)', () => {
  it.each(SPAR_CASES.map((c) => [`${c.task} ${JSON.stringify(c.prediction)} vs ${JSON.stringify(c.answer)}`, c] as const))('%s', (_name, c) => {
    if (official?.scorer === undefined) throw new Error('no official scorer');
    const fields = { task: c.task };
    const got = runPipeline(official.extract, c.prediction, [], fields);
    expect(official.scorer.credit(got.answer, c.answer, fields)).toBeCloseTo(c.credit, 12);
  });

  it.each(SPAR_CASES.map((c) => [`vlmevalkit: ${c.task} ${JSON.stringify(c.prediction)} vs ${JSON.stringify(c.answer)}`, c] as const))('%s', (_name, c) => {
    if (vlmevalkit?.scorer === undefined) throw new Error('no vlmevalkit scorer');
    const fields = { task: c.task };
    const got = runPipeline(vlmevalkit.extract, c.prediction, [], fields);
    expect(vlmevalkit.scorer.credit(got.answer, c.answer, fields)).toBeCloseTo(c.vlmevalkit, 12);
  });

  it.each(CAN_MATCH_NA_CASES.map((c) => [JSON.stringify(c.reply), c] as const))('can_match_na %s', (_name, c) => {
    const got = canMatchNa(c.reply);
    expect(got === null ? null : pyFloat(got)).toBe(c.number);
  });

  it('counts an empty MCQ reply as right and divides the view-change error by the prediction, as the script does', () => {
    const credit = official?.scorer?.credit;
    if (credit === undefined) throw new Error('no official scorer');
    expect(credit('', 'B', { task: 'obj_spatial_relation_oo' })).toBe(1);
    // gold 1.2 vs reply 1.0: |1.2 − 1.0| / 1.0 = 0.2 (≤ 1 − θ for θ ≤ 0.8: 7 of 10), not / 1.2.
    expect(credit('move_forward:1.0', 'move_forward:1.2', { task: 'view_change_infer' })).toBeCloseTo((4 + 0.7) / 5, 12);
  });
});
