/**
 * BLINK's LLM step: what zeyofu/BLINK_Benchmark asks gpt-3.5-turbo (eval/multiple_choice.py
 * `build_prompt`, called by eval/test_benchmark.py `analyze_answer`) for the replies its rule
 * leaves undecided. The text is the authors' byte for byte (a prompt is a fact that must be sent
 * as it is); the question is the row's `question` (the stored prompt up to "Select from the
 * following choices", without the disclaimer the script puts before three subtasks' prompts), the
 * options "(A) text" one per line, the model's reply as stored.
 *
 * The script asks once (it retries only on an exception) and keeps the reply as the prediction,
 * scored right only when it equals the gold "(B)": so only an exact "(X)" names an option, and any
 * other reply ("(Z)", "(C) Point C", a sentence) scores as no option. Asked 10 times and never
 * answered, the script predicts "(Z) Failed to get multiple choice", a miss: a protocol without
 * a judge scores those replies as misses too.
 */
import type { Choice } from '../core/types.js';
import type { JudgePrompt, JudgeQuestion, JudgeReply } from './judge-prompt.js';

export const BLINK_JUDGE_VERSION = 'blink-gpt-3.5-match@1';

const HEAD =
  'You are an AI assistant who will help me to match an answer with several options of a single-choice question. ' +
  'You are provided with a question, several options, and an answer, and you need to find which option is most similar to the answer. ' +
  "If the answer says things like refuse to answer, I'm sorry cannot help, etc., output (Z)" +
  'If the meaning of all options are significantly different from the answer, or the answer does not select any option, output (Z)' +
  'Your should output one of the choices, (A),(B),(C),(D),(E) (if they are valid options), or (Z)\n' +
  'Example 1: \n' +
  'Question: Which point is closer to the camera?\nSelect from the following choices.\nOptions: (A) Point A\n(B) Point B\n(Z) Failed\nAnswer: Point B, where the child is sitting, is closer to the camera.\nYour output: (B)\n' +
  'Example 2: \n' +
  "Question: Which point is closer to the camera?\nSelect from the following choices.\nOptions: (A) Point A\n(B) Point B\n(Z) Failed\nAnswer: I'm sorry, but I can't assist with that request.\nYour output: (Z)\n" +
  'Example 3: \n' +
  "Question: Which point is corresponding to the reference point?\nSelect from the following choices.\nOptions: (A) Point A\n(B) Point B\n(Z) Failed\nAnswer:The reference point (REF) on the first image is at the tip of the pot, which is the part used to Poke if the pots were used for that action. Looking at the second image, we need to find the part of the object that would correspond to poking.\n(A) Point A is at the tip of the spoon's handle, which is not used for poking.\n(B) Point B is at the bottom of the spoon, which is not used for poking.\n(C) Point C is on the side of the pspoonot, which is not used for poking.\n(D) Point D is at the tip of the spoon, which is not used for poking.\n\nTherefore, there is no correct answer in the choices\nYour output: (Z)\n" +
  'Example 4: \n' +
  'Question: ';

/** `analyze_answer` passes `f"{question}\nSelect from the following choices"`; the template adds "?". */
const SELECT = '\nSelect from the following choices';
const OPTIONS = '?\nOptions: ';
const ANSWER = '\n(Z) Failed\nAnswer: ';
const TAIL = '\nYour output: ';
const LETTERS = ['A', 'B', 'C', 'D', 'E'] as const;

/** The row's `question` out of the stored prompt text (BLINK's `prompt` = question + SELECT + "." + options). */
function authorsQuestion(stored: string): string {
  // The disclaimer is a paragraph of its own before the prompt (eval/test_benchmark.py load_prompt).
  const text = stored.startsWith('Disclaimer: ') && stored.includes('\n\n') ? stored.slice(stored.indexOf('\n\n') + 2) : stored;
  const cut = text.indexOf(SELECT);
  return cut < 0 ? text : text.slice(0, cut);
}

function build(q: JudgeQuestion): string {
  const options = q.choices.slice(0, LETTERS.length).map((c, i) => `(${LETTERS[i] ?? ''}) ${c.text}`).join('\n');
  return `${HEAD}${authorsQuestion(q.question)}${SELECT}${OPTIONS}${options}${ANSWER}${q.prediction}${TAIL}`;
}

function parse(content: string, choices: readonly Choice[]): JudgeReply {
  const m = /^\(([A-E])\)$/.exec(content);
  const letter = m?.[1];
  return letter !== undefined && choices.some((c) => c.letter === letter) ? { kind: 'option', letter } : { kind: 'none' };
}

function read(text: string): { choices: Choice[]; reply: string } | null {
  if (!text.startsWith(HEAD) || !text.endsWith(TAIL)) return null;
  const optionsAt = text.indexOf(OPTIONS, HEAD.length);
  // The reply is model output and may contain anything: it starts at the first marker after the options.
  const answerAt = text.indexOf(ANSWER, optionsAt);
  if (optionsAt < 0 || answerAt < optionsAt) return null;
  const choices: Choice[] = [];
  for (const line of text.slice(optionsAt + OPTIONS.length, answerAt).split('\n')) {
    const m = /^\(([A-E])\) (.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) choices.push({ letter: m[1], text: m[2] });
  }
  return { choices, reply: text.slice(answerAt + ANSWER.length, text.length - TAIL.length) };
}

export const BLINK_JUDGE: JudgePrompt = {
  version: BLINK_JUDGE_VERSION,
  build,
  parse,
  asks: 1,
  read,
  answer: (letter) => `(${letter ?? 'Z'})`,
};
