import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../../benchmarks/index.js';
import { AUTHORS_JUDGE_PROMPTS } from '../../src/extract/judge-prompts.js';

describe('the judge prompts the mock knows', () => {
  it('include every prompt a protocol declares, each version once', () => {
    const declared = BENCHMARKS.flatMap((b) => b.protocols.flatMap((p) => (p.judgePrompt === undefined ? [] : [p.judgePrompt])));
    expect(declared.length).toBeGreaterThan(0);
    for (const prompt of declared) expect(AUTHORS_JUDGE_PROMPTS).toContain(prompt);
    const versions = AUTHORS_JUDGE_PROMPTS.map((p) => p.version);
    expect(new Set(versions).size).toBe(versions.length);
  });
});
