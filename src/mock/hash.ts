import { createHash } from 'node:crypto';

/**
 * A uniform number in [0, 1) that depends only on (seed, item key, purpose). Every random-looking
 * choice of the mock goes through here, so answers never depend on arrival order or timing, and
 * each purpose gets an independent draw for the same item.
 */
export function unitHash(seed: number, key: string, purpose: string): number {
  const digest = createHash('sha256').update(`${seed}\u0000${key}\u0000${purpose}`).digest();
  // 48 bits are exact in a double and plenty for rates like 0.123.
  return digest.readUIntBE(0, 6) / 2 ** 48;
}

/** A deterministic pick from a non-empty list. */
export function pickHashed<T>(items: readonly [T, ...T[]], seed: number, key: string, purpose: string): T {
  const index = Math.floor(unitHash(seed, key, purpose) * items.length);
  return items[index] ?? items[0];
}
