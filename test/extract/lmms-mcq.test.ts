/** lmms-eval's shared `extract_mcq_answer`, against the original's outputs (lmms-mcq-cases.ts). */
import { describe, expect, it } from 'vitest';
import { lmmsMcqAnswer } from '../../src/extract/lmms-mcq.js';
import { LMMS_MCQ_CASES } from './lmms-mcq-cases.js';

describe("lmms-eval's extract_mcq_answer, as the original decides", () => {
  it.each(LMMS_MCQ_CASES)('reads %j as %j (A–H) and %j (A–D)', (reply, aToH, aToD) => {
    expect(lmmsMcqAnswer(reply)).toBe(aToH);
    expect(lmmsMcqAnswer(reply, ['A', 'B', 'C', 'D'])).toBe(aToD);
  });
});
