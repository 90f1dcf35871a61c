/**
 * The mock as an LLM judge, so the judge can be tested end to end without a real model: a request
 * carrying a judge prompt it knows (actial-eval's own, and every benchmark's authors' prompt a
 * protocol declares) gets the letter of the one option whose text appears in the judged reply
 * (case-insensitive), else "no option", in the form that prompt asks for. With a replay file, a
 * judged reply the file names gets the file's reply instead. Deterministic, like everything the
 * mock says.
 */
import type { JudgePrompt } from '../extract/judge-prompt.js';
import { AUTHORS_JUDGE_PROMPTS } from '../extract/judge-prompts.js';
import { MCQ_MATCH } from '../extract/judge/reply.js';
import type { MockAnswer } from './answer.js';
import type { Replay } from './replay.js';

/** Every judge prompt a protocol may ask. */
const PROMPTS: readonly JudgePrompt[] = [MCQ_MATCH, ...AUTHORS_JUDGE_PROMPTS];

/** The judge's answer when the user message is a judge prompt, else undefined. */
export function judgeAnswer(userTexts: readonly string[], replay?: Replay): MockAnswer | undefined {
  const text = userTexts.join('\n');
  for (const prompt of PROMPTS) {
    const read = prompt.read(text);
    if (read === null) continue;
    const replayed = replay?.judged.get(read.reply);
    if (replayed !== undefined) return { content: replayed, reasoning: undefined };
    const reply = read.reply.toLowerCase();
    const found = read.choices.filter((c) => c.text !== '' && reply.includes(c.text.toLowerCase()));
    return { content: prompt.answer(found.length === 1 && found[0] !== undefined ? found[0].letter : null), reasoning: undefined };
  }
  return undefined;
}
