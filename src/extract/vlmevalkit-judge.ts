/**
 * VLMEvalKit's LLM step for multiple-choice answers (vlmeval/dataset/utils/multiple_choice.py @
 * e8e78f05, `extract_answer_from_item` with `build_prompt`): for the answers its exact matching
 * (`can_infer`) leaves undecided it asks the judge this text (VLMEvalKit's, byte for byte), reads
 * the reply with `can_infer` again, and asks up to 3 times. The question is the TSV's `question`
 * (the stored prompt between "Question: " and its options), the options VLMEvalKit's
 * `build_option_str`.
 *
 * A reply `can_infer` reads as Z scores as no option. After 3 unreadable replies VLMEvalKit picks
 * a random option (or Z); we leave the answer undecided, a miss, rather than draw one.
 */
import type { Choice } from '../core/types.js';
import type { JudgePrompt, JudgeQuestion, JudgeReply } from './judge-prompt.js';
import { vlmevalkitOption, vlmevalkitText } from './vlmevalkit.js';

export const VLMEVALKIT_JUDGE_VERSION = 'vlmevalkit-mcq@e8e78f05';

const HEAD =
  'You are an AI assistant who will help me to match an answer with several options of a single-choice question. ' +
  'You are provided with a question, several options, and an answer, and you need to find which option is most similar to the answer. ' +
  'If the meaning of all options are significantly different from the answer, output Z. ' +
  'Your should output a single uppercase character in A, B, C, D (if they are valid options), and Z. \n' +
  'Example 1: \n' +
  'Question: What is the main object in image?\nOptions: A. teddy bear B. rabbit C. cat D. dog\nAnswer: a cute teddy bear\nYour output: A\n' +
  'Example 2: \n' +
  'Question: What is the main object in image?\nOptions: A. teddy bear B. rabbit C. cat D. dog\nAnswer: Spider\nYour output: Z\n' +
  'Example 3: \n' +
  'Question: ';
const OPTIONS = '?\nOptions: There are several options: \n';
const ANSWER = '\nAnswer: ';
const TAIL = '\nYour output: ';

/** The TSV `question` out of VLMEvalKit's MCQ prompt ("Hint: …\nQuestion: …\nOptions:\n…"). */
function tsvQuestion(stored: string): string {
  const start = stored.startsWith('Question: ') ? 0 : stored.indexOf('\nQuestion: ') + 1;
  const end = stored.lastIndexOf('\nOptions:\n');
  if (start < 0 || end < start) return stored;
  return stored.slice(start + 'Question: '.length, end);
}

function build(q: JudgeQuestion): string {
  const options = q.choices.map((c) => `${c.letter}. ${c.text}\n`).join('');
  return `${HEAD}${tsvQuestion(q.question)}${OPTIONS}${options}${ANSWER}${q.prediction}${TAIL}`;
}

/** `can_infer` on the judge's reply: an option's letter, Z (no option), or nothing readable. */
function parse(content: string, choices: readonly Choice[]): JudgeReply {
  // The `vlmevalkit` pipeline's two steps, without loading every pipeline (the mock reads this too).
  const letter = vlmevalkitOption.run(content, choices) ?? vlmevalkitText.run(content, choices);
  if (letter === null) return { kind: 'invalid' };
  return choices.some((c) => c.letter === letter) ? { kind: 'option', letter } : { kind: 'none' };
}

function read(text: string): { choices: Choice[]; reply: string } | null {
  if (!text.startsWith(HEAD) || !text.endsWith(TAIL)) return null;
  const optionsAt = text.indexOf(OPTIONS, HEAD.length);
  // Options end with a newline, so the reply starts at the first blank line's "Answer: " after them.
  const answerAt = optionsAt < 0 ? -1 : text.indexOf(`\n${ANSWER}`, optionsAt);
  if (answerAt < 0) return null;
  const choices: Choice[] = [];
  for (const line of text.slice(optionsAt + OPTIONS.length, answerAt).split('\n')) {
    const m = /^([A-Z])\. (.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) choices.push({ letter: m[1], text: m[2] });
  }
  return { choices, reply: text.slice(answerAt + 1 + ANSWER.length, text.length - TAIL.length) };
}

export const VLMEVALKIT_JUDGE: JudgePrompt = {
  version: VLMEVALKIT_JUDGE_VERSION,
  build,
  parse,
  asks: 3,
  read,
  answer: (letter) => letter ?? 'Z',
};
