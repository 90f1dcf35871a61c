/** Spatial457's reading and matching against VLMEvalKit's original (spatial457-cases.ts, run in Python). */
import { describe, expect, it } from 'vitest';
import { SPATIAL457_REPLY_INSTRUCTION } from '../../benchmarks/spatial457.js';
import { extractAnswer } from '../../src/extract/pipelines.js';
import { spatial457Correct, spatial457Quoted, spatial457WholeReply } from '../../src/extract/spatial457.js';
import { SPATIAL457_ALL_ANSWERS, SPATIAL457_CASES } from '../benchmarks/spatial457-cases.js';

const RULE = { name: 'spatial457', kind: 'text' as const, narrowers: [], steps: [spatial457Quoted, spatial457WholeReply] };

describe("Spatial457's rules, as VLMEvalKit's original decides", () => {
  it.each(SPATIAL457_CASES)('reads %j (gold %j) as %j by %s, correct: %s', (reply, gold, extracted, how, correct) => {
    const got = extractAnswer(RULE, reply, []);
    expect(got.answer).toBe(extracted);
    expect(got.method).toBe(how === 'q' ? 'spatial457-answer' : 'spatial457-whole-reply');
    expect(spatial457Correct(gold, extracted)).toBe(correct);
  });

  it('lists every allowed phrase in the reply instruction as the original does', () => {
    expect(SPATIAL457_REPLY_INSTRUCTION).toContain(`a phrase chosen from the following options: ${SPATIAL457_ALL_ANSWERS}, or (2)`);
  });
});
