/**
 * Table of predictions with think/answer tags, option-text answers, CJK and long outputs, with the
 * result of BOTH pipelines. `vlmevalkit` never narrows: tags stay glued to neighbouring words
 * ("<answer>B</answer>" is one token), exactly as VLMEvalKit's can_infer sees the raw prediction.
 */
import { describe } from 'vitest';
import { c, checkBothPipelines, NONE, OPT, opts, TXT, type Case } from './two-pipeline-table.js';

const SIDES = opts('左边', '右边', '上面', '下面');

const cases: Case[] = [
  // Option text instead of a letter (can_infer_text): one lower-cased option text as a substring.
  c('option text alone', 'dog', ['B', TXT]),
  c('option text with article', 'The dog', ['B', TXT]),
  c('short sentence', 'It is a dog', ['B', TXT]),
  c('upper-case option text', 'DOG', ['B', TXT]),
  c('option text inside a word', 'birds', ['C', TXT]),
  c('two option texts', 'cat or dog', NONE),
  c('two option texts inside a word', 'Catfish', NONE),
  c('nested option texts (robust: the whole answer is one option)', 'red car', NONE, ['B', 'option-text'], opts('red', 'red car', 'blue', 'green')),
  c('numeric option text', '2', ['B', TXT], ['B', 'option-text'], opts('1', '2', '3', '4')),
  c('two numeric option texts', '12', NONE, NONE, opts('1', '2', '3', '4')),
  c('numeric, longer than twice the options', 'There are 3', NONE, ['C', 'option-text'], opts('1', '2', '3', '4')),
  // Length rule: len(prediction) <= 2 * sum(len(option texts)), counted in code points.
  c('longer than twice the options', 'The animal in this picture is clearly a dog', NONE, ['B', 'option-text']),
  c('repeated option text, too long', 'dog dog dog dog dog dog dog dog dog dog', NONE, ['B', 'option-text']),
  c('exactly twice the options', 'dog'.padEnd(28, '.'), ['B', TXT]),
  c('one over twice the options', 'dog'.padEnd(29, '.'), NONE, ['B', 'option-text']),
  c('emoji count as one character each', `dog${'😀'.repeat(20)}`, ['B', TXT]),
  // CJK: fullwidth punctuation is not replaced, and CJK text has no spaces to split on.
  c('CJK option text', '在左边', ['A', TXT], ['A', 'option-text'], SIDES),
  c('CJK two option texts', '左边和右边', NONE, NONE, SIDES),
  c('CJK letter after space', '选 B', ['B', OPT]),
  c('CJK letter at end after space', '根据图片，答案是 C', ['C', OPT]),
  c('CJK glued letter', '答案是B', NONE, ['B', 'answer-is']),
  c('CJK fullwidth colon', '答案：C', NONE, ['C', 'answer-is']),
  c('CJK several letters', '我认为 A 和 B 都不对，答案是 C', NONE, ['C', 'answer-is']),
  c('CJK full stop', 'B。', NONE, ['B', 'bare-letter']),
  c('CJK fullwidth parentheses', '（B）', NONE, ['B', 'bare-letter']),
  c('CJK glued letters are not tokens', '分析：A 不对，C 也不对。\nB', ['B', OPT]),
  c('CJK answer with letter on its own line', '分析： A 不对， C 也不对。\nB', NONE, ['B', 'last-line-letter']),
  // Tags: vlmevalkit reads the raw text; robust narrows to the last <answer>, else outside <think>.
  c('think then answer', '<think>The dog is left of the cat.</think><answer>B</answer>', NONE, ['B', 'answer-tag>bare-letter']),
  c('answer tag only', '<answer>B</answer>', NONE, ['B', 'answer-tag>bare-letter']),
  c('answer tag with spaces and parens', '<answer> (C) </answer>', ['C', OPT], ['C', 'answer-tag>bare-letter']),
  c('letters while thinking', '<think>A looks right... no.</think><answer>B</answer>', NONE, ['B', 'answer-tag>bare-letter']),
  c('think with newline', '<think>I pick A</think>\n<answer>D</answer>', NONE, ['D', 'answer-tag>bare-letter']),
  c('think says answer is A, tag says B', '<think>the answer is A</think><answer>B</answer>', ['A', OPT], ['B', 'answer-tag>bare-letter']),
  c('refusal phrase inside think', '<think>Cannot determine the answer from text alone, but</think><answer>A</answer>', ['Z', OPT], ['A', 'answer-tag>bare-letter']),
  c('unclosed answer tag', '<think>hmm</think><answer>C', NONE, ['C', 'answer-tag>bare-letter']),
  c('several answer tags: last wins', '<answer>A</answer> hmm, no. <answer>C</answer>', NONE, ['C', 'answer-tag>bare-letter']),
  c('complete tag then unclosed one', '<answer>A</answer><answer>B', NONE, ['B', 'answer-tag>bare-letter']),
  c('upper-case tags', '<ANSWER>B</ANSWER>', NONE, ['B', 'answer-tag>bare-letter']),
  c('stray closing tag', 'text <answer>B</answer> trailing </answer>', NONE, ['B', 'answer-tag>bare-letter']),
  c('empty answer tag', '<answer></answer>', NONE),
  c('option text in answer tag', '<answer>The dog</answer>', ['B', TXT], ['B', 'answer-tag>option-text']),
  c('explained answer in tag', '<answer>B. The animal in the image is a dog sitting on a mat</answer>', NONE, ['B', 'answer-tag>leading-letter']),
  c('lowercase letter in tag', '<answer>b</answer>', NONE, ['B', 'answer-tag>bare-letter']),
  c('Z in answer tag', '<answer>Z</answer>', NONE, NONE),
  c('closed think, nothing after', '<think>x</think>', NONE),
  c('closing think only (template opened it)', '</think>\n\nThe answer is C.', ['C', OPT], ['C', 'think>answer-is']),
  c('letters in think, letter after', '<think>Maybe A. Or D.</think>B', NONE, ['B', 'think>bare-letter']),
  c('unclosed think: unfinished reasoning', '<think>Comparing A and B, I think the answer is B', ['B', OPT], NONE),
  // Fallbacks of the robust pipeline.
  c('last-line letter after discussion', 'Option A is wrong.\nOption C is wrong.\nB', NONE, ['B', 'last-line-letter']),
  c('Answer: after several letters', 'A is wrong; C is wrong.\n\nAnswer: B', NONE, ['B', 'answer-is']),
  c('bold letter on last line', 'A seems plausible, but considering the orientation, B also fits.\n\n**B**', NONE, ['B', 'conclusion-label']),
  c('article is not a leading letter', 'A dog and a cat and a bird are all visible here', NONE),
  c('last answer-is wins', 'Answer: A? Let me check B and C again.\nSo the final answer is (C)', NONE, NONE),
  c('Answer: a cube is no letter', 'A or B? Answer: a cube, so neither', NONE),
  c('regex quirk: answer is a cube', 'A or B? The answer is a cube', ['A', OPT]),
];

const LONG_FILLER = 'Let me think about the spatial layout step by step. '.repeat(2000);

const longCases: Case[] = [
  c('long reasoning ending in a letter', `${LONG_FILLER}The answer is C.`, ['C', OPT]),
  c('long output led by its answer', `B. ${'The dog is big. '.repeat(1000)}`, NONE, ['B', 'leading-letter']),
  c('long discussion then Answer:', `${'Option A: no. Option B: no. Option C: no. '.repeat(500)}\nAnswer: D`, NONE, ['D', 'answer-is']),
  c('long think then answer tag', `<think>${'A B C D '.repeat(5000)}</think><answer>A</answer>`, NONE, ['A', 'answer-tag>bare-letter']),
  c('long output without answer', LONG_FILLER, NONE),
];

describe('extractAnswer on tagged, textual, CJK and long predictions (vlmevalkit and robust)', () => {
  checkBothPipelines([...cases, ...longCases]);
});
