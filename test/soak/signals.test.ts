/**
 * SIGINT and SIGTERM stop a run gracefully: no new requests, the answers in flight are saved, the
 * work dir lock is released, and the exit code says which signal (130, 143). A rerun then asks
 * only what is left.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  mockServer,
  okCounts,
  oneModelOneTsv,
  readJsonl,
  runCli,
  spawnCli,
  tempDir,
  waitFor,
  type StoredRecord,
} from '../e2e/helpers.js';

const ROWS = 40;
const MODEL = 'ckpt';
const DATA = 'E2E';

async function lineCount(file: string): Promise<number> {
  return readFile(file, 'utf8').then((t) => t.split('\n').length - 1, () => 0);
}

describe.each([
  ['SIGINT', 130],
  ['SIGTERM', 143],
] as const)('%s', (signal, exitCode) => {
  it(`stops gracefully: in-flight answers saved, lock released, exit ${exitCode}`, async () => {
    const dir = await tempDir();
    const server = await mockServer({ latencyMs: 300, seed: 2 });
    const { config, work, paths: p } = await oneModelOneTsv(dir, server, { model: MODEL, data: DATA, rows: ROWS });
    const store = p.predictions;

    const run = spawnCli(['--config', config, '--work-dir', work, '--api-nproc', '4']);
    let exited = false;
    void run.done.then(() => (exited = true));
    await waitFor(async () => exited || (await lineCount(store)) >= 4, 30_000);
    expect(exited, 'the run finished before it could be stopped').toBe(false);
    // Signal while requests are in flight (4 at a time, 300 ms each): the stop must wait for them.
    await waitFor(() => server.stats.inFlight > 0, 10_000, 1);
    run.child.kill(signal);
    const res = await run.done;
    expect(res.signal).toBeNull();
    expect(res.code).toBe(exitCode);
    expect(res.stderr).toContain(`stopping (${signal})`);

    // Every answer the server gave was saved: nothing in flight was dropped.
    const records = await readJsonl<StoredRecord>(store);
    expect((await readFile(store, 'utf8')).endsWith('\n')).toBe(true);
    const ok = records.filter((r) => r.status === 'ok');
    expect(ok.length).toBe(server.stats.completionsOk);
    expect(ok.length).toBeLessThan(ROWS);
    expect(server.stats.inFlight).toBe(0);
    expect(existsSync(join(work, '.actial-eval.lock')), 'lock released').toBe(false);

    // The rerun asks only what was left (+1: /v1/models), and ends with one ok line per row.
    const before = server.stats.requests;
    const rerun = await runCli(['--config', config, '--work-dir', work, '--api-nproc', '8']);
    expect(rerun.code).toBe(0);
    expect(server.stats.requests - before).toBe(1 + ROWS - ok.length);
    const counts = okCounts(await readJsonl<StoredRecord>(store));
    expect(counts.size).toBe(ROWS);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });
});
