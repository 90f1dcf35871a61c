import type { ScoredItem } from '../workdir/scores.js';
import { creditOf } from './credit.js';
import type { Grouping } from '../benchmark/types.js';

/** Circular evaluation: rows `orig + 1e6·k` are rotations of `orig`. */
export const CIRCULAR_MOD = 1_000_000;

export function circularKey(index: string): string {
  const digits = digitsKey(index);
  if (digits !== undefined) return digits;
  const n = Number(index);
  if (!Number.isInteger(n)) return index;
  return String(((n % CIRCULAR_MOD) + CIRCULAR_MOD) % CIRCULAR_MOD);
}

/**
 * circularKey of an index written as plain decimal digits (no sign, no leading zero, at most 15
 * digits, so exact as a number): its last six digits without leading zeros, found without parsing
 * the number and printing it again (the common case, run on every row several times).
 */
function digitsKey(index: string): string | undefined {
  const len = index.length;
  if (len === 0 || len > 15 || (len > 1 && index.charCodeAt(0) === 48)) return undefined;
  for (let i = 0; i < len; i++) {
    const c = index.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
  }
  if (len <= 6) return index;
  let start = len - 6;
  while (start < len - 1 && index.charCodeAt(start) === 48) start++;
  return index.slice(start);
}

/** A scored unit: a row, or a group of rows that must all be right (`members` of them; 1 if absent). */
export interface Unit extends ScoredItem {
  readonly members?: number;
}

export function unitKey(grouping: Grouping, index: string, fields: Readonly<Record<string, string>>): string {
  switch (grouping.kind) {
    case 'row':
      return index;
    case 'circular-index':
      return circularKey(index);
    case 'key': {
      let key = fields[grouping.field] ?? index;
      for (const [pattern, replacement] of grouping.rewrite) key = key.replace(pattern, replacement);
      return key;
    }
  }
}

/**
 * Groups scored rows into units carrying the first row's fields. Units with a failed row are left
 * out and returned in `incomplete`: a failure is not a wrong answer, and a partial group is not right.
 */
export function groupUnits(
  items: readonly ScoredItem[],
  failed: readonly { index: string; fields: Readonly<Record<string, string>> }[],
  grouping: Grouping,
): { units: Unit[]; incomplete: number } {
  // Rows are their own units: no copy (100k-row stores are scored several times over).
  if (grouping.kind === 'row') return { units: [...items], incomplete: 0 };
  const failedKeys = new Set(failed.map((f) => unitKey(grouping, f.index, f.fields)));
  // Per group, in order of first appearance: its key, first row, all-right so far, and size.
  const slotOf = new Map<string, number>();
  const keys: string[] = [];
  const firsts: ScoredItem[] = [];
  const allHit: boolean[] = [];
  // A group earns the least credit any of its rows earns (for right/wrong rows: right only if all are).
  const minCredit: number[] = [];
  let partial = false;
  const sizes: number[] = [];
  for (const item of items) {
    if (item.credit !== undefined) partial = true;
    const key = unitKey(grouping, item.index, item.fields);
    const slot = slotOf.get(key);
    if (slot === undefined) {
      slotOf.set(key, keys.length);
      keys.push(key);
      firsts.push(item);
      allHit.push(item.hit);
      minCredit.push(creditOf(item));
      sizes.push(1);
    } else {
      allHit[slot] = allHit[slot] === true && item.hit;
      minCredit[slot] = Math.min(minCredit[slot] as number, creditOf(item));
      sizes[slot] = (sizes[slot] as number) + 1;
    }
  }
  const units: Unit[] = [];
  for (let slot = 0; slot < keys.length; slot++) {
    const key = keys[slot] as string;
    if (failedKeys.has(key)) continue;
    // Spelled out rather than spread: a spread costs microseconds per unit over 100k rows.
    const { answer, extracted, method, fields } = firsts[slot] as ScoredItem;
    const unit: Unit = { index: key, answer, extracted, method, hit: allHit[slot] === true, fields, members: sizes[slot] as number };
    units.push(partial ? { ...unit, credit: minCredit[slot] as number } : unit);
  }
  return { units, incomplete: failedKeys.size };
}
