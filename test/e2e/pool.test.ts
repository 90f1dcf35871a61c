/**
 * The endpoint pool end to end: the compiled CLI as a child process, a config listing four mock
 * servers that live in this test process, one of them closed mid-run.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  gptModel,
  mcqData,
  mockServer,
  okCounts,
  paths,
  readJson,
  readJsonl,
  runCli,
  spawnCli,
  tempDir,
  waitFor,
  writeConfig,
  writeMcqTsv,
  type StoredRecord,
  type SummaryJson,
} from './helpers.js';
import type { MockServerHandle } from '../../src/mock/server.js';

const MODEL = 'ckpt';
const DATA = 'E2E';

interface EndpointRow {
  readonly state: string;
  readonly sent: number;
  readonly answered: number;
  readonly failed: number;
  readonly requeued: number;
  readonly maxInFlight: number;
  readonly limit: number;
}

/** The row of `url` in the per-endpoint table printed at the end of the model. */
function endpointRow(stdout: string, url: string): EndpointRow {
  const escaped = url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const m = new RegExp(`^\\s+${escaped}\\s+(\\w+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)$`, 'm').exec(stdout);
  if (m === null) throw new Error(`no endpoint row for ${url} in:\n${stdout}`);
  const n = (i: number): number => Number(m[i]);
  return { state: m[1] ?? '', sent: n(2), answered: n(3), failed: n(4), requeued: n(5), maxInFlight: n(6), limit: n(7) };
}

const chatURL = (s: MockServerHandle): string => `${s.url}/chat/completions`;

describe('endpoint pool (CLI, four mock servers)', () => {
  it('one endpoint dies mid-run: every item answered exactly once, its in-flight items re-asked elsewhere, counts printed', async () => {
    const ROWS = 120;
    const dir = await tempDir();
    const tsv = join(dir, `${DATA}.tsv`);
    await writeMcqTsv(tsv, ROWS);
    const four = [await mockServer({ latencyMs: 80 }), await mockServer({ latencyMs: 80 }), await mockServer({ latencyMs: 80 }), await mockServer({ latencyMs: 80 })];
    const dying = four[2];
    if (dying === undefined) throw new Error('no server');
    const config = await writeConfig(join(dir, 'config.json'), {
      model: { [MODEL]: gptModel(four[0]?.url ?? '', { api_base: four.map(chatURL), retry: 2, wait: 0.05 }) },
      data: { [DATA]: mcqData(tsv) },
    });
    const work = join(dir, 'work');
    const run = spawnCli(['--config', config, '--work-dir', work, '--api-nproc', '4']);
    // Close it while it holds requests, after it has answered some.
    await waitFor(() => dying.stats.completionsOk >= 8 && dying.stats.completionsInFlight >= 3, 30_000, 1);
    const inFlightAtClose = dying.stats.completionsInFlight;
    await dying.close();
    const res = await run.done;
    expect(res.stderr).toMatch(/ckpt: endpoint http:\/\/127\.0\.0\.1:\d+\/v1 taken out \(.*ECONNREFUSED.*\); its \d+ request\(s\) in flight go to other endpoints/);
    expect(res.code, res.stderr).toBe(0);

    const records = await readJsonl<StoredRecord>(paths(work, MODEL, DATA).predictions);
    expect(records.filter((r) => r.status !== 'ok')).toEqual([]);
    const ok = okCounts(records);
    expect(ok.size).toBe(ROWS);
    expect([...ok.values()].every((n) => n === 1)).toBe(true);

    // Each record names the server that answered; re-asked items took one more attempt, elsewhere.
    const labels = four.map((s) => s.url);
    expect(records.every((r) => typeof r['endpoint'] === 'string' && labels.includes(r['endpoint'] as string))).toBe(true);
    const reasked = records.filter((r) => r.attempts > 1);
    expect(reasked.length).toBeGreaterThanOrEqual(inFlightAtClose);
    expect(reasked.every((r) => r.attempts === 2 && r['endpoint'] !== dying.url)).toBe(true);
    expect(records.filter((r) => r['endpoint'] === dying.url).length).toBe(dying.stats.completionsOk);

    // Requests sent = items + the re-asked in-flight ones; every server but the dead one answered
    // all it received; the dead one was cut off holding some of the re-asked ones (the others were
    // cut before its handler saw them: refused or reset at connect).
    const attempts = records.reduce((n, r) => n + r.attempts, 0);
    expect(attempts).toBe(ROWS + reasked.length);
    expect(four.reduce((n, s) => n + s.stats.completionsOk, 0)).toBe(ROWS);
    for (const s of four) if (s !== dying) expect(s.stats.completionsReceived).toBe(s.stats.completionsOk);
    const cutOff = dying.stats.completionsReceived - dying.stats.completionsOk;
    expect(cutOff).toBeGreaterThanOrEqual(1);
    expect(cutOff).toBeLessThanOrEqual(reasked.length);

    // The per-endpoint table at the end of the model.
    expect(res.stdout).toContain('ckpt: requests per endpoint');
    const rows = four.map((s) => endpointRow(res.stdout, s.url));
    const dead = rows[2];
    expect(dead).toMatchObject({ state: 'down', answered: dying.stats.completionsOk, requeued: reasked.length });
    expect(rows.reduce((n, r) => n + r.answered, 0)).toBe(ROWS);
    expect(rows.reduce((n, r) => n + r.sent, 0)).toBe(attempts);
    for (const [i, r] of rows.entries()) {
      expect(r.maxInFlight).toBeLessThanOrEqual(4);
      if (i !== 2) expect(r).toMatchObject({ state: 'up', failed: 0, requeued: 0, sent: four[i]?.stats.completionsReceived });
    }

    const summary = await readJson<SummaryJson>(paths(work, MODEL, DATA).summary);
    expect(summary.counts).toMatchObject({ rows: ROWS, answered: ROWS, failed: 0 });
  });

  it('endpoints serving different models: exit 2 naming both', async () => {
    const dir = await tempDir();
    const tsv = join(dir, `${DATA}.tsv`);
    await writeMcqTsv(tsv, 4);
    const a = await mockServer();
    const b = await mockServer({ modelId: 'another-checkpoint' });
    const config = await writeConfig(join(dir, 'config.json'), {
      model: { [MODEL]: { ...gptModel(''), model: undefined, api_base: undefined, endpoints: [{ api_base: a.url }, { api_base: b.url, max_concurrency: 2 }] } },
      data: { [DATA]: mcqData(tsv) },
    });
    const res = await runCli(['--config', config, '--work-dir', join(dir, 'work')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`model '${MODEL}': its endpoints serve different models: ${a.url} serves "mock-model" but ${b.url} serves "another-checkpoint"`);
    expect(a.stats.completionsReceived + b.stats.completionsReceived).toBe(0);
  });

  it('"concurrency": "auto" settles well below its ceiling on a server that slows with load', async () => {
    const ROWS = 160;
    const dir = await tempDir();
    const tsv = join(dir, `${DATA}.tsv`);
    await writeMcqTsv(tsv, ROWS);
    // Latency 20 ms + 10 ms per request in flight: more concurrency buys ever less throughput.
    const server = await mockServer({ latencyMs: 20, latencyPerInflightMs: 10 });
    const config = await writeConfig(join(dir, 'config.json'), {
      model: { [MODEL]: gptModel(chatURL(server), { concurrency: 'auto' }) },
      data: { [DATA]: mcqData(tsv) },
    });
    const work = join(dir, 'work');
    const res = await runCli(['--config', config, '--work-dir', work, '--api-nproc', '64', '--mode', 'infer']);
    expect(res.code, res.stderr).toBe(0);
    const records = await readJsonl<StoredRecord>(paths(work, MODEL, DATA).predictions);
    expect(okCounts(records).size).toBe(ROWS);
    const row = endpointRow(res.stdout, server.url);
    expect(row.answered).toBe(ROWS);
    expect(row.limit).toBeGreaterThanOrEqual(2);
    expect(row.limit).toBeLessThanOrEqual(24);
    // At 64 in flight every answer would take 660 ms; the controller keeps them near the floor.
    expect(server.stats.maxInFlight).toBeLessThanOrEqual(33);
    const latencies = records.map((r) => r.latency_ms).sort((x, y) => x - y);
    expect(latencies[Math.floor(latencies.length / 2)]).toBeLessThan(400);
  });
});
