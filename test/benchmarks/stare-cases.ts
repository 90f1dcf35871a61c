/**
 * STARE cases and what the originals give on them, from /work/xcheck/stare16/xcheck.py (run outside the repo):
 * VLMEvalKit@e8e78f05 StareBench.evaluate (can_match_option, exact_match, _compute_f1_for_binary_df, _macro_from_scores)
 * and STARE-bench/STARE@8c3fe559 / lmms-eval@75571cfe fast_extract_answer (the two agree on every reply) and is_equal.
 */

/** [index, category cell, question, gold cell, reply]. */
export const STARE_ROWS: readonly (readonly [string, string, string, string, string])[] = [
 [
  "1",
  "2d_trans",
  "Which shape results?\nA. one\nB. two\nC. three\nD. four",
  "A",
  "A"
 ],
 [
  "2",
  "2D_Trans ",
  "Which shape results?\nA. one\nB. two\nC. three\nD. four",
  "B",
  "<answer>B</answer>"
 ],
 [
  "3",
  "2d_trans",
  "Which shape results?\nA. one\nB. two\nC. three\nD. four",
  "C",
  "The answer is D."
 ],
 [
  "4",
  "3d_trans",
  "Which view?\nA. left\nB. right\nC. top\nD. bottom",
  "D",
  "D"
 ],
 [
  "5",
  "3d_trans",
  "Which view?\nA. left\nB. right\nC. top\nD. bottom",
  "A",
  "I cannot tell."
 ],
 [
  "6",
  "3d_trans_vsim",
  "Which view?\nA. left\nB. right\nC. top\nD. bottom",
  "B",
  "B"
 ],
 [
  "7",
  "3d_trans_vsim",
  "Which view?\nA. left\nB. right\nC. top\nD. bottom",
  "C",
  "C"
 ],
 [
  "8",
  "temporal",
  "Which frame comes next?\nA. first\nB. second\nC. third\nD. fourth",
  "A",
  "B"
 ],
 [
  "9",
  "temporal",
  "Which frame comes next?\nA. first\nB. second\nC. third\nD. fourth",
  "D",
  "D"
 ],
 [
  "10",
  "folding_nets",
  "Check out a net with 6 faces below: \n<image_0>Can the net be folded to form a cube, yes or no?\nChoose from the following answer choices:\nA. yes\nB. no",
  "A",
  "A"
 ],
 [
  "11",
  "folding_nets",
  "Check out a net with 6 faces below: \n<image_0>Can the net be folded to form a cube, yes or no?\nChoose from the following answer choices:\nA. no\nB. yes",
  "B",
  "A"
 ],
 [
  "12",
  "folding_nets",
  "Check out a net with 6 faces below: \n<image_0>Can the net be folded to form a cube, yes or no?\nChoose from the following answer choices:\nA. yes\nB. no",
  "B",
  "A"
 ],
 [
  "13",
  "folding_nets",
  "Check out a net with 6 faces below: \n<image_0>Can the net be folded to form a cube, yes or no?\nChoose from the following answer choices:\nA. no\nB. yes",
  "A",
  "C"
 ],
 [
  "14",
  "folding_nets",
  "Check out a net with 6 faces below: \n<image_0>Can the net be folded to form a cube, yes or no?\nChoose from the following answer choices:\nA. yes\nB. no",
  "A",
  "no idea"
 ],
 [
  "15",
  "folding_nets",
  "Check out a net with 6 faces below: \n<image_0>Can the net be folded to form a cube, yes or no?\nChoose from the following answer choices:\nA. no\nB. yes",
  "B",
  "<answer>B</answer>"
 ],
 [
  "16",
  "folding_nets_vsim",
  "Is it foldable?\nChoose from the following answer choices:\nA. yes\nB. no",
  "B",
  "B"
 ],
 [
  "17",
  "folding_nets_vsim",
  "Is it foldable?\nChoose from the following answer choices:\nA. no\nB. yes",
  "A",
  "A"
 ],
 [
  "18",
  "tangram_puzzle",
  "Question: Is it possible to fill the 4x4 board exactly with these pieces? (Yes or No)\nChoose from the following answer choices:\nA. Yes\nB. No",
  "A",
  "B"
 ],
 [
  "19",
  "tangram_puzzle",
  "Question: Is it possible to fill the 4x4 board exactly with these pieces? (Yes or No)\nChoose from the following answer choices:\nA. No\nB. Yes",
  "B",
  "B"
 ],
 [
  "20",
  "tangram_puzzle",
  "Question: Is it possible to fill the 4x4 board exactly with these pieces? (Yes or No)\nChoose from the following answer choices:\nA. Yes\nB. No",
  "A",
  "A"
 ],
 [
  "21",
  "tangram_puzzle_vsim",
  "Question: Can these pieces fill the board? (Yes or No)\nChoose from the following answer choices:\nA. Yes\nB. No",
  "A",
  "nothing to say"
 ],
 [
  "22",
  "tangram_puzzle_vsim",
  "Question: Can these pieces fill the board? (Yes or No)\nChoose from the following answer choices:\nA. Yes\nB. No",
  "B",
  "maybe"
 ],
 [
  "23",
  "folding_nets",
  "Check out a net with 6 faces below: \n<image_0>Can the net be folded to form a cube, yes or no?\nChoose from the following answer choices:\nA. no\nB. yes",
  " B",
  "B"
 ]
];

/** Per row: [index, pred_extracted (null for False), hit]. */
export const STARE_VLMEVALKIT_ROWS: readonly (readonly [number, string | null, number])[] = [[1, "A", 1.0], [2, "B", 1.0], [3, "D", 0.0], [4, "D", 1.0], [5, null, 0.0], [6, "B", 1.0], [7, "C", 1.0], [8, "B", 0.0], [9, "D", 1.0], [10, "A", 1.0], [11, "A", 0.0], [12, "A", 0.0], [13, "C", 0.0], [14, null, 0.0], [15, "B", 1.0], [16, "B", 1.0], [17, "A", 1.0], [18, "B", 0.0], [19, "B", 1.0], [20, "A", 1.0], [21, null, 0.0], [22, null, 0.0], [23, "B", 1.0]];

/** evaluate()'s summary (percent). */
export const STARE_VLMEVALKIT_SUMMARY: Readonly<Record<string, number>> = {
 "overall_accuracy": 56.52173913043478,
 "2d_trans_accuracy": 66.66666666666666,
 "2d_trans_vsim_accuracy": 0.0,
 "3d_trans_accuracy": 50.0,
 "3d_trans_vsim_accuracy": 100.0,
 "temporal_accuracy": 50.0,
 "perspective_accuracy": 0.0,
 "folding_nets_accuracy": 42.857142857142854,
 "folding_nets_f1": 66.66666666666666,
 "folding_nets_vsim_accuracy": 100.0,
 "folding_nets_vsim_f1": 0.0,
 "tangram_puzzle_accuracy": 66.66666666666666,
 "tangram_puzzle_f1": 80.0,
 "tangram_puzzle_vsim_accuracy": 0.0,
 "macro": 45.27777777777778
};

/** _parse_option_mapping per question. */
export const STARE_MAPPINGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
 "Check out a net with 6 faces below: \n<image_0>Can the net be folded to form a cube, yes or no?\nChoose from the following answer choices:\nA. no\nB. yes": {
  "a": "no",
  "b": "yes"
 },
 "Check out a net with 6 faces below: \n<image_0>Can the net be folded to form a cube, yes or no?\nChoose from the following answer choices:\nA. yes\nB. no": {
  "a": "yes",
  "b": "no"
 },
 "Is it foldable?\nChoose from the following answer choices:\nA. no\nB. yes": {
  "a": "no",
  "b": "yes"
 },
 "Is it foldable?\nChoose from the following answer choices:\nA. yes\nB. no": {
  "a": "yes",
  "b": "no"
 },
 "Question: Can these pieces fill the board? (Yes or No)\nChoose from the following answer choices:\nA. Yes\nB. No": {
  "a": "yes",
  "b": "no"
 },
 "Question: Is it possible to fill the 4x4 board exactly with these pieces? (Yes or No)\nChoose from the following answer choices:\nA. No\nB. Yes": {
  "a": "no",
  "b": "yes"
 },
 "Question: Is it possible to fill the 4x4 board exactly with these pieces? (Yes or No)\nChoose from the following answer choices:\nA. Yes\nB. No": {
  "a": "yes",
  "b": "no"
 },
 "Which frame comes next?\nA. first\nB. second\nC. third\nD. fourth": {},
 "Which shape results?\nA. one\nB. two\nC. three\nD. four": {},
 "Which view?\nA. left\nB. right\nC. top\nD. bottom": {}
};

/** [reply, fast_extract_answer(reply)] ('' = nothing found). */
export const STARE_FAST_EXTRACT: readonly (readonly [string, string])[] = [
 [
  "A",
  "A"
 ],
 [
  " b ",
  "B"
 ],
 [
  "B.",
  "B"
 ],
 [
  "C: the cube",
  "C"
 ],
 [
  "E",
  "E"
 ],
 [
  "H",
  "H"
 ],
 [
  "I",
  ""
 ],
 [
  "a",
  "A"
 ],
 [
  "3.5",
  "3.5"
 ],
 [
  " nan ",
  "nan"
 ],
 [
  "1_000",
  "1_000"
 ],
 [
  "inf",
  "inf"
 ],
 [
  "The final answer is \\boxed{C}.",
  "C"
 ],
 [
  "\\boxed{\\text{D}} then \\boxed{\\text{B}}",
  "B"
 ],
 [
  "\\boxed{A} \\boxed{\\text{no} x \\text{B}}",
  "B"
 ],
 [
  "\\boxed{unclosed",
  ""
 ],
 [
  "boxed{A} answer: c",
  "c"
 ],
 [
  "So the answer is B. Done",
  "b"
 ],
 [
  "Answer: (c)\nmore",
  "(c)"
 ],
 [
  "The correct answer is\n D. blue",
  "d"
 ],
 [
  "the answer is a. final answer is b.",
  "b"
 ],
 [
  "answer should be C",
  "c"
 ],
 [
  "Therefore, the Answer Is D",
  "d"
 ],
 [
  "",
  ""
 ],
 [
  "   ",
  ""
 ],
 [
  "no answer here",
  ""
 ],
 [
  "D.\nbecause",
  "D"
 ],
 [
  "A:",
  "A"
 ],
 [
  "\\boxed{ b }",
  "b"
 ],
 [
  "\\boxed{{C}}",
  "{C}"
 ],
 [
  "ANSWER: B",
  "b"
 ]
];

/** [extracted, gold, is_equal (authors), is_equal (lmms-eval)]. */
export const STARE_IS_EQUAL: readonly (readonly [string, string, boolean, boolean])[] = [["a", "A", true, true], ["a", "C", false, false], ["a", "c", false, false], [" A ", "A", true, true], [" A ", "C", false, false], [" A ", "c", false, false], ["b", "A", false, false], ["b", "C", false, false], ["b", "c", false, false], ["(c)", "A", false, false], ["(c)", "C", false, false], ["(c)", "c", false, false], ["c", "A", false, false], ["c", "C", true, true], ["c", "c", true, true], ["d. blue", "A", false, false], ["d. blue", "C", false, false], ["d. blue", "c", false, false], ["e", "A", false, false], ["e", "C", false, false], ["e", "c", false, false]];
