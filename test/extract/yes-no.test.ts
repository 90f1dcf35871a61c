/**
 * The `yes-no` pipeline (AnswerKind 'yes-no'): narrowing, the answer in the last \boxed{…}, else a
 * one-word Chinese answer, a leading Yes/No closed by punctuation, or the only one of the two words.
 */
import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../src/extract/pipelines.js';

const YN = 'yes-no';
type Row = readonly [name: string, text: string, answer: string | null, method: string];

const rows: Row[] = [
  ['Yes', 'Yes', 'Yes', YN],
  ['lowercase no', 'no', 'No', YN],
  ['upper case', 'YES', 'Yes', YN],
  ['with a period', 'Yes.', 'Yes', YN],
  ['bold', '**No**', 'No', YN],
  ['leading No, then yes-words', 'No, yes would be wrong here.', 'No', YN],
  ['leading Yes, then no', 'Yes, it is. No doubt.', 'Yes', YN],
  ['conclusion', 'The cat is on the left, so yes.', 'Yes', YN],
  ['negation counts as No', 'There is no cat.', 'No', YN],
  ['both words, no leading answer', 'yes or no? I cannot tell', null, 'none'],
  ['words containing no', 'Nothing I know of', null, 'none'],
  ['Chinese yes', '是', 'Yes', YN],
  ['Chinese yes with a full stop', '是的。', 'Yes', YN],
  ['Chinese no', '否', 'No', YN],
  ['Chinese not', '不是', 'No', YN],
  ['boxed', '\\boxed{Yes}', 'Yes', 'boxed-yes-no'],
  ['boxed text', 'So \\boxed{\\text{No}}', 'No', 'boxed-yes-no'],
  ['answer tag', '<think>yes... no</think><answer>yes</answer>', 'Yes', 'answer-tag>yes-no'],
  ['after think', '<think>Is it? yes.</think>No.', 'No', 'think>yes-no'],
  ['empty', '', null, 'none'],
];

describe('yes-no pipeline', () => {
  it.each(rows)('%s: %j', (_name, text, answer, method) => {
    expect(extractAnswer('yes-no', text, [])).toEqual({ answer, method });
  });
});
