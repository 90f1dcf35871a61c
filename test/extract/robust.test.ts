/**
 * The `robust` pipeline on the reply shapes issue 14 names: long reasoning that names every option
 * before concluding, a letter whose text is another option's, an option named only in a rejected
 * alternative, lower-case articles, "answer is B", <answer>/<think>, boxes. Each row states the
 * answer (null: undecided) and the method; the doubt rows must stay null whatever step would read them.
 */
import { describe, expect, it } from 'vitest';
import type { Choice } from '../../src/core/types.js';
import { extractAnswer } from '../../src/extract/pipelines.js';
import { conflictingConclusions, declines, mislabelled } from '../../src/extract/robust-doubt.js';

const opts = (...texts: string[]): Choice[] => texts.map((text, i) => ({ letter: String.fromCharCode(65 + i), text }));
const IMAGES = opts('the second image', 'the third image');
const POINTS = opts('Point A', 'Point B', 'Point C', 'Point D');
const THINGS = opts('the lamp', 'the chair', 'the table');
const ANIMALS = opts('cat', 'dog', 'bird', 'fish');
const YES_NO = opts('yes', 'no');

const EVERY_OPTION = [
  '(A) Point A is on the handle, which is not used for scraping.',
  '(B) Point B is on the blade edge, the part that scrapes.',
  '(C) Point C is on the label.',
  '(D) Point D is on the cap.',
].join('\n');

type Row = readonly [name: string, text: string, choices: readonly Choice[], answer: string | null, method: string];

const rows: readonly Row[] = [
  // Long reasoning naming every option, then a conclusion.
  ['every option, then "answer is"', `${EVERY_OPTION}\n\nTherefore, the answer is (B).`, POINTS, 'B', 'answer-is'],
  ['every option, then a labelled last paragraph', `${EVERY_OPTION}\n\nSo the best match is (B) Point B.`, POINTS, 'B', 'conclusion-label'],
  ['every option, no conclusion', EVERY_OPTION, POINTS, null, 'none'],
  ['every option, cut off mid-sentence', `${EVERY_OPTION}\n\nThe point that matches is the one on the`, POINTS, null, 'none'],
  ['"answer is (A)." then the other options discussed', `The answer is (A).\n\n(B) Point B is on the blade.\n(C) Point C is on the label.`, POINTS, null, 'none'],
  ['"answer is:" then a list of every option', 'The correct answer is:\n\n(A) Point A\n(B) Point B\n(C) Point C\n(D) Point D', POINTS, null, 'none'],
  // A letter and an option text that disagree.
  ['(A) with B\'s text', 'So, the answer is:\n**(A) the third image**', IMAGES, null, 'none'],
  ['B\'s text labelled (A) earlier, then (A) with its own text', 'The third image (A) fits best.\n\nSo, the answer is:\n**(A) the second image**', IMAGES, null, 'none'],
  ['a letter outside the options labelling an option', 'Based on these observations, the third image (C) is most similar.', IMAGES, null, 'none'],
  ['(A) with its own text', 'So, the answer is:\n**(A) the second image**', IMAGES, 'A', 'answer-is'],
  ['"(B) yes" where B is no', '(B) yes', YES_NO, null, 'none'],
  // An option named only in a rejected alternative.
  ['not the lamp, but the chair', 'It is not the lamp, but the chair.', THINGS, 'B', 'option-text'],
  ['only a rejected option', 'It is not the lamp.', THINGS, null, 'none'],
  ['a contrasted option', 'The third image, on the other hand, is too dark to match.', IMAGES, null, 'none'],
  ['an affirmed option in a finished sentence', 'Therefore, the second image is most similar to the first one.', IMAGES, 'A', 'option-text'],
  // Lower-case articles and pronouns are no letters.
  ['"a" starting a sentence', 'a dog sits on the mat', ANIMALS, 'B', 'option-text'],
  ['"A" as the article before another option', 'A dog.', ANIMALS, 'B', 'option-text'],
  ['"an" and "a" only', 'an animal with a tail', ANIMALS, null, 'none'],
  ['"the answer is a cube" is no A', 'The answer is a cube', ANIMALS, null, 'none'],
  ['"the answer is based on" is no B', 'The answer is based on the colours.', ANIMALS, null, 'none'],
  ['"A or B" is two letters', 'A or B', ANIMALS, null, 'none'],
  // "answer is B" and its relatives.
  ['answer is B', 'The answer is B.', ANIMALS, 'B', 'answer-is'],
  ['Answer: (C)', 'Answer: (C)', ANIMALS, 'C', 'answer-is'],
  ['two different answer-is letters', 'The answer is C.\n\nWait, actually the answer is D.', ANIMALS, null, 'none'],
  ['"C is the correct answer" beside "is (D)"', 'Point C in the options is the correct answer.\n\nTherefore, the point is (D).', POINTS, null, 'none'],
  ['"answer is (A) … or (B) …"', 'Therefore, the answer is (A) the second image or (B) the third image.', IMAGES, null, 'none'],
  ['a short sentence with one letter', 'I would say B.', ANIMALS, 'B', 'sole-letter'],
  // Tags and boxes.
  ['<answer> tag', '<think>A looks right, then C.</think><answer>B</answer>', ANIMALS, 'B', 'answer-tag>bare-letter'],
  ['<think> then a letter', '<think>(A) is wrong. (C) maybe.</think>\n\nD', ANIMALS, 'D', 'think>bare-letter'],
  ['unfinished <think>', '<think>The answer is (A', ANIMALS, null, 'none'],
  ['<answer> contradicting its option', '<answer>(A) the third image</answer>', IMAGES, null, 'none'],
  ['boxed', 'Reasoning: (A) is too small, (B) too large.\n\n$\\boxed{C}$', ANIMALS, 'C', 'boxed'],
  // Declining to choose.
  ['none of the options', `${EVERY_OPTION}\n\nNone of the options correspond to the reference point.`, POINTS, null, 'none'],
  ['cannot be determined', 'It is not possible to determine which is closer, so (A).', ANIMALS, null, 'none'],
];

describe('robust pipeline on chatty replies', () => {
  it.each(rows)('%s', (_name, text, choices, answer, method) => {
    expect(extractAnswer('robust', text, choices)).toEqual({ answer, method });
  });
});

describe('the doubt checks, one by one', () => {
  it.each([
    ['(A) the third image', IMAGES, true],
    ['the second image (B)', IMAGES, true],
    ['(A) the second image', IMAGES, false],
    ['(a) the third image', IMAGES, true],
    ['(C) Point C is on the label.', POINTS, false],
    ['(C) Point D', POINTS, true],
    ['Point A. Point B is lower.', POINTS, false],
  ] as const)('mislabelled(%j) is %s', (text, choices, expected) => {
    expect(mislabelled(text, choices)).toBe(expected);
  });

  it.each([
    ['The answer is B. So the answer is B.', false],
    ['The answer is B. So the answer is C.', true],
    ['The answer is (A) or (B).', true],
    ['The answer is (A).\n(B) is close too.', true],
    ['B is the correct answer. The answer is B.', false],
  ] as const)('conflictingConclusions(%j) is %s', (text, expected) => {
    expect(conflictingConclusions(text)).toBe(expected);
  });

  it.each([
    ['(A) fits.\n\nNone of the above match.', true],
    ['None of the above match.\n\n(A) fits.', false],
    ['It is difficult to tell.', true],
    ['If I had to choose, (B).', true],
  ] as const)('declines(%j) is %s', (text, expected) => {
    expect(declines(text)).toBe(expected);
  });
});
