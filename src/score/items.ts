import type { PredictionRecord, ScoredItem } from '../core/types.js';
import { extractAnswer, type PipelineName } from '../extract/pipelines.js';

/** Extracts and judges every answered record with one pipeline. Failed requests are not items. */
export function scoreRecords(records: Iterable<PredictionRecord>, pipeline: PipelineName): ScoredItem[] {
  const items: ScoredItem[] = [];
  for (const rec of records) {
    if (rec.status !== 'ok') continue;
    const { answer, method } = extractAnswer(pipeline, rec.prediction, rec.choices);
    items.push({ index: rec.index, answer: rec.answer, extracted: answer, method, hit: answer !== null && answer === rec.answer, fields: rec.fields });
  }
  return items;
}

/** Circular evaluation: rows `orig + 1e6·k` are rotations of `orig`. */
export const CIRCULAR_MOD = 1_000_000;

export function circularKey(index: string): string {
  const n = Number(index);
  if (!Number.isInteger(n)) return index;
  return String(((n % CIRCULAR_MOD) + CIRCULAR_MOD) % CIRCULAR_MOD);
}

export interface GroupedItem extends ScoredItem {
  readonly members: number;
}

/**
 * One item per circular group, carrying the original row's fields; right only when every rotation is.
 * Groups with a failed rotation are left out (returned in `incomplete`): a failure is not a wrong answer.
 */
export function groupCircular(
  items: readonly ScoredItem[],
  failedIndices: Iterable<string>,
): { groups: GroupedItem[]; incomplete: string[] } {
  const failedKeys = new Set<string>();
  for (const idx of failedIndices) failedKeys.add(circularKey(idx));
  const byKey = new Map<string, ScoredItem[]>();
  for (const item of items) {
    const key = circularKey(item.index);
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [item]);
    else list.push(item);
  }
  const groups: GroupedItem[] = [];
  for (const [key, members] of byKey) {
    if (failedKeys.has(key)) continue;
    const first = members.reduce((a, b) => (Number(a.index) <= Number(b.index) ? a : b));
    const hit = members.every((m) => m.hit);
    groups.push({ ...first, index: key, hit, members: members.length });
  }
  return { groups, incomplete: [...failedKeys].sort(compareIndex) };
}

export function compareIndex(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
