/**
 * MMVP's grader (tsb0601/MMVP@76350059 scripts/gpt_grader.py): every answer, with no rule before
 * it, goes to gpt-4-0314 with the authors' system message (temperature 0.2) and one user message
 * built from the answer file's `prompt` (the CSV's Question + " " + Options, which is the stored
 * prompt text), its `answer` (the CSV's "Correct Answer" cell as it is, "(a)") and `response`
 * (the model's reply, stripped as their inference script strips it). The texts are the authors'
 * byte for byte, their typo "correctly answers" kept.
 *
 * Their reading of the reply: `re.match(r"^(yes|no)$", reply, re.IGNORECASE)` and then
 * `reply.lower() == "yes"`; anything else ("Yes.", "yes\n", a sentence) is "Could not determine
 * yes or no.", which the pair count treats as wrong. So only "yes" in any letter case is right:
 * the verdict is then the gold's letter; any other reply names no option (a miss). The script
 * asks once and retries only on an exception.
 */
import type { Choice } from '../core/types.js';
import type { JudgePrompt, JudgeQuestion, JudgeReply } from './judge-prompt.js';
import { pyStrip } from './python.js';

export const MMVP_JUDGE_VERSION = 'mmvp-gpt4-grader@76350059';

/** The row field holding the CSV's "Correct Answer" cell as the authors pass it to the grader. */
export const MMVP_GOLD_FIELD = 'Correct Answer';

export const MMVP_JUDGE_SYSTEM = 'You are a helpful and precise assistant for checking the quality of the answer. Please answer in only yes or no.';

const HEAD = 'Given the following question ';
const GOLD = ', the correct answer is ';
const ANSWER = '. Does the following answer correctly answers the question, answer:';
const TAIL = '?';

const goldOf = (q: JudgeQuestion): string => q.fields?.[MMVP_GOLD_FIELD] ?? q.answer ?? '';

function build(q: JudgeQuestion): string {
  return `${HEAD}${q.question}${GOLD}${goldOf(q)}${ANSWER}${pyStrip(q.prediction)}${TAIL}`;
}

/** Right only when the reply is "yes" in some letter case (what the authors' regex and lower() leave as "yes"). */
function parse(content: string, _choices: readonly Choice[], q?: JudgeQuestion): JudgeReply {
  return content.toLowerCase() === 'yes' && q?.answer !== undefined ? { kind: 'option', letter: q.answer } : { kind: 'none' };
}

/** The mock's view: the options' labels "(a)", "(b)", the gold's called "yes" and the others "no". */
function read(text: string): { choices: Choice[]; reply: string } | null {
  if (!text.startsWith(HEAD) || !text.endsWith(TAIL)) return null;
  const goldAt = text.indexOf(GOLD, HEAD.length);
  const answerAt = goldAt < 0 ? -1 : text.indexOf(ANSWER, goldAt);
  if (answerAt < 0) return null;
  const question = text.slice(HEAD.length, goldAt);
  const gold = text.slice(goldAt + GOLD.length, answerAt).trim().toLowerCase();
  const labels = [...question.matchAll(/\([a-z]\)/gi)].map((m) => m[0].toLowerCase());
  const choices = [...new Set(labels)].map((label) => ({ letter: label === gold ? 'yes' : 'no', text: label }));
  return { choices, reply: text.slice(answerAt + ANSWER.length, text.length - TAIL.length) };
}

export const MMVP_JUDGE: JudgePrompt = {
  version: MMVP_JUDGE_VERSION,
  build,
  system: MMVP_JUDGE_SYSTEM,
  temperature: 0.2,
  gold: goldOf,
  parse,
  asks: 1,
  read,
  answer: (letter) => (letter === 'yes' ? 'Yes' : 'No'),
};
