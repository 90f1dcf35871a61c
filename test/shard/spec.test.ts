import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { defaultShardWorkDir, parseShard } from '../../src/shard/spec.js';

describe('--shard i/N', () => {
  it('reads i/N with 1 ≤ i ≤ N', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(defaultShardWorkDir('results', { index: 2, count: 3 })).toBe('results/shard-2-of-3');
  });

  it.each(['0/3', '4/3', 'a/b', '1/0', '2', '1/3/5', '-1/3', '1.5/3', ''])('refuses %j as a usage error', (text) => {
    expect(() => parseShard(text)).toThrow(InputError);
  });
});
