import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PredictionStore } from '../../src/store/predictions.js';
import { readLatest } from '../../src/workdir/records.js';
import { WorkDirLock } from '../../src/workdir/lock.js';
import type { PredictionRecord } from '../../src/workdir/records.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-store-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

function rec(index: string, status: 'ok' | 'failed', hash = 'h1'): PredictionRecord {
  return {
    index, prompt_hash: hash, settings_hash: 's', status, prediction: status === 'ok' ? 'A' : '',
    finish_reason: status === 'ok' ? 'stop' : null, usage: null, latency_ms: 1, attempts: 1,
    time: 't', answer: 'A', choices: [{ letter: 'A', text: 'a' }, { letter: 'B', text: 'b' }], fields: {},
  };
}

describe('PredictionStore', () => {
  it('knows answered items by index and prompt hash; failed ones are asked again', async () => {
    const file = join(dir, 'm', 'm_d.jsonl');
    const store = await PredictionStore.open(file);
    await store.append(rec('1', 'ok'));
    await store.append(rec('2', 'failed'));
    await store.close();
    const again = await PredictionStore.open(file);
    expect(again.isDone('1', 'h1')).toBe(true);
    expect(again.isDone('1', 'other-settings')).toBe(false);
    expect(again.isDone('2', 'h1')).toBe(false);
    await again.close();
  });

  it('appends arriving together go out as whole lines, in order, each resolved once on disk', async () => {
    const file = join(dir, 'c.jsonl');
    const store = await PredictionStore.open(file);
    const seenOnDisk: number[] = [];
    const appends = Array.from({ length: 500 }, (_, i) =>
      store.append(rec(String(i), i % 7 === 0 ? 'failed' : 'ok')).then(async () => {
        // When an append resolves, its line is in the file already.
        const text = await readFile(file, 'utf8');
        seenOnDisk.push(text.includes(`"index":"${i}"`) ? 1 : 0);
      }),
    );
    await Promise.all(appends);
    expect(seenOnDisk).toHaveLength(500);
    expect(seenOnDisk.every((x) => x === 1)).toBe(true);
    for (let i = 0; i < 500; i++) expect(store.isDone(String(i), 'h1')).toBe(i % 7 !== 0);
    await store.close();
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => (JSON.parse(l) as PredictionRecord).index)).toEqual(Array.from({ length: 500 }, (_, i) => String(i)));
  });

  it('close waits for lines still being written', async () => {
    const file = join(dir, 'w.jsonl');
    const store = await PredictionStore.open(file);
    const pending = [store.append(rec('1', 'ok')), store.append(rec('2', 'ok')), store.append(rec('3', 'ok'))];
    await store.close();
    await Promise.all(pending);
    expect((await readFile(file, 'utf8')).trim().split('\n')).toHaveLength(3);
  });

  it('cuts a torn last line and keeps every whole one', async () => {
    const file = join(dir, 'p.jsonl');
    await writeFile(file, `${JSON.stringify(rec('1', 'ok'))}\n${JSON.stringify(rec('2', 'ok')).slice(0, 40)}`);
    const store = await PredictionStore.open(file);
    expect(store.tornBytes).toBe(40);
    expect(store.isDone('1', 'h1')).toBe(true);
    expect(store.isDone('2', 'h1')).toBe(false);
    await store.append(rec('2', 'ok'));
    await store.close();
    const lines = (await readFile(file, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as PredictionRecord);
    expect(lines.map((l) => l.index)).toEqual(['1', '2']);
  });

  it('refuses a corrupted middle line rather than guessing', async () => {
    const file = join(dir, 'p.jsonl');
    await writeFile(file, `${JSON.stringify(rec('1', 'ok'))}\n{oops\n${JSON.stringify(rec('2', 'ok'))}\n`);
    await expect(PredictionStore.open(file)).rejects.toThrow(/p\.jsonl:2: not a JSON line/);
  });

  it('readLatest takes the last record of each index', async () => {
    const file = join(dir, 'p.jsonl');
    await appendFile(file, `${JSON.stringify(rec('1', 'failed'))}\n${JSON.stringify(rec('1', 'ok'))}\n`);
    const latest = await readLatest(file);
    expect(latest.size).toBe(1);
    expect(latest.get('1')?.status).toBe('ok');
  });
});

describe('WorkDirLock', () => {
  it('refuses a second holder while the first lives, and takes over a dead one', async () => {
    const lock = await WorkDirLock.acquire(dir);
    // A lock held by another live process is refused.
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    await lock.release();
    await writeFile(join(dir, '.actial-eval.lock'), `${child.pid}\n`);
    await expect(WorkDirLock.acquire(dir)).rejects.toThrow(/is in use by another actial-eval run \(pid \d+\)/);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    const taken = await WorkDirLock.acquire(dir);
    await taken.release();
  });
});
