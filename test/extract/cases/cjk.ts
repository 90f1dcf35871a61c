/**
 * Chinese outputs: CJK text has no spaces for can_infer to split on, fullwidth punctuation is not
 * replaced by it, and Python's `\b` treats CJK characters as word characters (so MMSI-Bench's
 * extractor misses "选B"). Options: cat, dog, bird, fish, or 左边/右边/上面/下面 (SIDES, 8 characters:
 * can_infer_text reads up to 16). Fields: vlmevalkit robust strict mmsi blink vlmevalkit-spatial.
 */
import { ANIMALS, family, SIDES, type Row } from './table.js';

const rows: Row[] = [
  ['选 B', '选 B', 'B:opt B:sole - B:mmsi - B:lines'],
  ['选B', '选B', '- - - - - B:lines'],
  ['所以选C', '所以选C', '- - - - - C:lines'],
  ['答案是B', '答案是B', '- B:is B:is - - B:lines'],
  ['答案是b', '答案是b', '- B:is B:is - - -'],
  ['答案：C', '答案：C', '- C:is C:is C:mmsi - C:lines'],
  ['答案: A', '答案: A', 'A:opt A:is A:is A:mmsi - A:lines'],
  ['答案为D。', '答案为D。', '- D:is D:is - - D:lines'],
  ['最终答案：D', '最终答案：D', '- D:is D:is D:mmsi - D:lines'],
  ['正确答案是（C）', '正确答案是（C）', '- C:is C:is C:mmsi - C:lines'],
  ['答案是 (B)', '答案是 (B)', 'B:opt B:is B:is B:mmsi B:para B:lines'],
  ['根据图片，答案是 C', '根据图片，答案是 C', 'C:opt C:is C:is C:mmsi - C:lines'],
  ['several letters, then 答案是 C', '我认为 A 和 B 都不对，答案是 C', '- C:is C:is A:mmsi - -'],
  ['我选择B，因为…', '我选择B，因为狗在左边。', '- - - - - B:lines'],
  ['选项B', '选项B', '- - - - - B:lines'],
  ['选项 B: is an enumeration line', '选项 B: 狗', 'B:opt B:sole - B:mmsi - -'],
  ['CJK full stop', 'B。', '- B:bare B:bare B:mmsi - B:lines'],
  ['fullwidth parentheses', '（B）', '- B:bare B:bare B:mmsi - B:lines'],
  ['fullwidth letter', 'Ｂ', '- - - - - -'],
  ['glued letters are not tokens', '分析：A 不对，C 也不对。\nB', 'B:opt B:last B:last A:mmsi - B:lines'],
  ['spaced letters, letter on its own line', '分析： A 不对， C 也不对。\nB', '- B:last B:last A:mmsi - B:lines'],
  ['think in Chinese, answer tag', '<think>我认为是A</think><answer>C</answer>', '- C:at>bare C:at>bare C:mmsi - C:block'],
  ['English phrase, Chinese answer', 'The answer is 狗', '- - - - - -'],
  ['side: option text in a phrase', '在左边', 'A:txt A:otext - - - -', SIDES],
  ['side: exact option text', '右边。', 'B:txt B:otext - - - -', SIDES],
  ['side: in a sentence', '在右边的是狗', 'B:txt B:otext - - - -', SIDES],
  ['side: after 答案是', '答案是右边', 'B:txt B:otext - - - -', SIDES],
  ['side: two option texts', '左边和右边', '- - - - - -', SIDES],
  ['side: two option texts in a sentence', '物体在桌子的左边，而不是右边', '- - - - - -', SIDES],
  ['side: one character', '左', '- - - - - -', SIDES],
  ['side: letter and its text', 'A. 左边', 'A:opt A:lt A:lt A:mmsi - A:lines', SIDES],
  ['side: fullwidth-bracketed letter and text', '（A）左边', 'A:txt A:lt A:lt A:mmsi - A:lines', SIDES],
];

export const CJK = family('cjk', ANIMALS, rows);
