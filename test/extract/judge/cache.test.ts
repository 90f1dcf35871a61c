import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VerdictCache, verdictKey, type CachedVerdict } from '../../../src/extract/judge/cache.js';

const PARTS = {
  judgeModel: 'judge-model',
  promptVersion: 'mcq-match@1',
  question: 'Which is closest?',
  choices: [{ letter: 'A', text: 'cube' }, { letter: 'B', text: 'ball' }],
  prediction: 'the ball, clearly',
};

function line(key: string, verdict: string | null): CachedVerdict {
  return { key, index: '1', judge_model: 'judge-model', prompt_version: 'mcq-match@1', verdict, reply: verdict ?? 'Z', asks: 1, time: '2026-01-01T00:00:00.000Z' };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'judge-cache-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('verdict key', () => {
  it('changes with the judge model, prompt version, question, options or prediction', () => {
    const base = verdictKey(PARTS);
    expect(verdictKey({ ...PARTS })).toBe(base);
    for (const change of [
      { judgeModel: 'other' },
      { promptVersion: 'mcq-match@2' },
      { question: 'Which is farthest?' },
      { choices: [{ letter: 'A', text: 'cube' }, { letter: 'B', text: 'sphere' }] },
      { prediction: 'the cube' },
    ]) {
      expect(verdictKey({ ...PARTS, ...change })).not.toBe(base);
    }
  });
});

describe('verdict cache', () => {
  it('is not created until a verdict is appended, and reads back decided and undecided verdicts', async () => {
    const file = join(dir, 'm', 'm_D_judge.jsonl');
    const cache = await VerdictCache.open(file);
    expect(cache.get('k1')).toBeUndefined();
    await expect(readFile(file)).rejects.toThrow();
    await cache.append(line('k1', 'B'));
    await cache.append(line('k2', null));
    await cache.close();
    const again = await VerdictCache.open(file);
    expect(again.get('k1')).toBe('B');
    expect(again.get('k2')).toBeNull();
    expect(again.get('k3')).toBeUndefined();
  });

  it('drops a torn last line (a kill mid-write) and keeps appending whole lines', async () => {
    const file = join(dir, 'judge.jsonl');
    await writeFile(file, `${JSON.stringify(line('k1', 'A'))}\n`);
    await appendFile(file, JSON.stringify(line('k2', 'B')).slice(0, 30));
    const cache = await VerdictCache.open(file);
    expect(cache.get('k1')).toBe('A');
    expect(cache.get('k2')).toBeUndefined();
    await cache.append(line('k2', 'B'));
    await cache.close();
    const lines = (await readFile(file, 'utf8')).split('\n').filter((l) => l !== '');
    expect(lines.map((l) => (JSON.parse(l) as CachedVerdict).key)).toEqual(['k1', 'k2']);
  });
});
