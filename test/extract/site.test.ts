/**
 * SITE's parse_multi_choice_response, table-driven. The expected letters come from running the
 * originals outside this repo (/work/xcheck/mindcube15/site_xcheck.py) on these strings, as
 * spatial_process_results calls them (reply stripped, the options' letters): wenqi-wang20/SITE-Bench
 * @36295bb eval_scripts/sitebench/utils.py and lmms-eval@75571cfe lmms_eval/tasks/sitebench/utils.py.
 * null is where the original draws a random letter.
 */
import { describe, expect, it } from 'vitest';
import { siteChoice } from '../../src/extract/site.js';

/** [reply, option count, SITE repo, lmms-eval]. */
const CASES: readonly (readonly [string, number, string | null, string | null])[] = [
  ["A", 4, "A", "A"],
  ["(B)", 4, "B", "B"],
  ["The answer is C.", 4, "C", "C"],
  ["C", 2, null, null],
  ["B is better than A", 4, "A", "A"],
  ["A: left", 4, "A", "A"],
  [":B", 3, "B", "B"],
  ["answer: D", 4, "D", "D"],
  ["(A) or (B)", 4, "A", "A"],
  ["(B) or (A)", 4, "A", "A"],
  ["I choose (C), not A", 4, "C", "C"],
  ["A or B", 4, "B", "B"],
  ["B or A", 4, "A", "A"],
  ["A. left B. right", 4, "A", "A"],
  ["nothing here", 4, null, null],
  ["", 3, null, null],
  ["a", 4, null, null],
  ["E", 4, null, null],
  ["The best answer is: B", 4, "B", "B"],
  ["  D  ", 4, "D", "D"],
  ["A\nB", 4, null, null],
  ["B.", 2, "B", "B"],
  ["Answer:C", 3, "C", "C"],
  ["(D)", 3, null, null],
  ["A B C", 4, "C", "C"],
  ["C B A", 4, "A", "A"],
  ["Both A and C. Final: C", 4, "C", "C"],
];

describe('SITE parse_multi_choice_response against the original Python', () => {
  it.each(CASES)('%j (%i options)', (reply, n, site, lmms) => {
    expect(site).toBe(lmms);
    expect(siteChoice(reply, 'ABCDEFGH'.slice(0, n).split(''))).toBe(site);
  });
});
