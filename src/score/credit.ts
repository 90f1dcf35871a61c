import type { ScoredItem } from '../workdir/scores.js';

/** An item's credit: its partial credit, else 1 for a hit and 0 for a miss. */
export function creditOf(item: Pick<ScoredItem, 'hit' | 'credit'>): number {
  return item.credit ?? (item.hit ? 1 : 0);
}
