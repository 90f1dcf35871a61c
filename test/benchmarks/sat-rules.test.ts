/**
 * SAT's prompts and rules against the original code's outputs (sat-cases.ts says how they were
 * produced): the authors' LLaVA prompt and the cut they send other models, QAAccuracy's verdicts,
 * lmms-eval's prompt, filter output and exact_match.
 */
import { describe, expect, it } from 'vitest';
import { authorsQuestion, chatPrompt, EGO_PREFIX, llavaPrompt, lmmsPrompt } from '../../benchmarks/sat.js';
import {
  lmmsExactMatch, lmmsQuestionOptions, lmmsSatClean, lmmsSatFilter, qaAccuracyAnswer, qaAccuracyCorrect, qaPromptPhrases, satReply,
} from '../../src/extract/sat.js';
import { LLAVA_EXAMPLE, LMMS, LMMS_PROMPTS, PROMPTS, QA_FIRST, QA_MORE } from './sat-cases.js';

/** What the authors' scorer decides for a reply, through the module's two steps (extract, then score). */
function authorsVerdict(reply: string, gold: string, prompt: string): number | null {
  const stripped = satReply.run(reply, []) as string;
  const phrases = qaPromptPhrases(prompt);
  if (qaAccuracyAnswer(stripped, gold, phrases) === null) return null;
  return qaAccuracyCorrect(stripped, gold, phrases) ? 1 : 0;
}

describe("the authors' prompt (RealSATDynamic + format_prompts, llava branch)", () => {
  it('is the original text, character for character', () => {
    expect(EGO_PREFIX).toBe(LLAVA_EXAMPLE.egoPrefix);
    expect(llavaPrompt(2, ' How did the camera move?', ['Rotated left', 'Rotated right'])).toBe(LLAVA_EXAMPLE.prompt);
  });

  it.each(PROMPTS.map((p) => [p[0], p] as const))('%s: LLaVA prompt and the cut sent to chat models', (_id, [, images, question, type, options, llava, chat]) => {
    const built = llavaPrompt(images, authorsQuestion(question, type), options);
    expect(built).toBe(llava);
    expect(chatPrompt(built)).toBe(chat);
  });
});

describe("the authors' QAAccuracy.update", () => {
  it.each(QA_FIRST.map((c) => [c[0], c] as const))('%s', (_id, [, prompt, gold, reply, correct]) => {
    expect(authorsVerdict(reply, gold, prompt)).toBe(correct);
  });

  it.each(QA_MORE.map((c) => [c[0], c] as const))('%s (whole LLaVA prompt)', (_id, [, type, question, options, gold, reply, correct]) => {
    expect(authorsVerdict(reply, gold, llavaPrompt(2, authorsQuestion(question, type), options))).toBe(correct);
  });

  it('a raising reply is scored wrong, never right', () => {
    const raising = QA_MORE.filter((c) => c[6] === null);
    expect(raising.map((c) => c[0])).toEqual(['is-located-end', 'answer-colon-nospace', 'hash-human-no-colon', 'camera-moving-end']);
    for (const [, type, question, options, gold, reply] of raising) {
      expect(qaAccuracyCorrect(reply, gold, qaPromptPhrases(llavaPrompt(2, authorsQuestion(question, type), options)))).toBe(false);
    }
  });
});

describe("lmms-eval's sat task", () => {
  it.each(LMMS_PROMPTS.map((p) => [p[0], p] as const))('prompt of %j', (_q, [question, answers, prompt]) => {
    expect(lmmsPrompt(question, answers)).toBe(prompt);
  });

  it.each(LMMS.map((c) => [c[0], c] as const))('%s', (_id, [, question, , gold, response, filtered, exact]) => {
    const cleaned = lmmsSatClean.run(response, []) as string;
    const out = lmmsSatFilter(cleaned, lmmsQuestionOptions(question));
    expect(out).toBe(filtered);
    expect(lmmsExactMatch(out, 'AB'[gold] as string) ? 1 : 0).toBe(exact);
  });

  it('reads options out of a question as the filter does (the text after "X. ", stripped)', () => {
    expect(lmmsQuestionOptions('Pick one.\nA. Rotated left\nB. Rotated right')).toEqual(['Rotated left', 'Rotated right']);
    expect(lmmsQuestionOptions('Go to point B. ')).toEqual(['']);
    expect(lmmsQuestionOptions('How did the camera move?')).toEqual([]);
  });
});
