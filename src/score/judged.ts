import type { ScoredItem } from '../workdir/scores.js';

/** Method names of rows the judge handled. */
export const JUDGE_METHOD = 'judge';
export const JUDGE_UNDECIDED_METHOD = 'judge-undecided';

/**
 * The judge completes only the protocols with the `judge` role (the official extraction and a
 * user's `official:<pipeline>`), never a peer's twin: those stay exact matching so their numbers
 * remain comparable with the peer's exact-matching runs.
 *
 * Rows the rules left undecided take the judge's verdict: its letter (method `judge`), or still
 * null when the judge could not decide either (method `judge-undecided`). Rows the judge never
 * saw (its request failed) keep the rules' result.
 */
export function applyVerdicts(rows: readonly ScoredItem[], verdicts: ReadonlyMap<string, string | null>): ScoredItem[] {
  return rows.map((row) => {
    if (row.extracted !== null || !verdicts.has(row.index)) return row;
    const letter = verdicts.get(row.index) ?? null;
    if (letter === null) return { ...row, method: JUDGE_UNDECIDED_METHOD };
    return { ...row, extracted: letter, method: JUDGE_METHOD, hit: letter === row.answer };
  });
}
