import { describe, expect, it } from 'vitest';
import { extractAnswer } from '../../src/extract/pipelines.js';
import type { Choice } from '../../src/core/types.js';

const ANIMALS: readonly Choice[] = [
  { letter: 'A', text: 'cat' },
  { letter: 'B', text: 'dog' },
  { letter: 'C', text: 'bird' },
  { letter: 'D', text: 'fish' },
];

/**
 * VLMEvalKit 6708e8fb (bundled with Actial): can_infer_option takes a single option letter anywhere
 * (no last-4-tokens rule), has no "answer is" regex, and can_infer_text has no length limit.
 * Each case also states what e8e78f05 (`vlmevalkit`) decides, to show where the two differ.
 * The 6708e8fb column was cross-checked by running the bundled original can_infer
 * (warmsnow-sh/Actial@32f46c31 VLMEvalKit/vlmeval/utils/matching_util.py) under CPython 3.11
 * outside this repo (/work/xcheck/peers14/vlmevalkit6708_xcheck.py): no disagreement.
 */
const CASES: readonly [string, string | null, string | null][] = [
  // text, 6708e8fb, e8e78f05
  ['B', 'B', 'B'],
  ['(C)', 'C', 'C'],
  ['B. The animal in the image is a dog sitting on a mat', 'B', null],
  ['Option B is right because the animal in the picture is clearly sitting on a mat', 'B', null],
  ['the answer is b', null, 'B'],
  ['A or B', null, null],
  ['Cannot determine the answer', 'Z', 'Z'],
  [`${'It has fur and barks, so it must be a dog. '.repeat(5)}`, 'B', null],
  ['Z', 'Z', 'Z'],
];

describe('vlmevalkit@6708e8fb', () => {
  it.each(CASES)('%j → %s (e8e78f05: %s)', (text, old, current) => {
    expect(extractAnswer('vlmevalkit@6708e8fb', text, ANIMALS).answer).toBe(old);
    expect(extractAnswer('vlmevalkit', text, ANIMALS).answer).toBe(current);
  });
  it('records its own step names', () => {
    expect(extractAnswer('vlmevalkit@6708e8fb', 'Option B is right because it barks a lot', ANIMALS).method).toBe('vlmevalkit-option@6708e8fb');
    expect(extractAnswer('vlmevalkit@6708e8fb', 'it is a dog', ANIMALS).method).toBe('vlmevalkit-text@6708e8fb');
  });
});
