import { readFile, rm } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { mockServer, oneModelOneTsv, runCli, tempDir } from './helpers.js';

const MODEL = 'ckpt';
const DATA = 'E2E';

describe('--mode eval re-scores from the prediction store alone', () => {
  it('rebuilds byte-identical reports with the server gone', async () => {
    const dir = await tempDir();
    const server = await mockServer({ seed: 9, style: 'mixed' });
    const { config: configFile, work, paths: p } = await oneModelOneTsv(dir, server, { model: MODEL, data: DATA, rows: 24 });
    const first = await runCli(['--config', configFile, '--work-dir', work, '--api-nproc', '4']);
    expect(first.code).toBe(0);
    const reports = [p.scores, p.acc, p.summary, p.leaderboard];
    const before = await Promise.all(reports.map((f) => readFile(f)));
    const store = await readFile(p.predictions);

    await server.close();
    for (const f of [p.scores, p.acc, p.summary]) await rm(f);
    const requests = server.stats.requests;

    const rescored = await runCli(['--config', configFile, '--work-dir', work, '--mode', 'eval']);
    expect(rescored.stderr).not.toMatch(/error/i);
    expect(rescored.code).toBe(0);
    expect(server.stats.requests).toBe(requests);
    const after = await Promise.all(reports.map((f) => readFile(f)));
    reports.forEach((f, i) => expect(after[i]?.equals(before[i] ?? Buffer.alloc(0)), f).toBe(true));
    expect((await readFile(p.predictions)).equals(store)).toBe(true);
    expect(rescored.stdout).toContain(`${MODEL} × ${DATA}`);
    expect(rescored.stdout).toMatch(/Leaderboard/);
  });
});
