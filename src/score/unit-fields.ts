import type { ScoredItem } from '../workdir/scores.js';

/**
 * Fields a metric may group units by besides the row's own: the gold answer and the extracted one.
 * Precision is the accuracy over the units whose extracted answer is the positive label, recall over
 * those whose gold is: with these two fields, precision, recall and F1 are functions of per-value
 * tallies, so the bootstrap of intervals needs nothing else.
 */
export const GOLD_FIELD = '@gold';
export const EXTRACTED_FIELD = '@extracted';

/** A unit's value of a field, the two derived ones included (an undecided answer has none). */
export function unitField(u: Pick<ScoredItem, 'fields' | 'answer' | 'extracted'>, field: string): string | undefined {
  if (field === GOLD_FIELD) return u.answer;
  if (field === EXTRACTED_FIELD) return u.extracted ?? undefined;
  return u.fields[field];
}
