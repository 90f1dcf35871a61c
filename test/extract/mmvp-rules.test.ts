/**
 * lmms-eval's MMVP rules (lmms_eval/tasks/mmvp/utils.py @75571cfe) against the original's outputs:
 * every expected value below was produced by running the original `_extract_answer_letter`,
 * `_parse_options` and `_normalize_answer` in Python (outside this repo) on the same strings.
 */
import { describe, expect, it } from 'vitest';
import { lmmsMmvpGold, lmmsMmvpLetter, lmmsMmvpOptions } from '../../src/extract/mmvp.js';
import { LMMS_MMVP_LETTERS } from '../benchmarks/mmvp-cases.js';

const OPTIONS: readonly (readonly [string, readonly string[]])[] = [
  ["(a) Long (b) Short", ["Long", "Short"]],
  ["(a) Standing  (b) Sitting", ["Standing", "Sitting"]],
  ["(a) Yes (b) No (c) Maybe", ["Yes", "No", "Maybe"]],
  ["(A) Left (B) Right", ["Left", "Right"]],
  ["(a)Open(b)Closed", ["Open", "Closed"]],
  ["(a) red (with stripes) (b) blue", ["blue"]],
];
const GOLDS: readonly (readonly [string, string])[] = [
  ["(a)", "A"],
  ["(b)", "B"],
  ["a", "A"],
  ["B", "B"],
  [" (a) Long", "A"],
  ["(A)", "A"],
  ["(c)", "(C)"],
  ["b", "B"],
];

describe("lmms-eval's MMVP rules, as the original decides", () => {
  it.each(LMMS_MMVP_LETTERS)('reads the letter of %j as %j', (reply, letter) => {
    expect(lmmsMmvpLetter(reply)).toBe(letter);
  });
  it.each(OPTIONS)('parses the options cell %j', (cell, texts) => {
    expect(lmmsMmvpOptions(cell)).toEqual(texts);
  });
  it.each(GOLDS)('normalises the gold %j to %j', (cell, letter) => {
    expect(lmmsMmvpGold(cell)).toBe(letter);
  });
});
