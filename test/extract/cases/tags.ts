/**
 * Reasoning-model outputs: <think>…</think><answer>…</answer>, unclosed and repeated tags, tags
 * holding option text. `vlmevalkit`, `mmsi` and `blink` read the raw text (tags stay glued to
 * neighbouring words); `vlmevalkit-spatial` has its own tag stages. Options: cat, dog, bird, fish.
 * Fields: vlmevalkit robust strict mmsi blink vlmevalkit-spatial (see table.ts).
 */
import { ANIMALS, family, type Row } from './table.js';

const rows: Row[] = [
  ['think then answer', '<think>The dog is left of the cat.</think><answer>B</answer>', '- B:at>bare B:at>bare B:mmsi - B:block'],
  ['answer tag only', '<answer>B</answer>', '- B:at>bare B:at>bare B:mmsi - B:block'],
  ['answer tag, C', '<answer>C</answer>', '- C:at>bare C:at>bare C:mmsi - C:block'],
  ['answer tag with spaces and parens', '<answer> (C) </answer>', 'C:opt C:at>bare C:at>bare C:mmsi C:para C:tag'],
  ['answer tag on its own lines', '<answer>\nB\n</answer>', 'B:opt B:at>bare B:at>bare B:mmsi - B:block'],
  [
    'think and answer on separate lines',
    '<think>\nThe cube is left.\n</think>\n<answer>\nC\n</answer>',
    'C:opt C:at>bare C:at>bare C:mmsi - C:block',
  ],
  ['letters while thinking', '<think>A looks right... no.</think><answer>B</answer>', '- B:at>bare B:at>bare B:mmsi - B:block'],
  ['think says answer is A, tag says B', '<think>the answer is A</think><answer>B</answer>', 'A:opt B:at>bare B:at>bare A:mmsi - B:block'],
  ['think picks A, tag says D', '<think>I pick A</think>\n<answer>D</answer>', '- D:at>bare D:at>bare A:mmsi - D:block'],
  ['short think, answer C', '<think>Let me see.</think>\n<answer>C</answer>', '- C:at>bare C:at>bare C:mmsi - C:block'],
  ['unclosed answer tag', '<think>hmm</think><answer>C', '- C:at>bare C:at>bare C:mmsi - C:lines'],
  ['unclosed answer after an option in think', '<think>Option B is wrong</think><answer>A', 'B:opt A:at>bare A:at>bare A:mmsi - A:lines'],
  ['several answer tags: last wins', '<answer>A</answer> hmm, no. <answer>C</answer>', '- C:at>bare C:at>bare A:mmsi - A:block'],
  ['two answer tags on two lines', '<answer>B</answer>\n<answer>C</answer>', '- C:at>bare C:at>bare B:mmsi - B:block'],
  ['complete tag then unclosed one', '<answer>A</answer><answer>B', '- B:at>bare B:at>bare A:mmsi - A:block'],
  ['complete tag then an empty unclosed one', '<answer>A</answer><answer>', '- - - A:mmsi - A:block'],
  ['upper-case tags', '<ANSWER>B</ANSWER>', '- B:at>bare B:at>bare B:mmsi - B:block'],
  ['mixed-case tags', '<Answer>B</ANSWER>', '- B:at>bare B:at>bare B:mmsi - B:block'],
  ['stray closing tag', 'text <answer>B</answer> trailing </answer>', '- B:at>bare B:at>bare B:mmsi - B:block'],
  ['closing answer tag only', 'B</answer>', '- - - B:mmsi - B:tag'],
  ['empty answer tag', '<answer></answer>', '- - - - - -'],
  ['answer tag opened, nothing after', '<think>A</think><answer>', '- - - A:mmsi - A:tag'],
  ['option text in answer tag', '<answer>The dog</answer>', 'B:txt B:at>otext - - - -'],
  ['bare option text in answer tag', '<answer>dog</answer>', 'B:txt B:at>otext - - - D:block'],
  ['cat in answer tag', '<answer>cat</answer>', 'A:txt A:at>otext - - - C:block'],
  ['fish in answer tag', '<answer>fish</answer>', 'D:txt D:at>otext - - - F:block'],
  ['bird in answer tag', '<answer>bird</answer>', 'C:txt C:at>otext - - - B:block'],
  ['option text after a think', '<think>C is tempting</think>\n<answer>the dog</answer>', '- B:at>otext - - - C:window'],
  ['letter and option text in answer tag', '<answer>(A) cat</answer>', 'A:opt A:at>lt A:at>lt A:mmsi - A:lines'],
  [
    'explained answer in tag',
    '<answer>B. The animal in the image is a dog sitting on a mat</answer>',
    '- B:at>lead - B:mmsi - B:block',
  ],
  ['answer sentence in tag', '<answer>The answer is B</answer>', 'B:opt B:at>is B:at>is B:mmsi - B:tag'],
  ['two letters in answer tag', '<answer>A or B</answer>', '- - - B:mmsi - A:block'],
  ['bold letter in answer tag', '<answer>**C**</answer>', 'C:opt C:at>bare C:at>bare C:mmsi - C:unique'],
  ['lowercase letter in tag', '<answer>b</answer>', '- B:at>bare B:at>bare - - B:block'],
  ['Z in answer tag', '<answer>Z</answer>', '- - - - - -'],
  ['boxed letter in answer tag', '<answer>\\boxed{B}</answer>', 'B:opt B:at>box B:at>box B:mmsi - B:tag'],
  ['backticked letter in answer tag', '<answer>`C`</answer>', '- C:at>bare C:at>bare C:mmsi - C:unique'],
  ['closed think, nothing after', '<think>x</think>', '- - - - - -'],
  ['letter in think only', '<think>B</think>', '- - - B:mmsi - B:tag'],
  ['sentence in think only', '<think>I think it is C.</think>', 'C:opt - - C:mmsi - C:window'],
  ['closing think only (template opened it)', '</think>\n\nThe answer is C.', 'C:opt C:th>is C:th>is C:mmsi - C:lines'],
  ['letters in think, letter after', '<think>Maybe A. Or D.</think>B', '- B:th>bare B:th>bare A:mmsi - B:lines'],
  ['letters in think, letter on a new line', '<think>\nB is wrong, D is wrong.\n</think>\nC', '- C:th>bare C:th>bare C:mmsi - C:lines'],
  ['think then bold Answer', '<think>...</think>\n\n**Answer:** C', 'C:opt C:th>is C:th>is C:mmsi - C:lines'],
  ['think then (D)', '<think>reasoning</think>The answer is (D)', 'D:opt D:th>is D:th>is D:mmsi D:para D:lines'],
  ['unclosed think: unfinished reasoning', '<think>Comparing A and B, I think the answer is B', 'B:opt - - B:mmsi - B:phrase'],
];

export const TAGS = family('tags', ANIMALS, rows);
