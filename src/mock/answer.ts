/** What the mock "model" says: a deterministic answer rendered in one of several styles. */
import type { AnswerKeyEntry } from './answer-key.js';
import { pickHashed, unitHash } from './hash.js';
import type { AnswerStyle, ResolvedMockOptions } from './options.js';

export interface ParsedOption {
  readonly letter: string;
  readonly text: string;
}

export interface MockAnswer {
  readonly content: string;
  readonly reasoning: string | undefined;
}

type FixedStyle = Exclude<AnswerStyle, 'mixed'>;
// 'prose' stays out of 'mixed', so mixed runs keep answering exactly as before it existed.
const MIXED_STYLES: readonly [FixedStyle, ...FixedStyle[]] = ['letter', 'paren', 'sentence', 'think', 'option'];

// Lines like "A. text", "(A) text", "A) text".
const OPTION_LINE = /^[ \t]*(?:\(([A-Z])\)|([A-Z])[.)])[ \t]+(\S.*?)[ \t]*$/gm;

/** Option letters and texts in prompt order; a repeated letter keeps its first text. */
export function parseOptions(text: string): ParsedOption[] {
  const options: ParsedOption[] = [];
  for (const match of text.matchAll(OPTION_LINE)) {
    const letter = match[1] ?? match[2];
    const optionText = match[3];
    if (letter === undefined || optionText === undefined) continue;
    if (!options.some((o) => o.letter === letter)) options.push({ letter, text: optionText });
  }
  return options;
}

const THOUGHTS = [
  'The question is about the spatial layout, so I compare each option with what the image shows; option {L} fits best.',
  "Looking at the relative positions of the objects from the camera's viewpoint, option {L} is the consistent one.",
  'Checking the options one by one against the scene, the one that matches is {L}.',
] as const satisfies readonly [string, ...string[]];

function thought(answer: string, key: string, seed: number, purpose: string): string {
  return pickHashed(THOUGHTS, seed, key, purpose).replace('{L}', answer);
}

/**
 * The gold answer with probability `accuracy`, else a deterministic wrong one. Rows of one group
 * (the rotations of a circular question) share the draw, so a unit is right with probability
 * `accuracy` instead of `accuracy` to the power of its rotations.
 */
function keyedAnswer(entry: AnswerKeyEntry, key: string, opts: ResolvedMockOptions): string {
  const drawKey = entry.group ?? key;
  if (unitHash(opts.seed, drawKey, 'correct') < opts.accuracy) return entry.answer;
  if (entry.group !== undefined) {
    const letter = sameWrongText(entry, entry.group, opts.seed);
    if (letter !== undefined) return letter;
  }
  const [first, ...rest] = entry.letters.filter((l) => l !== entry.answer);
  // An entry without other letters still needs a wrong answer, or accuracy would be inflated.
  if (first === undefined) return entry.answer === 'A' ? 'B' : 'A';
  return pickHashed([first, ...rest], opts.seed, key, 'wrong');
}

/**
 * The letter, in this row, of the wrong option text the group settles on: drawn from the wrong
 * texts sorted (not from letters, which rotations shift), so every rotation names the same text.
 */
function sameWrongText(entry: AnswerKeyEntry, group: string, seed: number): string | undefined {
  const options = entry.options;
  if (options === undefined) return undefined;
  const goldText = options[entry.letters.indexOf(entry.answer)];
  const [first, ...rest] = [...new Set(options.filter((t) => t !== goldText))].sort();
  if (first === undefined) return undefined;
  const text = pickHashed([first, ...rest], seed, group, 'wrong');
  return entry.letters[options.indexOf(text)];
}

function chooseAnswer(key: string, options: readonly ParsedOption[], opts: ResolvedMockOptions): string {
  const entry = opts.answerKey?.(key);
  if (entry !== undefined) return keyedAnswer(entry, key, opts);
  const [first, ...rest] = options.map((o) => o.letter);
  if (first === undefined) return 'A';
  return pickHashed([first, ...rest], opts.seed, key, 'pick');
}

function render(style: FixedStyle, answer: string, optionText: string | undefined, think: () => string): string {
  switch (style) {
    case 'letter':
      return answer;
    case 'paren':
      return `(${answer})`;
    case 'sentence':
      return `The answer is ${answer}.`;
    case 'think':
      return `<think>${think()}</think><answer>${answer}</answer>`;
    case 'option':
      return optionText === undefined ? `${answer}.` : `${answer}. ${optionText}`;
    case 'prose':
      return prose(answer, optionText);
  }
}

/**
 * The chosen option's text inside a long sentence, then a remark on its own line; no letter, no
 * "answer is": what a chatty model says, and what rules cannot place (VLMEvalKit's text rule gives
 * up on answers longer than twice the options; a last-line rule finds no option there), so only a
 * judge can score it.
 */
function prose(answer: string, optionText: string | undefined): string {
  const what = optionText ?? `option ${answer}`;
  return `Looking at how the objects sit relative to one another and to the camera, the one that fits best is ${what}.\nThat is what the picture seems to show when everything in it is taken into account.`;
}

/** Depends only on (seed, key, style, prompt text): never on arrival order or timing. */
export function answerFor(key: string, userTexts: readonly string[], opts: ResolvedMockOptions): MockAnswer {
  const options = parseOptions(userTexts.at(-1) ?? '');
  const answer = chooseAnswer(key, options, opts);
  const style = opts.style === 'mixed' ? pickHashed(MIXED_STYLES, opts.seed, key, 'style') : opts.style;
  const optionText = options.find((o) => o.letter === answer)?.text;
  const content = render(style, answer, optionText, () => thought(answer, key, opts.seed, 'think'));
  const reasoning = opts.reasoning ? thought(answer, key, opts.seed, 'reasoning') : undefined;
  return { content, reasoning };
}
