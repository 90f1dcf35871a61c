/**
 * Behaviours the ports must reproduce from the Python originals: Python's wider whitespace and
 * line-break sets, IGNORECASE folding 'ı' onto 'i', BLINK's paragraph and whole-token rules,
 * spatial-bench's enumeration lines, 800-character tail window and letters up to J.
 * Options: cat, dog, bird, fish unless a row names others.
 * Fields: vlmevalkit robust strict mmsi blink vlmevalkit-spatial (see table.ts).
 */
import { ANIMALS, family, FIVE, type Row } from './table.js';

const rows: Row[] = [
  ['line separator is Python whitespace and a line break', 'The answer is\u2028C', 'C:opt C:is C:is C:mmsi - C:lines'],
  ['vertical tab splits tokens and lines', 'A\x0bB', '- - - B:mmsi - B:lines'],
  ['dotless i matches i under IGNORECASE', 'A or B; the answer ıs C', 'C:opt - - B:mmsi - C:phrase'],
  ['letter after an enumeration', 'Option A: cat\nOption B: dog\nB', '- B:last B:last A:mmsi - B:lines'],
  ['enumeration only', 'Option A: cat\nOption B: dog', '- - - A:mmsi - -'],
  ['BLINK: the last paragraph decides', '(A) looks close.\n\n(B) is my answer.', '- B:label - A:mmsi B:para B:lines'],
  ['BLINK: two lines are one paragraph', '(A)\n(B)', '- A:lead B:last A:mmsi - B:lines'],
  ['BLINK: the same letter twice', '(B)\n\n(B)', 'B:opt B:label B:last B:mmsi B:para B:lines'],
  ['BLINK: "(B)," and "(C)." are no tokens', 'I think (B), but maybe (C).', '- - - B:mmsi - -'],
  ['BLINK: one whole (B) token among glued ones', 'I think (B) , but maybe (C).', '- - - B:mmsi B:para -'],
  ['BLINK: "(B)." is no exact answer', '(B).', 'B:opt B:bare B:bare B:mmsi - B:lines'],
  ['BLINK: trailing space is no exact answer', 'B ', 'B:opt B:bare B:bare B:mmsi - B:lines'],
  ['BLINK: (F) is beyond its A-E', '(F)', '- - - - - F:lines'],
  ['letter on its own line at the end', 'Answer: A\nAnswer: B', '- - B:is B:mmsi - B:lines'],
  ['two letters joined by and', 'B and D', '- - - D:mmsi - -'],
  ['Answer: (B) dog', 'Answer: (B) dog', 'B:opt B:is B:is B:mmsi B:para B:lines'],
  ['lowercase f beyond the options', 'f', '- - - - - F:lines'],
  ['answer is E with five options', 'The answer is E.', 'E:opt E:is E:is - - E:lines', FIVE],
  ['spatial: E in an answer tag', '<answer>E</answer>', '- - - - - E:block'],
  ['spatial: H in an answer tag', '<answer>H</answer>', '- - - - - H:block'],
  ['spatial: "< /think >" is no closing tag', 'reasoning A\n< /think >\nC', '- C:last C:last A:mmsi - C:lines'],
  ['spatial: "</ think>" is a closing tag', 'reasoning A</ think>\nC', 'C:opt C:last C:last A:mmsi - A:tag'],
  ['spatial: think tag inside the 800-character window', `<think>B</think>${'x'.repeat(700)}`, '- - - B:mmsi - B:tag'],
  ['spatial: think tag outside the 800-character window', `<think>B</think>${'x'.repeat(900)}`, '- - - B:mmsi - B:unique'],
  [
    'answer line between long paragraphs',
    `${'Let me think. '.repeat(300)}\n\nAnswer: B\n\nExplanation: ${'because it is so. '.repeat(50)}`,
    '- B:is B:is B:mmsi - B:lines',
  ],
];

export const QUIRKS = family('quirks', ANIMALS, rows);
