/**
 * Refusals (VLMEvalKit's case-sensitive phrases answer 'Z'), empty and whitespace-only outputs,
 * Unicode whitespace and zero-width characters, the API-failure marker, and non-answers.
 * Options: cat, dog, bird, fish. Fields: vlmevalkit robust strict mmsi blink vlmevalkit-spatial.
 */
import { ANIMALS, family, type Row } from './table.js';

const rows: Row[] = [
  ['refusal: cannot determine', 'Cannot determine the answer', 'Z:opt - - - - -'],
  ['refusal: people', "Sorry, I can't help with images of people yet.", 'Z:opt - - - - -'],
  ['refusal: file', "I can't process this file.", 'Z:opt - - - - -'],
  ['refusal: no image', "I'm sorry, but without the image provided, I cannot answer.", 'Z:opt - - - - -'],
  ['refusal wins over an answer', 'Cannot determine the answer. The answer is B', 'Z:opt - B:is B:mmsi - B:lines'],
  ['refusal phrase is case-sensitive', 'cannot determine the answer', '- - - - - -'],
  ['none of the options, Z', 'None of the options is correct, so Z', 'Z:opt - - - - -'],
  ['polite refusal, no phrase', 'I cannot answer this question without seeing the image.', '- - - - - -'],
  ['unsure', "I'm unable to determine which animal is shown.", '- - - - - -'],
  ['None', 'None', '- - - - - -'],
  ['N/A', 'N/A', '- - - A:mmsi - A:lines'],
  ['empty string', '', '- - - - - -'],
  ['whitespace only', ' \n\t ', '- - - - - -'],
  ['newlines only', '\n\n\n', '- - - - - -'],
  ['a period', '.', '- - - - - -'],
  ['empty parentheses', '()', '- - - - - -'],
  ['API failure marker', 'Failed to obtain answer via API.', '- - - - - -'],
  ['API failure marker then a letter', 'Failed to obtain answer via API. B', '- B:sole - B:mmsi - B:lines'],
  ['non-breaking spaces', '\u00a0B\u00a0', 'B:opt B:bare B:bare B:mmsi - B:lines'],
  ['ideographic spaces', '\u3000B\u3000', 'B:opt B:bare B:bare B:mmsi - B:lines'],
  ['NBSP inside a phrase', 'The answer is\u00a0D', 'D:opt D:is D:is D:mmsi - D:lines'],
  ['BOM after the letter', 'B\ufeff', '- B:bare B:bare B:mmsi - B:lines'],
  ['zero-width space after the letter', 'B\u200b', '- - - B:mmsi - B:lines'],
];

export const REFUSALS = family('refusals-and-edges', ANIMALS, rows);
