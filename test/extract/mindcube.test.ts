/**
 * MindCube's extract_answer, table-driven. Every expected value was produced by running the
 * originals outside this repo (/work/xcheck/mindcube15/xcheck.py) on these exact strings:
 * mll-lab-nu/MindCube@6d8fd9ac src/evaluation/core/extractors.py `extract_answer` after
 * src/inference/utils.py `ResponseProcessor.clean_response` (official), and lmms-eval@75571cfe
 * lmms_eval/tasks/mindcube/utils.py `extract_answer` on `text.strip()` (lmms-eval), and the
 * official function on the raw text.
 */
import { describe, expect, it } from 'vitest';
import { mindcube } from '../../benchmarks/mindcube.js';
import { lmmsEvalSetting, mindcubeCleanResponse, mindcubeExtract, officialSetting } from '../../src/extract/mindcube.js';
import { runPipeline } from '../../src/extract/pipelines.js';

/** [reply, official (cleaned reply), lmms-eval (stripped reply), extract_answer(raw reply)]. */
export const MINDCUBE_CASES: readonly (readonly [string, string | null, string | null, string | null])[] = [
  ["<answer>A. Above</answer>", "A", "A", "A"],
  ["<answer>B</answer>", "B", "B", "B"],
  ["B", "B", "B", "B"],
  [" B", "B", "B", "B"],
  ["\n\nC\n", "C", "C", "C"],
  ["The answer is C", "C", "C", "C"],
  ["the answer is d", null, null, null],
  ["My answer is D", "D", "D", "D"],
  ["I think (B) because A. is wrong", "A", "A", "A"],
  ["Options: A. left B. right. So C", "B", "B", "B"],
  ["<Answer> C </Answer>", "C", "C", "C"],
  ["<Answer>my answer is E", "E", "E", "E"],
  ["<Answer>\nB\n", "B", "B", "B"],
  ["<answer>\nB\n</answer>", "B", "B", "B"],
  ["Answer: B", "B", "B", "B"],
  ["Answer:C", "C", "C", "C"],
  ["**B**", "B", "B", "B"],
  ["\"C\"", "C", "C", "C"],
  ["It is behind.\nB", "B", "B", "B"],
  ["I pick A because\nit is left", "A", "A", "A"],
  ["line one\nB is my pick\nD or not", "B", "D", "D"],
  ["\u00c9B", null, null, null],
  ["\u00e9A here", null, null, null],
  ["A\u00a0", "A", "A", "A"],
  ["Option E", "E", "E", "E"],
  ["", null, null, null],
  ["   ", null, null, null],
  ["No letter here", null, null, null],
  ["The correct option is B. Under the table", "B", "B", "B"],
  ["B. Under the table, clearly", "B", "B", "B"],
  ["First A. then B. finally C.", "C", "C", "C"],
  ["x\nAnswer: D\nmore", "D", "D", "D"],
  ["Answer is B and A", "B", "B", "B"],
  ["B\u2003C", "B", "B", "B"],
  ["\tD\t", "D", "D", "D"],
  ["<answer>(C)</answer>", "C", "C", "C"],
  ["I'd say A", "A", "A", "A"],
  ["A)", "A", "A", "A"],
  ["answer: e", null, null, null],
  ["THE ANSWER IS B.", "B", "B", "B"],
  ["A is wrong\n\nC", "A", "C", "C"],
  [" \nD is it\nB", "D", "B", "B"],
  ["It is C\n", "C", "C", "C"],
  ["<Answer>the answer is B</Answer> A", "B", "B", "B"],
  ["pick \"D\" now\nE", "D", "E", "E"],
  ["\uff22", null, null, null],
  ["B\u0085C", "B", "B", "B"],
];

const pipeline = (name: string) => {
  const p = mindcube.protocols.find((x) => x.name === name);
  if (p === undefined) throw new Error(name);
  return p.extract;
};

describe('MindCube extract_answer against the original Python', () => {
  it.each(MINDCUBE_CASES)('%j', (text, official, lmms, raw) => {
    expect(runPipeline(pipeline('official'), text, []).answer).toBe(official);
    expect(runPipeline(pipeline('lmms-eval'), text, []).answer).toBe(lmms);
    expect(mindcubeExtract(text)).toBe(raw);
  });

  it('has cases where the protocols read the same reply differently', () => {
    expect(MINDCUBE_CASES.some(([, o, l]) => o !== l)).toBe(true);
  });

  it('cleans replies as the official inference stores them', () => {
    expect(mindcubeCleanResponse('')).toBe('No response generated');
    expect(mindcubeCleanResponse(' \n ')).toBe('Error: Generated response too short');
    expect(mindcubeCleanResponse(' a\n\n b\tc ')).toBe('a b c');
  });
});

describe('MindCube settings from ids', () => {
  it.each([
    ['rotation_group000_q1_1', 'rotation', 'rotation'],
    ['among_group001_q2', 'among', 'among'],
    ['around_group3_q1', 'around', 'around'],
    ['aroundnew_test_q1_001', 'around', 'around'],
    ['translation_group000_q1', 'translation', 'other'],
    ['Rotation_x', 'rotation', 'other'],
    ['x_among_y', 'among', 'other'],
    ['plain', 'other', 'other'],
  ])('%s → official %s, lmms-eval %s', (id, official, lmms) => {
    expect(officialSetting(id)).toBe(official);
    expect(lmmsEvalSetting(id)).toBe(lmms);
  });
});
