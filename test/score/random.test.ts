import { describe, expect, it } from 'vitest';
import { randomInt, seededRandom, seedFrom } from '../../src/score/random.js';

describe('seededRandom', () => {
  it('repeats for a seed, differs across seeds, and stays in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(seededRandom(43)()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
  it('draws integers in range and stable seeds from text', () => {
    const r = seededRandom(1);
    const counts = [0, 0, 0];
    for (let i = 0; i < 3000; i++) counts[randomInt(r, 3)]!++;
    expect(counts.every((c) => c > 900 && c < 1100)).toBe(true);
    expect(seedFrom('official/Overall')).toBe(seedFrom('official/Overall'));
    expect(seedFrom('official/Overall')).not.toBe(seedFrom('official/Depth'));
  });
});
