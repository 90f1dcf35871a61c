/**
 * Option text instead of a letter: exact, inside a word, two options, longer than twice the options
 * (can_infer_text's limit), and the strict whole-phrase rule of `robust`'s last step.
 * Options: cat, dog, bird, fish (14 characters: can_infer_text reads up to 28) unless a row names
 * others. Fields: vlmevalkit robust strict mmsi blink vlmevalkit-spatial (see table.ts).
 */
import { DIRS, family, opts, TWO, type Row } from './table.js';
import { ANIMALS } from './table.js';

const NUMS = opts('1', '2', '3', '4');
const CARS = opts('red', 'red car', 'blue', 'green');
const LONG_CARS = opts('a red car', 'a blue car', 'a green car', 'a white car');

const rows: Row[] = [
  ['exact option text', 'dog', 'B:txt B:otext - - - -'],
  ['with an article', 'The dog', 'B:txt B:otext - - - -'],
  ['upper case', 'DOG', 'B:txt B:otext - - - -'],
  ['capitalised', 'Bird', 'C:txt C:otext - - - -'],
  ['capitalised with period', 'Fish.', 'D:txt D:otext - - - -'],
  ['shouted with punctuation', 'CAT!', 'A:txt A:otext - - - -'],
  ['lowercase article', 'a cat', 'A:txt A:otext - - - -'],
  ['with period', 'cat.', 'A:txt A:otext - - - -'],
  ['short sentence', 'It is a dog.', 'B:txt B:otext - - - -'],
  ['short sentence, third option', 'It is the bird.', 'C:txt C:otext - - - -'],
  ['option text and a reason', 'Dog. Because it barks.', 'B:txt B:otext - - - -'],
  ['inside a longer word', 'birds', 'C:txt - - - - -'],
  ['only option text', 'fish', 'D:txt D:otext - - - -'],
  ['two option texts', 'cat or dog', '- - - - - -'],
  ['two option texts inside one word', 'Catfish', '- - - - - -'],
  ['two option texts in a sentence', 'the fish, not the cat', '- - - - - -'],
  ['two option texts, 26 characters', 'the cat is left of the dog', '- - - - - -'],
  ['longer than twice the options', 'The animal in this picture is clearly a dog', '- B:otext - - - -'],
  ['repeated, longer than twice', 'dog dog dog dog dog dog dog dog dog dog', '- B:otext - - - -'],
  ['exactly twice the options', 'dog'.padEnd(28, '.'), 'B:txt B:otext - - - -'],
  ['one over twice the options', 'dog'.padEnd(29, '.'), '- B:otext - - - -'],
  ['directions: exact', 'left', 'A:txt A:otext - - - -', DIRS],
  ['directions: short phrase', 'On the left.', 'A:txt A:otext - - - -', DIRS],
  ['directions: in front', 'It is in front.', 'C:txt C:otext - - - -', DIRS],
  ['directions: upper case', 'RIGHT', 'B:txt B:otext - - - -', DIRS],
  ['directions: prefix of a word', 'frontal', 'C:txt - - - - -', DIRS],
  ['directions: inside a word', 'brightness', 'B:txt - - - - -', DIRS],
  [
    'directions: long, one option phrase',
    'It is to the right of the table when viewed from the camera',
    '- - - - - -',
    DIRS,
  ],
  [
    'directions: long, two option phrases',
    'The object is to the left of the chair, not behind it.',
    '- - - - - -',
    DIRS,
  ],
  ['numbers: one digit', '2', 'B:txt B:otext - - - -', NUMS],
  ['numbers: two digits', '12', '- - - - - -', NUMS],
  ['numbers: in a sentence', 'There are 3', '- C:otext - - - -', NUMS],
  ['numbers: two numbers in a sentence', 'There are 3 chairs and 2 tables', '- - - - - -', NUMS],
  ['nested options: the longer one exactly', 'red car', '- B:otext - - - -', CARS],
  ['nested options: the shorter one', 'the red one', 'A:txt A:otext - - - -', CARS],
  ['multi-word options', 'a blue car', 'B:txt B:otext - - - -', LONG_CARS],
  ['yes/no options: Yes', 'Yes', 'A:txt A:otext - - - -', TWO],
  ['yes/no options: No', 'No', 'B:txt B:otext - - - -', TWO],
  ['yes/no options: no inside words, too long', 'I do not know', '- - - - - -', TWO],
  ['yes/no options: short refusal', 'not sure', 'B:txt - - - - -', TWO],
];

export const OPTION_TEXT = family('option-text', ANIMALS, rows);
