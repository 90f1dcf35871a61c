import { describe, expect, it } from 'vitest';
import type { Choice } from '../../src/core/types.js';
import { mmsiLetterOf } from '../../src/extract/mmsi.js';
import { extractAnswer } from '../../src/extract/pipelines.js';
import { named } from './named.js';

const FOUR: Choice[] = ['left', 'right', 'front', 'behind'].map((text, i) => ({ letter: 'ABCD'[i] as string, text }));

/**
 * Expected values come from running MMSI-Bench's `extract_single_choice_with_word_boundary`
 * (README of InternRobotics/MMSI-Bench) under CPython 3.11 on the same strings.
 */
describe('mmsi extractor: the official narrowing chain', () => {
  it.each([
    ['double backticks', '``B``', 'B'],
    ['single backticks', '`C`', 'C'],
    ['braces', '{D}', 'D'],
    ['a bare letter', 'B', 'B'],
    ['a bracketed letter', '(B)', 'B'],
    ['a sentence', 'The answer is B.', 'B'],
    ['double backticks win over single ones', 'Answer: ``C`` because `A` is wrong', 'C'],
    ['backticks holding no letter leave nothing to fall back on', '`the chair` so B', null],
    ['triple backticks: the first ``…`` starts one tick in', '``` B ```', 'B'],
    ['an unbalanced ``B` narrows to the empty `` pair', '``B`', null],
    ['the first of several backtick pairs', '`A` and `B`', 'A'],
    ['the first of several brace pairs', '{B} or {C}', 'B'],
    ['braces inside backticks', '``{D}``', 'D'],
    ['braces inside backticks, narrowed to text without a letter', '`{x} C`', null],
    ['a narrowing across lines', '``\n``B', null],
    ['empty', '', null],
    ['a lone backtick', '`', null],
    ['an empty backtick pair', '``', null],
  ] as const)('%s: %j → %s', (_name, text, expected) => {
    expect(mmsiLetterOf(text)).toBe(expected);
  });
});

describe('mmsi extractor: the first standalone A–D not followed by a space and a letter', () => {
  it.each([
    ['the article in "A bike" is skipped', 'A bike is on the left, so the answer is C', 'C'],
    ['an article alone', 'A bike', null],
    ['a tab is a space', 'A\tbike', null],
    ['no-break space is a space (Python \\s)', 'A\u00a0bike', null],
    ['em space is a space', 'A\u2003bike', null],
    ['U+0085 is a space in Python', 'A\u0085b', null],
    ['U+001C is a space in Python', 'A\u001cb', null],
    ['zero-width space is no space', 'A\u200bbike', 'A'],
    ['U+FEFF is no space in Python (it is in JS)', 'A\ufeffb', 'A'],
    ['two spaces then a word', 'A  bike', 'A'],
    ['a comma then a word', 'A, bike', 'A'],
    ['a letter then a digit is one word', 'A1', null],
    ['a digit then a letter is one word', '1A', null],
    ['underscore is a word character', '_A', null],
    ['a non-ASCII letter before is a word character', '\u00e9A', null],
    ['a non-ASCII letter after is a word character', 'A\u00e9', null],
    ['a combining mark is no word character', 'e\u0301A', 'A'],
    ['a combining mark after the letter', 'A\u0301', 'A'],
    ['a roman numeral is a word character but the space separates', '\u2163 A', 'A'],
    ['Cyrillic А is no Latin A', '\u0410 Cyrillic', null],
    ['lowercase letters never count', 'a b c d', null],
    ['letters inside a word', 'ABCD', null],
    ['a period separates', 'B.C', 'B'],
    ['a colon follows', 'D:', 'D'],
    ['"I" is no option letter', 'I think B', 'B'],
    ['E is outside A–D', 'E', null],
    ['a word starting with a letter', 'Dx B', 'B'],
    ['a letter alone on a line', 'The correct option is:\n\nB\n', 'B'],
    ['a newline then a word counts as a space and a letter', 'C\nis right', null],
    ['tags are no word characters', '<answer>B</answer>', 'B'],
    ['reasoning first: "B fits" is skipped, the tag letter counts', 'option B fits best.</think><answer>B</answer>', 'B'],
  ] as const)('%s: %j → %s', (_name, text, expected) => {
    expect(mmsiLetterOf(text)).toBe(expected);
  });
});

describe('mmsi pipeline', () => {
  it('runs the official step alone on the whole prediction', () => {
    expect(named('mmsi').narrowers).toEqual([]);
    expect(named('mmsi').steps.map((s) => s.name)).toEqual(['mmsi-word-boundary']);
  });

  it('records the step that decided, or none', () => {
    expect(extractAnswer(named('mmsi'), 'The answer is ``C``.', FOUR)).toEqual({ answer: 'C', method: 'mmsi-word-boundary' });
    expect(extractAnswer(named('mmsi'), 'I cannot tell.', FOUR)).toEqual({ answer: null, method: 'none' });
  });

  it('reads the first letter inside an unnarrowed <think> block, as the original does', () => {
    expect(extractAnswer(named('mmsi'), '<think>Maybe C.</think><answer>B</answer>', FOUR).answer).toBe('C');
  });

  it('keeps its fixed A–D set even when the question has fewer options', () => {
    const two = FOUR.slice(0, 2);
    expect(extractAnswer(named('mmsi'), 'D', two).answer).toBe('D');
  });
});
