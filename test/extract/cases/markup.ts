/**
 * Letters set off by markup: LaTeX \boxed{…} (with \text{…} inside, several boxes, unclosed) and
 * Markdown code spans (MMSI-Bench's prompt asks for the letter "within ``").
 * Options: cat, dog, bird, fish unless a row names others.
 * Fields: vlmevalkit robust strict mmsi blink vlmevalkit-spatial (see table.ts).
 */
import { ANIMALS, family, opts, type Row } from './table.js';

const rows: Row[] = [
  ['boxed', '\\boxed{B}', 'B:opt B:box B:box B:mmsi - B:lines'],
  ['boxed text', '\\boxed{\\text{B}}', 'B:opt B:box B:box B:mmsi - B:lines'],
  ['boxed bold text', '\\boxed{\\textbf{D}}', 'D:opt D:box D:box D:mmsi - D:lines'],
  ['boxed in math mode after a phrase', 'The final answer is $\\boxed{C}$.', 'C:opt C:box C:box C:mmsi - C:unique'],
  ['boxed in display math', '\\(\\boxed{A}\\)', 'A:opt A:box A:box A:mmsi - A:unique'],
  ['boxed lowercase', '\\boxed{b}', '- B:box B:box - - -'],
  ['boxed parenthesised', '\\boxed{(C)}', 'C:opt C:box C:box C:mmsi - C:lines'],
  ['boxed letter and text', '\\boxed{B. dog}', 'B:opt B:box B:box B:mmsi - B:lines'],
  ['boxed after a rejected letter', 'A is wrong. \\boxed{C}', '- C:box C:box C:mmsi - -'],
  ['two boxes: the last wins', '\\boxed{A} is tempting, but the answer is \\boxed{D}', '- D:box D:box A:mmsi - -'],
  ['boxed letter beyond the options', '\\boxed{E}', '- - - - - E:lines'],
  ['unclosed box', '\\boxed{C', 'C:opt C:box C:box C:mmsi - C:lines'],
  ['unclosed empty box', '\\boxed{', '- - - - - -'],
  [
    'bold Answer then boxed text with option text',
    '**Answer:** \\boxed{\\text{(A) cat}}',
    'A:opt A:box A:box A:mmsi - A:lines',
  ],
  ['boxed number among number options', '\\boxed{2}', '- B:otext - - - -', opts('1', '2', '3', '4')],
  ['single backticks', '`B`', '- B:bare B:bare B:mmsi - B:lines'],
  ['double backticks', '``C``', '- C:bare C:bare C:mmsi - C:lines'],
  ['double backticks, B', '``B``', '- B:bare B:bare B:mmsi - B:lines'],
  ['triple backticks with spaces', '``` B ```', 'B:opt B:bare B:bare B:mmsi - B:lines'],
  ['lowercase in backticks', '`b`', '- B:bare B:bare - - B:lines'],
  ['backticks after a phrase', 'The answer is `D`.', '- D:tick D:tick D:mmsi - D:lines'],
  ['Answer: backticks', 'Answer: `B`', '- B:tick B:tick B:mmsi - B:lines'],
  ['Answer: double backticks', 'Answer: ``D``', '- D:tick D:tick D:mmsi - D:lines'],
  ['two spans: the last wins', '`A` is wrong; the answer is `C`', '- C:tick C:tick A:mmsi - -'],
  ['three spans', '`A`, `B` or `C`', '- C:tick C:tick A:mmsi - -'],
  ['option text in backticks', '`the dog`', 'B:txt B:otext - - - -'],
];

export const MARKUP = family('markup', ANIMALS, rows);
