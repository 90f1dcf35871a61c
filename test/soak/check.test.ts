/** The soak's store checks must catch what they promise to catch, or a passing soak means nothing. */
import { appendFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkStore, checkWhole, EMPTY_STORE, SoakViolation } from '../../bench/soak-check.js';
import { tempDir } from '../e2e/helpers.js';

const line = (index: string, status: 'ok' | 'failed'): string => `${JSON.stringify({ index, status, prediction: 'A' })}\n`;

describe('soak store checks', () => {
  it('accepts growth, a failed line answered later, and a torn last line', async () => {
    const file = join(await tempDir(), 'store.jsonl');
    expect(await checkStore(file, EMPTY_STORE, 'r0')).toEqual(EMPTY_STORE);
    await writeFile(file, line('1', 'ok') + line('2', 'failed'));
    const first = await checkStore(file, EMPTY_STORE, 'r1');
    expect(first).toMatchObject({ okLines: 1, failedLines: 1, tornBytes: 0 });
    await appendFile(file, line('2', 'ok') + '{"index":"3","sta');
    const second = await checkStore(file, first, 'r2');
    expect(second).toMatchObject({ okLines: 2, failedLines: 1, tornBytes: 17 });
    expect([...second.answered].sort()).toEqual(['1', '2']);
  });

  it('refuses a second ok line, a lost line, and garbage before the last line', async () => {
    const dir = await tempDir();
    const file = join(dir, 'store.jsonl');
    await writeFile(file, line('1', 'ok') + line('1', 'ok'));
    await expect(checkStore(file, EMPTY_STORE, 'r1')).rejects.toThrow(/r1: .*index 1 has a second ok line/);

    await writeFile(file, line('1', 'ok') + line('2', 'ok'));
    const state = await checkStore(file, EMPTY_STORE, 'r1');
    await writeFile(file, line('2', 'ok'));
    await expect(checkStore(file, state, 'r2')).rejects.toThrow(/r2: .*no longer starts with/);

    await writeFile(file, `${line('1', 'ok')}{"index":\n${line('2', 'ok')}`);
    await expect(checkStore(file, EMPTY_STORE, 'r3')).rejects.toThrow(SoakViolation);
    await expect(checkStore(file, EMPTY_STORE, 'r3')).rejects.toThrow(/store.jsonl:2 is not JSON/);
  });

  it('refuses a half-written report', async () => {
    const file = join(await tempDir(), 'x_summary.json');
    await checkWhole(file, 'r1');
    await writeFile(file, '{"metrics": {');
    await expect(checkWhole(file, 'r1')).rejects.toThrow(/half written/);
  });
});
