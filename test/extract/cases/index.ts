/** Every family of the extraction case table, in one list. */
import { CJK } from './cjk.js';
import { LETTERS } from './letters.js';
import { LONG } from './long.js';
import { MARKUP } from './markup.js';
import { OPTION_TEXT } from './option-text.js';
import { QUIRKS } from './quirks.js';
import { REFUSALS } from './refusals.js';
import { SENTENCES } from './sentences.js';
import type { Case } from './table.js';
import { TAGS } from './tags.js';

export const CASES: readonly Case[] = [
  ...LETTERS, ...SENTENCES, ...OPTION_TEXT, ...TAGS, ...MARKUP, ...CJK, ...REFUSALS, ...LONG, ...QUIRKS,
];
