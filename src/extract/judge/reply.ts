/**
 * Reads the judge's reply. Only a lone letter counts: a judge that explains itself is not trusted
 * to have decided (the caller asks once more, then leaves the row undecided). VLMEvalKit instead
 * runs its answer matcher over the judge's text and, after 3 failures, picks a random letter.
 */
import type { Choice } from '../../core/types.js';
import type { JudgePrompt, JudgeReply } from '../judge-prompt.js';
import { buildJudgePrompt, JUDGE_PROMPT_VERSION, NO_OPTION, readJudgePrompt } from './prompt.js';

export type { JudgeReply } from '../judge-prompt.js';

// A reasoning judge served without a reasoning parser puts its thoughts in the content.
const THINK = /^\s*<think>[\s\S]*?<\/think>/i;
// "B", "(B)", "**B**", "B.", "Letter: B" (echoing the prompt's last line).
const LONE_LETTER = /^(?:letter\s*:\s*)?[\s"'`*_([]*([A-Za-z])[\s"'`*_)\].]*$/i;

export function parseJudgeReply(content: string, choices: readonly Choice[]): JudgeReply {
  const text = content.replace(THINK, '').trim();
  const m = LONE_LETTER.exec(text);
  const letter = m?.[1]?.toUpperCase();
  if (letter === undefined) return { kind: 'invalid' };
  if (choices.some((c) => c.letter === letter)) return { kind: 'option', letter };
  return letter === NO_OPTION ? { kind: 'none' } : { kind: 'invalid' };
}

/**
 * Our own prompt, for judged protocols that do not declare their authors' one: asked twice when
 * the reply is not a lone letter.
 */
export const MCQ_MATCH: JudgePrompt = {
  version: JUDGE_PROMPT_VERSION,
  build: buildJudgePrompt,
  parse: parseJudgeReply,
  asks: 2,
  read: readJudgePrompt,
  answer: (letter) => letter ?? NO_OPTION,
};
