/**
 * The mock as an LLM judge, so the judge can be tested end to end without a real model: a request
 * carrying actial-eval's judge prompt gets the letter of the one option whose text appears in the
 * judged reply (case-insensitive), else "Z". Deterministic, like everything the mock says.
 */
import { NO_OPTION, readJudgePrompt } from '../extract/judge/prompt.js';
import type { MockAnswer } from './answer.js';

/** The judge's answer when the user message is a judge prompt, else undefined. */
export function judgeAnswer(userTexts: readonly string[]): MockAnswer | undefined {
  const prompt = readJudgePrompt(userTexts.join('\n'));
  if (prompt === null) return undefined;
  const reply = prompt.reply.toLowerCase();
  const found = prompt.choices.filter((c) => c.text !== '' && reply.includes(c.text.toLowerCase()));
  return { content: found.length === 1 && found[0] !== undefined ? found[0].letter : NO_OPTION, reasoning: undefined };
}
