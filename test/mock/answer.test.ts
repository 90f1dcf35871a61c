import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../src/mock/answer.js';

describe('parseOptions', () => {
  it('reads "A. x", "(B) y" and "C) z" lines in order', () => {
    const text = 'A cat sits. Where is it?\nA. on the mat\n  (B) under the table \nC) near the door\nAnswer with the letter.';
    expect(parseOptions(text)).toEqual([
      { letter: 'A', text: 'on the mat' },
      { letter: 'B', text: 'under the table' },
      { letter: 'C', text: 'near the door' },
    ]);
  });

  it('ignores prose that merely starts with a capital letter, and repeated letters', () => {
    expect(parseOptions('A person stands.\nI think so.\nA.second\nB. one\nB. two')).toEqual([{ letter: 'B', text: 'one' }]);
    expect(parseOptions('')).toEqual([]);
  });
});
