/** The gold analysis of ShareGPT records: which rule a gold calls for, its key and reward truth. */
import { describe, expect, it } from 'vitest';
import { goldKey, normalizeAnswer, questionOptions } from '../../src/extract/sharegpt.js';

const VIEWPOINT =
  "The object captured in these two photos did not move. From the camera's perspective, did the position of the camera that captured the second photo move relative to the first photo's camera position? A: Move to the left B: Move to the right C: No movement Select the correct option, please output only the option letter!";

describe('options a question lists', () => {
  it('Viewpoint-100K inline options, line options, parenthesised ones', () => {
    expect(questionOptions(VIEWPOINT).map((c) => c.letter)).toEqual(['A', 'B', 'C']);
    expect(questionOptions(VIEWPOINT).slice(0, 2).map((c) => c.text)).toEqual(['Move to the left', 'Move to the right']);
    expect(questionOptions('Which?\nA. left\nB. right\nAnswer with a letter.')).toEqual([{ letter: 'A', text: 'left' }, { letter: 'B', text: 'right' }]);
    expect(questionOptions('Is it (A) left or (B) right?').map((c) => c.text)).toEqual(['left or', 'right?']);
  });

  it('a lone lettered word, or letters out of order, is no option list', () => {
    expect(questionOptions('Is point A. higher than the rest?')).toEqual([]);
    expect(questionOptions('B: one C: two')).toEqual([]);
    expect(questionOptions('Point A. is red. A: yes B: no').map((c) => c.text)).toEqual(['yes', 'no']);
  });
});

describe('gold keys', () => {
  it.each([
    ['<think>t</think> <answer>B</answer>', VIEWPOINT, 'answer-tag', 'B', 'B'],
    ['B', VIEWPOINT, 'option-letter', 'B', 'B'],
    ['(C)', VIEWPOINT, 'option-letter', 'C', 'C'],
    ['B. Move to the right', VIEWPOINT, 'option-letter', 'B', 'B'],
    ['move to the LEFT.', VIEWPOINT, 'option-letter', 'A', 'A'],
    ['D', VIEWPOINT, 'exact-match', 'd', 'D'],
    [' Red  cube. ', 'What is it?', 'exact-match', 'red cube', 'Red  cube.'],
  ])('%j', (gold, question, form, answer, truth) => {
    const key = goldKey(gold, question);
    expect([key.form, key.answer, key.rewardTruth]).toEqual([form, answer, truth]);
  });

  it('normalisation: case, spacing, one final period, NFKC', () => {
    expect(normalizeAnswer('  Ｔhe\tRED\n cube.. ')).toBe('the red cube.');
  });
});
