import { appendFile, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  completionRequests,
  mockServer,
  okCounts,
  oneModelOneTsv,
  paths,
  readJson,
  readJsonl,
  runCli,
  spawnCli,
  tempDir,
  waitFor,
  type StoredRecord,
  type SummaryJson,
} from './helpers.js';

const ROWS = 60;
const MODEL = 'ckpt';
const DATA = 'E2E';

async function setup(latencyMs: number) {
  const dir = await tempDir();
  const server = await mockServer({ latencyMs, seed: 3 });
  const { config } = await oneModelOneTsv(dir, server, { model: MODEL, data: DATA, rows: ROWS });
  return { dir, server, config };
}

async function lineCount(file: string): Promise<number> {
  try {
    return (await readFile(file, 'utf8')).split('\n').length - 1;
  } catch {
    return 0;
  }
}

function expectExactlyOneOkEach(records: readonly StoredRecord[]): void {
  const ok = okCounts(records);
  const doubled = [...ok].filter(([, n]) => n > 1).map(([i]) => i);
  expect(doubled, 'indices with two ok lines').toEqual([]);
  const expected = Array.from({ length: ROWS }, (_, i) => String(i)).sort();
  expect([...ok.keys()].sort()).toEqual(expected);
}

describe('kill -9 and resume', () => {
  it('re-asks only what was not answered, duplicates nothing, and scores like a clean run', async () => {
    const { dir, server, config } = await setup(50);
    const work = join(dir, 'work');
    const store = paths(work, MODEL, DATA).predictions;

    const first = spawnCli(['--config', config, '--work-dir', work, '--api-nproc', '4']);
    let exited = false;
    void first.done.then(() => (exited = true));
    await waitFor(async () => exited || (await lineCount(store)) >= 8, 20_000);
    expect(exited, 'the run finished before it could be killed').toBe(false);
    first.child.kill('SIGKILL');
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');

    const before = await readJsonl<StoredRecord>(store);
    const answeredBefore = new Set(before.filter((r) => r.status === 'ok').map((r) => r.index));
    expect(answeredBefore.size).toBeGreaterThanOrEqual(8);
    expect(answeredBefore.size).toBeLessThan(ROWS);
    // Requests are counted on arrival, so this is final once the child is dead (completions the
    // server was still delaying for the killed client are already in it).
    const requestsBeforeRerun = server.stats.requests;

    const second = await runCli(['--config', config, '--work-dir', work, '--api-nproc', '4']);
    expect(second.stderr).not.toMatch(/error/i);
    expect(second.code).toBe(0);

    // Only the unanswered items went to the server again (+1: the /v1/models discovery).
    expect(server.stats.requests - requestsBeforeRerun).toBe(1 + ROWS - answeredBefore.size);
    const after = await readJsonl<StoredRecord>(store);
    // The lines written before the kill are kept as they were.
    expect(after.slice(0, before.length)).toEqual(before);
    expectExactlyOneOkEach(after);

    // Same scores as an uninterrupted run against the same server.
    const clean = join(dir, 'clean');
    const cleanRun = await runCli(['--config', config, '--work-dir', clean, '--api-nproc', '4']);
    expect(cleanRun.code).toBe(0);
    const resumed = await readJson<SummaryJson>(paths(work, MODEL, DATA).summary);
    const uninterrupted = await readJson<SummaryJson>(paths(clean, MODEL, DATA).summary);
    expect(resumed.metrics).toEqual(uninterrupted.metrics);
    expect(resumed.counts).toEqual(uninterrupted.counts);
    expect(resumed.counts).toMatchObject({ rows: ROWS, answered: ROWS, failed: 0 });
    expect(await readFile(paths(work, MODEL, DATA).acc, 'utf8')).toBe(await readFile(paths(clean, MODEL, DATA).acc, 'utf8'));
    expect(await readFile(paths(work, MODEL, DATA).scores, 'utf8')).toBe(await readFile(paths(clean, MODEL, DATA).scores, 'utf8'));
  });

  it('tolerates a torn last line and re-asks that item', async () => {
    const { dir, server, config } = await setup(0);
    const work = join(dir, 'work');
    const store = paths(work, MODEL, DATA).predictions;
    const first = await runCli(['--config', config, '--work-dir', work, '--api-nproc', '4']);
    expect(first.code).toBe(0);
    const summaryBefore = await readFile(paths(work, MODEL, DATA).summary, 'utf8');

    // Cut the last record in half, as a kill in the middle of its write would.
    const text = await readFile(store, 'utf8');
    const lines = text.split('\n').filter((l) => l !== '');
    const last = lines.at(-1) ?? '';
    const tornIndex = (JSON.parse(last) as StoredRecord).index;
    const kept = `${lines.slice(0, -1).join('\n')}\n`;
    await writeFile(store, kept);
    await appendFile(store, last.slice(0, Math.floor(last.length / 2)));
    expect((await stat(store)).size).toBeGreaterThan(Buffer.byteLength(kept));

    const requestsBefore = server.stats.requests;
    const second = await runCli(['--config', config, '--work-dir', work, '--api-nproc', '4']);
    expect(second.stderr).not.toMatch(/error/i);
    expect(second.code).toBe(0);
    expect(server.stats.requests - requestsBefore).toBe(1 + 1); // /v1/models + the torn item
    expect(completionRequests(server)).toBe(ROWS + 1);

    // The torn bytes are gone (the file ends with a whole line), the torn item is answered once.
    expect((await readFile(store, 'utf8')).endsWith('\n')).toBe(true);
    const after = await readJsonl<StoredRecord>(store);
    expect(after.at(-1)?.index).toBe(tornIndex);
    expect((await readFile(store, 'utf8')).startsWith(kept)).toBe(true);
    expectExactlyOneOkEach(after);
    const summaryAfter = await readJson<SummaryJson>(paths(work, MODEL, DATA).summary);
    const original = JSON.parse(summaryBefore) as SummaryJson;
    expect(summaryAfter.metrics).toEqual(original.metrics);
    expect(summaryAfter.counts).toEqual(original.counts);
  });
});
