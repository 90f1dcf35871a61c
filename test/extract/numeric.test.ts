/**
 * The `numeric` pipeline (AnswerKind 'number'): narrowing, a number in the last \boxed{…}, else the
 * number after the last "answer is", else the last number, else the last number word (≤ 20).
 * Answers are canonical JS numbers as text; items have no choices.
 */
import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../src/extract/pipelines.js';

const N = 'number';
const BOX = 'boxed-number';
type Row = readonly [name: string, text: string, answer: string | null, method: string];

const rows: Row[] = [
  ['integer', '3', '3', N],
  ['trailing zero', '3.0', '3', N],
  ['decimal', '2.50', '2.5', N],
  ['negative', '-1.5', '-1.5', N],
  ['unicode minus', '−2', '-2', N],
  ['negative zero', 'Answer: -0', '0', N],
  ['thousands separators', '1,200', '1200', N],
  ['thousands and decimals with a unit', '1,200.50 meters', '1200.5', N],
  ['a list is no thousands separator', 'counts: 1,2', '2', N],
  ['fraction', '3/4', '0.75', N],
  ['leading decimal point', '.5', '0.5', N],
  ['exponent', '1e3', '1000', N],
  ['glued unit', '5m', '5', N],
  ['sentence', 'There are 4 chairs.', '4', N],
  ['approximate measure', 'The distance is about 2.5 meters.', '2.5', N],
  ['answer statement beats a later number', 'The answer is 7, based on steps 1 and 2.', '7', N],
  ['Answer: approximately', 'Answer: approximately 3.2 m', '3.2', N],
  ['result =', 'The result = 42', '42', N],
  ['Chinese answer statement', '答案是 5，因为有 2 组', '5', N],
  ['last number without a statement', 'First 2 chairs, then 3 more: 5 in total', '5', N],
  ['two candidates: the last', '4 or 5', '5', N],
  ['range: the upper end', 'I count 2-3 chairs', '3', N],
  ['number glued to a letter is a name', 'Room B2', null, 'none'],
  ['version number', 'version v1.5', null, 'none'],
  ['number word', 'three', '3', N],
  ['number word in a sentence', 'There are twelve chairs', '12', N],
  ['digits beat number words', 'one table and 3 chairs', '3', N],
  ['boxed', '\\boxed{3.5}', '3.5', BOX],
  ['boxed after steps', 'Step 1: count 2 chairs. Step 2: add 3. \\boxed{5}', '5', BOX],
  ['boxed text with a unit', '\\boxed{\\text{7 meters}}', '7', BOX],
  ['box without a number', '\\boxed{x} so 4', '4', N],
  ['answer tag', '<think>Maybe 3 or 4.</think><answer>5</answer>', '5', `answer-tag>${N}`],
  ['boxed in answer tag', '<answer>\\boxed{12}</answer>', '12', `answer-tag>${BOX}`],
  ['after think', '<think>2 or 3?</think>\nThere are 3.', '3', `think>${N}`],
  ['unfinished think', '<think>unfinished 3', null, 'none'],
  ['no number', 'no idea', null, 'none'],
  ['empty', '', null, 'none'],
];

describe('numeric pipeline', () => {
  it.each(rows)('%s: %j', (_name, text, answer, method) => {
    expect(extractAnswer('numeric', text, [])).toEqual({ answer, method });
  });
});
