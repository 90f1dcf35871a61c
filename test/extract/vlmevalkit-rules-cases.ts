/**
 * Table of predictions without tags, with the result of BOTH pipelines. The `vlmevalkit`
 * expectations were derived by hand from open-compass/VLMEvalKit @ e8e78f05,
 * vlmeval/utils/matching_util.py (can_infer = can_infer_option, else can_infer_text), then
 * cross-checked by running that original can_infer under CPython 3.11 on every case, outside this
 * repo (/work/xcheck/peers14/vlmevalkit_xcheck.py, with the tables of cases/*.ts): no disagreement.
 * With ANIMALS (cat/dog/bird/fish) the option texts total 14 chars, so can_infer_text only
 * considers predictions of at most 28 characters.
 */
import { c, NONE, OPT, opts, TXT, type Case } from './two-pipeline-table.js';

export const VLMEVALKIT_RULE_CASES: readonly Case[] = [
  // Bare and decorated letters: punctuation .()[],:;!*#{} becomes whitespace before tokenising.
  c('bare letter', 'B', ['B', OPT]),
  c('bare A', 'A', ['A', OPT]),
  c('bare D', 'D', ['D', OPT]),
  c('parenthesised', '(B)', ['B', OPT]),
  c('bold', '**C**', ['C', OPT]),
  c('brackets', '[C]', ['C', OPT]),
  c('braces', '{B}', ['B', OPT]),
  c('hash', '#B', ['B', OPT]),
  c('letter and paren', 'B)', ['B', OPT]),
  c('letter and colon', 'B:', ['B', OPT]),
  c('letter and period', 'B.', ['B', OPT]),
  c('letter and option text', 'B. dog', ['B', OPT]),
  c('letter paren text', 'B) dog', ['B', OPT]),
  c('Answer colon', 'Answer: C', ['C', OPT]),
  c('Answer colon no space', 'Answer:B', ['B', OPT]),
  c('bold Answer', '**Answer:** B', ['B', OPT]),
  c('Option B', 'Option B', ['B', OPT]),
  c('Option (B)', 'Option (B)', ['B', OPT]),
  c('Answer (A) cat', 'Answer: (A) cat', ['A', OPT]),
  c('the answer is B.', 'The answer is B.', ['B', OPT]),
  c('the answer is: C', 'The answer is: C', ['C', OPT]),
  c('correct answer is (D).', 'The correct answer is (D).', ['D', OPT]),
  c('surrounding whitespace', '  \n B \n', ['B', OPT]),
  c('trailing newline', 'B\n', ['B', OPT]),
  c('I would say A.', 'I would say A.', ['A', OPT]),
  c('I think it is B', 'I think it is B', ['B', OPT]),
  c('B is the answer', 'B is the answer', ['B', OPT]),
  c('Z or B: the option letter wins', 'Z or B', ['B', OPT]),
  c('non-breaking spaces are Python whitespace', 'answer\u00a0is\u00a0D', ['D', OPT]),
  c('trailing NBSP', 'B\u00a0', ['B', OPT]),
  c('ideographic spaces', '\u3000B\u3000', ['B', OPT]),
  // U+FEFF is not whitespace for Python's split, so the token is "B\uFEFF".
  c('BOM is not Python whitespace', 'B\ufeff', NONE, ['B', 'bare-letter']),
  c('quoted letter', '"B"', NONE, ['B', 'bare-letter']),
  c('backticked letter', '`C`', NONE, ['C', 'bare-letter']),
  c('fullwidth letter', 'Ａ', NONE),
  // Lowercase letters are never option tokens.
  c('lowercase b', 'b', NONE, ['B', 'bare-letter']),
  c('lowercase (c) with option text', '(c) bird', ['C', TXT]),
  c('lowercase (c) alone', '(c)', NONE, ['C', 'bare-letter']),
  c('answer: c', 'answer: c', NONE, ['C', 'answer-is']),
  // The verbose regex is case-insensitive: a lowercase letter after "answer is" counts.
  c('the answer is b (regex)', 'The answer is b', ['B', OPT]),
  c('answer is c (regex)', 'answer is c', ['C', OPT]),
  c('the answer is d (regex)', 'The answer is d', ['D', OPT]),
  // ... and has no word boundary: "answer is about" reads as 'A', "is definitely" as 'D'.
  c('regex quirk: answer is about', 'The answer is about the dog', ['A', OPT]),
  c('regex quirk: answer is definitely', 'The answer is definitely the fish, not C or A', ['D', OPT]),
  // Two distinct option letters: the token rule gives up, the regex takes the FIRST "answer is".
  c('A or B', 'A or B', NONE),
  c('two letters, regex', 'A dog is on the mat, so the answer is B', ['B', OPT]),
  c('B, not C', 'The answer is B, not C', ['B', OPT]),
  c('B or C', 'The answer is B or C', ['B', OPT]),
  c('first answer-is wins', 'The answer is C.\n\nWait, actually the answer is D.', ['C', OPT]),
  c('correct answer is **B** then why', 'The correct answer is **B**. Here is why: the dog is on the left and the cat is on the right.', ['B', OPT]),
  c('both A and B, no answer', 'Both A and B look similar; I pick the first.', NONE),
  c('three letters then B', 'First, A is wrong. Then C is wrong. So B', NONE),
  c('neither A nor B, should be C', 'Neither A nor B; the answer should be C', NONE),
  // Last-4-tokens rule: the single option letter's FIRST occurrence must be among the last 4 tokens.
  c('letter not in last 4 tokens', 'B. The animal in the image is a dog sitting on a mat', NONE, ['B', 'leading-letter']),
  c('letter first of 6 tokens', 'B is the right answer here', NONE),
  c('letter first of 11 tokens (default: only option B\'s text)', 'B is correct because the dog is sitting on the mat', NONE, ['B', 'sole-letter']),
  c('letter at start then colon', 'C: bird, because it has wings and is flying above the trees', NONE, ['C', 'conclusion-label']),
  c('Answer: A then explanation', 'Answer: A\nExplanation: the cat is on the left side of the image, as seen clearly.', NONE, ['A', 'answer-is']),
  c('best choice is D mid-sentence', 'The best choice is D because the fish is in water, and the other animals are not', NONE, ['D', 'answer-is']),
  c('article A is an option token', 'A bird', ['A', OPT]),
  c('lowercase article, option text', 'a bird', ['C', TXT]),
  // Letters beyond the options are ignored by the token count.
  c('E when only A-D', 'E', NONE),
  c('F. none of them', 'F. none of them', NONE),
  c('A or E: only A counts', 'A or E', ['A', OPT]),
  c('answer is E: regex only knows ABCD', 'The answer is E', NONE),
  c('answer is (E)', 'The answer is (E)', NONE),
  c('E is an option here', 'The answer is E', ['E', OPT], ['E', 'answer-is'], opts('cat', 'dog', 'bird', 'fish', 'horse')),
  c('C with two options', 'C', NONE, NONE, opts('yes', 'no')),
  // Refusals and 'Z'.
  c('refusal: cannot determine', 'Cannot determine the answer', ['Z', OPT]),
  c('refusal: people', "Sorry, I can't help with images of people yet.", ['Z', OPT]),
  c('refusal: file', "I can't process this file.", ['Z', OPT]),
  c('refusal: no image', "I'm sorry, but without the image provided, I cannot answer.", ['Z', OPT]),
  c('refusal wins over an answer', 'Cannot determine the answer. The answer is B', ['Z', OPT]),
  c('refusal is case-sensitive', 'cannot determine the answer', NONE),
  c('bare Z', 'Z', ['Z', OPT]),
  c('Z token anywhere without option letters', 'None of the options is correct, so Z', ['Z', OPT]),
  c('Z with two options', 'Z', ['Z', OPT], NONE, opts('yes', 'no')),
  // The failed-API marker only stops the option rule; the text rule still runs.
  c('API failure', 'Failed to obtain answer via API.', NONE),
  c('API failure with letter', 'Failed to obtain answer via API. B', NONE),
  c('API failure, text rule still runs', 'Failed to obtain answer via API', ['A', TXT], ['A', 'option-text'], opts('obtain answer', 'a long unrelated option text here')),
  c('empty string', '', NONE),
  c('whitespace only', ' \n\t ', NONE),
];

