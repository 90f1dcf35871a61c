/**
 * STARE's rules against the originals' outputs on the same inputs (stare-cases.ts, from
 * /work/xcheck/stare16): fast_extract_answer, is_equal on letter golds, _parse_option_mapping,
 * and _f1_binary_yn against the textbook formula.
 */
import { describe, expect, it } from 'vitest';
import { stareBinaryF1, stareBoxedContents, stareFastExtract, stareIsEqual, stareOptionMapping } from '../../src/extract/stare.js';
import { STARE_FAST_EXTRACT, STARE_IS_EQUAL, STARE_MAPPINGS } from '../benchmarks/stare-cases.js';

describe("STARE's rules", () => {
  it.each(STARE_FAST_EXTRACT)('fast_extract_answer(%j) = %j, as the authors and lmms-eval read it', (reply, expected) => {
    expect(stareFastExtract(reply)).toBe(expected);
  });

  it.each(STARE_IS_EQUAL)('is_equal(%j, %j) = %s', (extracted, gold, authors, lmms) => {
    expect(authors).toBe(lmms);
    expect(stareIsEqual(extracted, gold)).toBe(authors);
  });

  it.each(Object.entries(STARE_MAPPINGS))('_parse_option_mapping(%j)', (question, expected) => {
    expect(Object.fromEntries(stareOptionMapping(question))).toEqual(expected);
  });

  it('maps letters with no word boundary and lets a later pair win, as the regex does', () => {
    expect(Object.fromEntries(stareOptionMapping('A. yes\u200b B) No and no'))).toEqual({ a: 'yes', b: 'no', d: 'no' });
    expect(Object.fromEntries(stareOptionMapping('A: no ... A：YES'))).toEqual({ a: 'yes' });
  });

  it('balances braces inside a box and skips an unclosed one', () => {
    expect(stareBoxedContents('\\boxed{a{b}c} \\boxed{d')).toEqual(['a{b}c']);
  });

  it('F1 of yes is 2PR/(P+R), 0 without a true positive, null without pairs', () => {
    const pairs: [string, string][] = [['yes', 'yes'], ['yes', 'no'], ['no', 'yes'], ['no', 'no'], ['yes', 'yes']];
    const tp = 2, fp = 1, fn = 1;
    const p = tp / (tp + fp), r = tp / (tp + fn);
    expect(stareBinaryF1(pairs)).toBeCloseTo((2 * p * r) / (p + r), 12);
    expect(stareBinaryF1([['no', 'no'], ['no', 'no']])).toBe(0);
    expect(stareBinaryF1([])).toBeNull();
  });
});
