/**
 * Letters inside sentences: "Answer: C", "The answer is B.", several letters, the letter outside
 * can_infer's last 4 tokens, and spatial-bench's 6-line window. Options: cat, dog, bird, fish.
 * Fields: vlmevalkit robust strict mmsi blink vlmevalkit-spatial (see table.ts).
 */
import { ANIMALS, family, type Row } from './table.js';

const rows: Row[] = [
  ['Answer: C', 'Answer: C', 'C:opt C:is C:is C:mmsi - C:lines'],
  ['Answer:B', 'Answer:B', 'B:opt B:is B:is B:mmsi - B:lines'],
  ['bold Answer', '**Answer:** B', 'B:opt B:is B:is B:mmsi - B:lines'],
  ['Answer: (B)', 'Answer: (B)', 'B:opt B:is B:is B:mmsi B:para B:lines'],
  ['Answer: B. dog', 'Answer: B. dog', 'B:opt B:is B:is B:mmsi - B:lines'],
  ['Answer: E beyond the options', 'Answer: E', '- - - - - E:lines'],
  ['Correct answer: D', 'Correct answer: D', 'D:opt D:is D:is D:mmsi - D:lines'],
  ['Final answer: C', 'Final answer: C', 'C:opt C:is C:is C:mmsi - C:lines'],
  ['final answer: c', 'final answer: c', '- C:is C:is - - C:phrase'],
  ['Option B', 'Option B', 'B:opt B:label - B:mmsi - B:lines'],
  ['Option C is correct.', 'Option C is correct.', 'C:opt C:label - - - C:lines'],
  ['Option C: bird is an enumeration line', 'Option C: bird', 'C:opt C:label - C:mmsi - -'],
  ['The answer is B.', 'The answer is B.', 'B:opt B:is B:is B:mmsi - B:lines'],
  ['The answer is: C', 'The answer is: C', 'C:opt C:is C:is C:mmsi - C:lines'],
  ['The answer is b', 'The answer is b', 'B:opt B:is B:is - - B:phrase'],
  ['The correct answer is (D).', 'The correct answer is (D).', 'D:opt D:is D:is D:mmsi - D:lines'],
  ['The correct option is **B**', 'The correct option is **B**', 'B:opt B:is B:is B:mmsi - B:lines'],
  ['My answer is D', 'My answer is D', 'D:opt D:is D:is D:mmsi - D:lines'],
  ['answer: c', 'answer: c', '- C:is C:is - - C:phrase'],
  ['I would say A.', 'I would say A.', 'A:opt A:sole - A:mmsi - A:lines'],
  ['I think it is B', 'I think it is B', 'B:opt B:sole - B:mmsi - B:lines'],
  ['I choose C', 'I choose C', 'C:opt C:sole - C:mmsi - C:lines'],
  ['It is B', 'It is B', 'B:opt B:sole - B:mmsi - B:lines'],
  ['B is the answer', 'B is the answer', 'B:opt B:sole - - - B:lines'],
  ['B, because of the dog', 'B, because the dog is there', 'B:txt B:sole - B:mmsi - B:lines'],
  ['Therefore, option (B) is correct.', 'Therefore, option (B) is correct.', 'B:opt B:label - B:mmsi B:para B:lines'],
  ['I believe the answer is (A) cat.', 'I believe the answer is (A) cat.', 'A:opt A:is A:is A:mmsi A:para A:lines'],
  [
    'answer is B, then a long reason',
    'The answer is B because the dog is clearly visible on the left.',
    'B:opt B:is B:is - - B:lines',
  ],
  ['answer is (B), then a reason', 'The answer is (B) because the dog is on the mat.', '- B:is B:is B:mmsi B:para B:lines'],
  [
    'Answer: A, then an explanation line',
    'Answer: A\nExplanation: the cat is on the left side of the image, as seen clearly.',
    '- A:is A:is - - A:lines',
  ],
  [
    'choice is D mid-sentence',
    'The best choice is D because the fish is in water, and the other animals are not',
    '- D:is D:is - - D:lines',
  ],
  ['letter first of 11 tokens', 'B is correct because the dog is sitting on the mat', '- B:sole - - - B:lines'],
  ['letter first, option text of another', 'D is the correct answer because the fish swims.', '- D:sole - - - D:lines'],
  ['letter not in the last 4 tokens', 'B. The animal in the image is a dog sitting on a mat', '- B:lead - B:mmsi - B:lines'],
  ['letter and colon, then a reason', 'C: bird, because it has wings and is flying above the trees', '- C:label - C:mmsi - C:lines'],
  ['two letters, the answer is the third', 'A and B are both wrong, the answer is C', 'C:opt C:is C:is C:mmsi - C:phrase'],
  ['neither A nor B; should be C', 'Neither A nor B; the answer should be C', '- - - B:mmsi - -'],
  ['three letters, last one alone', 'First, A is wrong. Then C is wrong. So B', '- - - B:mmsi - -'],
  ['first of two answer-is wins for VLMEvalKit', 'The answer is C.\n\nWait, actually the answer is D.', 'C:opt - D:is C:mmsi - D:lines'],
  ['answer is B or C', 'The answer is B or C', 'B:opt B:is B:is C:mmsi - B:phrase'],
  ['regex quirk: answer is about', 'The answer is about the dog', 'A:opt B:otext - - - -'],
  ['regex quirk: answer is a cube', 'A or B? The answer is a cube', 'A:opt - - B:mmsi - A:phrase'],
  ['both A and B', 'Both A and B look similar; I pick the first.', '- - - - - -'],
  ['B is correct, not A', 'B is correct, not A.', '- - - A:mmsi - -'],
  ['between B and C', 'Between B and C, I prefer C.', '- - - C:mmsi - -'],
  ['option letter and its text in a sentence', 'The dog (B) is on the left, so B.', '- B:label - B:mmsi B:para B:lines'],
  ['letter above a 6-line window', `I choose B.\n${'Then more text.\n'.repeat(7)}`, '- - - B:mmsi - B:unique'],
];

export const SENTENCES = family('sentences', ANIMALS, rows);
