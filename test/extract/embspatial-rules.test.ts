/**
 * lmms-eval's EmbSpatial letter rule (the same `_extract_answer_letter` as its CV-Bench and BLINK tasks, `lmms-first-letter`) against the original's outputs: the expected letters were
 * produced by running the original `_extract_answer_letter` (lmms_eval/tasks/embspatial/utils.py
 * @75571cfe) in Python, outside this repo, on the same strings.
 */
import { describe, expect, it } from 'vitest';
import { lmmsFirstLetter } from '../../src/extract/lmms-eval.js';
import { LMMS_EMBSPATIAL_LETTERS } from '../benchmarks/embspatial-cases.js';

describe("lmms-eval's EmbSpatial letter rule, as the original decides", () => {
  it.each(LMMS_EMBSPATIAL_LETTERS)('reads %j as %j', (reply, letter) => {
    expect(lmmsFirstLetter(reply) ?? '').toBe(letter);
  });
});
