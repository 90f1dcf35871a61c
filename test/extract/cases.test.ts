/**
 * The extraction case table (cases/*.ts, one file per family): every case states the result of
 * every multiple-choice pipeline. The `vlmevalkit` expectations were derived by hand from
 * VLMEvalKit @ e8e78f05's can_infer rules (vlmeval/utils/matching_util.py), those of the other
 * official extractors from their code (MMSI-Bench README, BLINK eval/test_benchmark.py, VLMEvalKit
 * vlmeval/dataset/utils/spatial_bench/matching_func.py); all four were then cross-checked against
 * the original Python functions run under CPython 3.11 on the same strings (outside this repo),
 * with no disagreement. `robust` and `strict` are ours: their expectations follow their rules.
 * Re-runnable for `vlmevalkit` and `vlmevalkit-spatial`: /work/xcheck/peers14/vlmevalkit_xcheck.py and
 * spatial_xcheck.py (395 and 313 cases, no disagreement at this commit's tables).
 */
import { describe, expect, it } from 'vitest';
import { extractAnswer, extractAnswers } from '../../src/extract/pipelines.js';
import { CASES } from './cases/index.js';
import { MCQ_PIPELINES } from './cases/table.js';
import { named } from './named.js';

describe('extraction case table', () => {
  it('has at least 300 cases, each named once', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(300);
    const names = CASES.map((c) => `${c.family} / ${c.name}`);
    expect(new Set(names).size).toBe(names.length);
  });

  it.each(CASES.map((c) => [`${c.family} / ${c.name}`, c] as const))('%s', (_name, c) => {
    const actual = Object.fromEntries(MCQ_PIPELINES.map((p) => [p, extractAnswer(named(p), c.text, c.choices)]));
    expect(actual).toEqual(c.expected);
  });

  it('decides the same when every pipeline runs at once, sharing the steps they have in common', () => {
    for (const c of CASES) {
      const together = extractAnswers(MCQ_PIPELINES.map(named), c.text, c.choices);
      expect(together, `${c.family} / ${c.name}`).toEqual(MCQ_PIPELINES.map((p) => extractAnswer(named(p), c.text, c.choices)));
    }
  });
});
