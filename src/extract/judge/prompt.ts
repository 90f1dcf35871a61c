/**
 * The judge's prompt: it asks an LLM which option a model's answer picked, never which option is
 * right. The text is versioned; any change to it must bump JUDGE_PROMPT_VERSION, because the
 * version is part of every cached verdict's key and of each summary's provenance.
 *
 * VLMEvalKit's equivalent is `build_prompt` in vlmeval/dataset/utils/multiple_choice.py (two
 * few-shot examples, 'Z' for "none"). This prompt is our own text with the same contract.
 */
import type { Choice } from '../../core/types.js';
import type { JudgeQuestion } from '../judge-prompt.js';

export type { JudgeQuestion } from '../judge-prompt.js';

export const JUDGE_PROMPT_VERSION = 'mcq-match@1';

/** First line of every judge prompt: lets the built-in mock server recognise a judge request. */
export const JUDGE_MARKER = `actial-eval judge ${JUDGE_PROMPT_VERSION}`;

/** The judge's reply for "the answer picked no single option". */
export const NO_OPTION = 'Z';

const INSTRUCTIONS = [
  'Below are a multiple-choice question, its options, and a reply someone gave to it.',
  'Report which option the reply picked. Do not solve the question yourself and do not decide whether the reply is right.',
  'Answer with a single uppercase letter and nothing else:',
  "- the option's letter, whether the reply names the letter, repeats the option's text, or says the same thing in other words;",
  `- ${NO_OPTION} if the reply picks no option, picks more than one, refuses, says it cannot tell, or means something none of the options says.`,
  'Examples, for options "A. a mug  B. a lamp  C. a chair":',
  'reply "You would sit on it, so the chair." -> C',
  'reply "Either the mug or the lamp." -> Z',
].join('\n');

export function buildJudgePrompt(q: JudgeQuestion): string {
  const options = q.choices.map((c) => `${c.letter}. ${c.text}`).join('\n');
  return [
    JUDGE_MARKER,
    INSTRUCTIONS,
    '',
    '<question>',
    q.question.trim() === '' ? '(not recorded)' : q.question.trim(),
    '</question>',
    '<options>',
    options,
    '</options>',
    '<reply>',
    q.prediction.trim(),
    '</reply>',
    'Letter:',
  ].join('\n');
}

/** Options and reply back out of a prompt built above, or null when `text` is not a judge prompt. */
export function readJudgePrompt(text: string): { readonly choices: Choice[]; readonly reply: string } | null {
  if (!text.startsWith(`${JUDGE_MARKER}\n`)) return null;
  const optionsStart = text.indexOf('\n<options>\n');
  const optionsEnd = text.indexOf('\n</options>\n<reply>\n', optionsStart);
  // The reply is model output and may contain anything, so its end is found from the back.
  const replyEnd = text.lastIndexOf('\n</reply>\nLetter:');
  if (optionsStart < 0 || optionsEnd < 0 || replyEnd < optionsEnd) return null;
  const choices: Choice[] = [];
  for (const line of text.slice(optionsStart + '\n<options>\n'.length, optionsEnd).split('\n')) {
    const m = /^([A-Z])\. (.*)$/.exec(line);
    if (m?.[1] !== undefined && m[2] !== undefined) choices.push({ letter: m[1], text: m[2] });
  }
  return { choices, reply: text.slice(optionsEnd + '\n</options>\n<reply>\n'.length, replyEnd) };
}
