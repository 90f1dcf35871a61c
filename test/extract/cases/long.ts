/**
 * Very long outputs: thousands of characters of reasoning, then (or before) a conclusion; long
 * <think> blocks; truncated reasoning; degenerate repetition. can_infer_text never reads these
 * (they exceed twice the options), and spatial-bench's line stages see only the last 6 lines or
 * 800 characters. Options: cat, dog, bird, fish.
 * Fields: vlmevalkit robust strict mmsi blink vlmevalkit-spatial (see table.ts).
 */
import { ANIMALS, family, type Row } from './table.js';

const FILLER = 'Let me think about the spatial layout step by step. '.repeat(100);
const WRONG_PARENS = '(A) is wrong. (B) is wrong. '.repeat(200);
const CJK_FILLER = '让我们一步一步地分析这张图片中物体的空间位置。'.repeat(200);

const rows: Row[] = [
  ['reasoning, then the answer is C', `${FILLER}The answer is C.`, 'C:opt C:is C:is C:mmsi - C:lines'],
  ['reasoning, then bold answer', `${FILLER}Therefore, the correct answer is **B**.`, 'B:opt B:is B:is B:mmsi - B:lines'],
  ['reasoning, then a lone letter', `${FILLER}\n\nB`, 'B:opt B:last B:last B:mmsi - B:lines'],
  ['reasoning, then (C) alone', `${FILLER}\n\n(C)`, 'C:opt C:label C:last C:mmsi C:para C:lines'],
  ['answer first, then reasoning', `The answer is A. ${FILLER}`, 'A:opt A:is A:is A:mmsi - A:lines'],
  ['led by its answer', `B. ${'The dog is big. '.repeat(1000)}`, '- B:lead - B:mmsi - B:lines'],
  ['long discussion then Answer:', `${'Option A: no. Option B: no. Option C: no. '.repeat(500)}\nAnswer: D`, '- D:is D:is A:mmsi - D:lines'],
  ['rejected parens, then (C) in its own paragraph', `${WRONG_PARENS}\n\nSo the answer is (C)`, '- C:is C:is A:mmsi C:para C:lines'],
  ['rejected parens, then (C) in the same paragraph', `${WRONG_PARENS}So the answer is (C)`, '- - C:is A:mmsi - C:phrase'],
  ['reasoning, then answer: a cube', `${FILLER}Answer: a cube`, '- - - - - A:phrase'],
  ['Chinese reasoning, then 答案是C', `${CJK_FILLER}答案是C`, '- C:is C:is - - C:lines'],
  ['degenerate repetition', 'B '.repeat(2000), '- - - B:mmsi - B:lines'],
  ['long output without an answer', FILLER, '- - - - - -'],
  ['long think then answer tag', `<think>${'A B C D '.repeat(5000)}</think><answer>A</answer>`, '- A:at>bare A:at>bare D:mmsi - A:block'],
  ['long think naming options, then answer tag', `<think>${'Consider A, B and C. '.repeat(300)}</think>\n<answer>D</answer>`, '- D:at>bare D:at>bare A:mmsi - D:block'],
  ['answer tag first, long text after', `<answer>C</answer>${FILLER}`, '- C:at>bare C:at>bare C:mmsi - C:block'],
  ['long think, then the answer is (A).', `<think>${FILLER}</think>\n\nThe answer is (A).`, 'A:opt A:th>is A:th>is A:mmsi - A:lines'],
  ['truncated think, no answer', `<think>${FILLER}`, '- - - - - -'],
  ['truncated think ending in a letter', `<think>${FILLER}So it is B`, 'B:opt - - B:mmsi - B:lines'],
];

export const LONG = family('long', ANIMALS, rows);
