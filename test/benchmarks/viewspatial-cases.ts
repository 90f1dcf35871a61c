/**
 * Replies and what ZJU-REAL/ViewSpatial-Bench@2e85a5e4 evaluate.py makes of them: `official` is
 * extract_option(reply.split("\n")[-1]), `option` is extract_option(reply). Expected values were
 * produced by running the original function (/work/xcheck/spar15/viewspatial_xcheck.py), not by this code.
 */
export interface ViewSpatialCase {
  readonly reply: string;
  readonly official: string | null;
  readonly option: string | null;
}

export const VIEWSPATIAL_CASES: readonly ViewSpatialCase[] = [
  { reply: "A", official: "A", option: "A" },
  { reply: "b", official: "B", option: "B" },
  { reply: "C.", official: "C", option: "C" },
  { reply: "The answer is D", official: "D", option: "D" },
  { reply: "a bed is to the left\nB", official: "B", option: "A" },
  { reply: "B\n", official: null, option: "B" },
  { reply: "Answer: c. left", official: "C", option: "C" },
  { reply: "I think it is (B) back-left", official: "B", option: "B" },
  { reply: "Option A or B", official: "A", option: "A" },
  { reply: "A2", official: null, option: null },
  { reply: "_A", official: null, option: null },
  { reply: "éA", official: null, option: null },
  { reply: "A-B", official: "A", option: "A" },
  { reply: "The chair is a bit left", official: "A", option: "A" },
  { reply: "", official: null, option: null },
  { reply: "none of these", official: null, option: null },
  { reply: "B. front\nAnswer: D", official: "D", option: "B" },
  { reply: "D\nExplanation: a lamp", official: "A", option: "D" },
  { reply: "Ａ", official: null, option: null },
  { reply: "ABCD", official: null, option: null },
  { reply: "x d y", official: "D", option: "D" },
  { reply: "A\r\nB\r", official: "B", option: "A" },
  { reply: "Reply: B.\nThat's all", official: null, option: "B" },
  { reply: "  c  ", official: "C", option: "C" },
  { reply: "The answer: back-left (C)", official: "C", option: "C" },
  { reply: "αB", official: null, option: null },
  { reply: "B_", official: null, option: null },
  { reply: "1A", official: null, option: null },
  { reply: "Č D", official: "D", option: "D" },
];
