/**
 * Option text instead of a letter: exact, inside a word, two options, longer than twice the options
 * (can_infer_text's limit), and the strict whole-phrase rule of `default`'s last step.
 * Options: cat, dog, bird, fish (14 characters: can_infer_text reads up to 28) unless a row names
 * others. Fields: vlmevalkit default strict mmsi blink vlmevalkit-spatial (see table.ts).
 */
import { DIRS, family, opts, TWO, type Row } from './table.js';
import { ANIMALS } from './table.js';

const NUMS = opts('1', '2', '3', '4');
const CARS = opts('red', 'red car', 'blue', 'green');
const LONG_CARS = opts('a red car', 'a blue car', 'a green car', 'a white car');

const rows: Row[] = [
  ['exact option text', 'dog', 'B:txt B:txt - - - -'],
  ['with an article', 'The dog', 'B:txt B:txt - - - -'],
  ['upper case', 'DOG', 'B:txt B:txt - - - -'],
  ['capitalised', 'Bird', 'C:txt C:txt - - - -'],
  ['capitalised with period', 'Fish.', 'D:txt D:txt - - - -'],
  ['shouted with punctuation', 'CAT!', 'A:txt A:txt - - - -'],
  ['lowercase article', 'a cat', 'A:txt A:txt - - - -'],
  ['with period', 'cat.', 'A:txt A:txt - - - -'],
  ['short sentence', 'It is a dog.', 'B:txt B:txt - - - -'],
  ['short sentence, third option', 'It is the bird.', 'C:txt C:txt - - - -'],
  ['option text and a reason', 'Dog. Because it barks.', 'B:txt B:txt - - - -'],
  ['inside a longer word', 'birds', 'C:txt C:txt - - - -'],
  ['only option text', 'fish', 'D:txt D:txt - - - -'],
  ['two option texts', 'cat or dog', '- - - - - -'],
  ['two option texts inside one word', 'Catfish', '- - - - - -'],
  ['two option texts in a sentence', 'the fish, not the cat', '- - - - - -'],
  ['two option texts, 26 characters', 'the cat is left of the dog', '- - - - - -'],
  ['longer than twice the options', 'The animal in this picture is clearly a dog', '- B:otext - - - -'],
  ['repeated, longer than twice', 'dog dog dog dog dog dog dog dog dog dog', '- B:otext - - - -'],
  ['exactly twice the options', 'dog'.padEnd(28, '.'), 'B:txt B:txt - - - -'],
  ['one over twice the options', 'dog'.padEnd(29, '.'), '- B:otext - - - -'],
  ['directions: exact', 'left', 'A:txt A:txt - - - -', DIRS],
  ['directions: short phrase', 'On the left.', 'A:txt A:txt - - - -', DIRS],
  ['directions: in front', 'It is in front.', 'C:txt C:txt - - - -', DIRS],
  ['directions: upper case', 'RIGHT', 'B:txt B:txt - - - -', DIRS],
  ['directions: prefix of a word', 'frontal', 'C:txt C:txt - - - -', DIRS],
  ['directions: inside a word', 'brightness', 'B:txt B:txt - - - -', DIRS],
  [
    'directions: long, one option phrase',
    'It is to the right of the table when viewed from the camera',
    '- B:otext - - - -',
    DIRS,
  ],
  [
    'directions: long, two option phrases',
    'The object is to the left of the chair, not behind it.',
    '- - - - - -',
    DIRS,
  ],
  ['numbers: one digit', '2', 'B:txt B:txt - - - -', NUMS],
  ['numbers: two digits', '12', '- - - - - -', NUMS],
  ['numbers: in a sentence', 'There are 3', '- C:otext - - - -', NUMS],
  ['numbers: two numbers in a sentence', 'There are 3 chairs and 2 tables', '- - - - - -', NUMS],
  ['nested options: the longer one exactly', 'red car', '- B:otext - - - -', CARS],
  ['nested options: the shorter one', 'the red one', 'A:txt A:txt - - - -', CARS],
  ['multi-word options', 'a blue car', 'B:txt B:txt - - - -', LONG_CARS],
  ['yes/no options: Yes', 'Yes', 'A:txt A:txt - - - -', TWO],
  ['yes/no options: No', 'No', 'B:txt B:txt - - - -', TWO],
  ['yes/no options: no inside words, too long', 'I do not know', '- - - - - -', TWO],
  ['yes/no options: short refusal', 'not sure', 'B:txt B:txt - - - -', TWO],
];

export const OPTION_TEXT = family('option-text', ANIMALS, rows);
