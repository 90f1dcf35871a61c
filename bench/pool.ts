/**
 * Figure 6: the endpoint pool. The same items as figure 1 spread over four mock processes (0 ms:
 * the harness's own ceiling with four servers), and four 200 ms mocks at C per endpoint (the case
 * the pool is for: the servers, not the harness, are the bottleneck).
 */
import { join } from 'node:path';
import { outputPaths } from '../src/workdir/paths.js';
import { MODEL, flushToDisk, writeConfig, writeSyntheticTsv } from './data.js';
import type { CliRun, MockProcess } from './proc.js';
import { steadyRate } from './steady.js';
import { fmt } from './table.js';
import type { BenchContextBase } from './context.js';

export interface PoolBenchContext extends BenchContextBase {
  readonly mock: (latencyMs: number) => Promise<MockProcess>;
  /** Figure 1's single-endpoint rate, when it ran. */
  readonly singleReqS: number | undefined;
}

const ENDPOINTS = 4;

/** `answered` per endpoint from the table the run prints at the end of the model. */
function answeredPerEndpoint(stdout: string, urls: readonly string[]): number[] {
  return urls.map((url) => {
    const line = stdout.split('\n').find((l) => l.trim().startsWith(`${url} `));
    return Number(line?.trim().split(/\s+/)[3] ?? Number.NaN);
  });
}

async function runFour(ctx: PoolBenchContext, label: string, latencyMs: number, n: number, perEndpoint: number, imageBytes: number): Promise<{ run: CliRun; rate: number; split: number[]; ok: number; failed: number }> {
  const dir = await ctx.newDir(label);
  const tsv = join(dir, 'bench.tsv');
  await writeSyntheticTsv(tsv, { rows: n, imageBytes });
  await flushToDisk(tsv);
  const mocks: MockProcess[] = [];
  try {
    for (let i = 0; i < ENDPOINTS; i++) mocks.push(await ctx.mock(latencyMs));
    await writeConfig(join(dir, 'config.json'), mocks.map((m) => `${m.url}/chat/completions`), { Bench: tsv });
    const run = await ctx.harness(dir, ['--mode', 'infer', '--api-nproc', String(perEndpoint)], { timeoutMs: 240_000 });
    const counts = await ctx.storeCounts(outputPaths(join(dir, 'work'), MODEL, 'Bench').predictions);
    const rate = counts.ok / (ctx.answeringSpanMs(run) / 1000);
    return { run, rate, split: answeredPerEndpoint(run.stdout, mocks.map((m) => m.url)), ...counts };
  } finally {
    for (const m of mocks) await ctx.stopMock(m);
  }
}

export async function figureFourEndpoints(ctx: PoolBenchContext, sizes: { throughputItems: number; imageBytes: number; poolRounds: number }): Promise<void> {
  const fast = await runFour(ctx, 'pool-0ms', 0, sizes.throughputItems, 16, sizes.imageBytes);
  const vsSingle = ctx.singleReqS !== undefined ? `; figure 1 (one mock, nproc 64): ${fmt.n(ctx.singleReqS)} req/s` : '';
  ctx.rows.push({
    figure: `6a. req/s, ${ENDPOINTS} mock processes 0 ms, nproc 16 each`,
    measured: `${fmt.n(fast.rate)} req/s`,
    goal: 'report (same total concurrency as figure 1)',
    verdict: 'info',
    notes: `answered per endpoint ${fast.split.join(' / ')}; harness CPU ${fmt.n(ctx.cpuMs(fast.run) / Math.max(1, fast.ok), 2)} ms/item${vsSingle}`,
  });
  const c = 32;
  const latency = 200;
  const n = ENDPOINTS * c * sizes.poolRounds;
  const slow = await runFour(ctx, 'pool-200ms', latency, n, c, 2_000);
  const span = ctx.answeringSpanMs(slow.run);
  const idealSpan = sizes.poolRounds * latency;
  const efficiency = idealSpan / span;
  const ideal = (ENDPOINTS * c) / (latency / 1000);
  const steady = steadyRate(slow.run.probe?.answeredAtMs ?? [], latency);
  const steadyEff = steady === undefined ? undefined : steady.ratePerS / ideal;
  ctx.rows.push({
    figure: `6b. efficiency, ${ENDPOINTS} mocks x 200 ms, C=${c} each, 2 KB images`,
    measured: `${steadyEff === undefined ? 'n/a' : fmt.pct(steadyEff)} steady (${fmt.pct(efficiency)} of the whole span)`,
    goal: '>= 95%',
    verdict: steadyEff !== undefined && steadyEff >= 0.95 ? 'meets' : 'MISSES',
    notes: `steady ${steady === undefined ? 'n/a' : fmt.n(steady.ratePerS)} of ${fmt.n(ideal)} req/s; whole span ${fmt.n(slow.ok)} items in ${fmt.s(span)} (ideal ${fmt.s(idealSpan)}, ${fmt.n(slow.rate)} req/s); answered per endpoint ${slow.split.join(' / ')}`,
  });
  ctx.detail(`6. endpoint pool (${ENDPOINTS} mock processes)`, [
    `0 ms: ${fmt.n(fast.ok)} ok, ${fast.failed} failed, ${fmt.n(fast.rate, 1)} req/s; harness CPU ${fmt.s(ctx.cpuMs(fast.run))}, peak RSS ${fmt.mb(fast.run.probe?.maxRssKb ?? 0)}`,
    `200 ms, C=${c} per endpoint: ${fmt.n(slow.ok)} ok, ${slow.failed} failed in ${fmt.s(span)} vs ideal ${fmt.s(idealSpan)} (${sizes.poolRounds} rounds of ${ENDPOINTS * c})`,
  ]);
}
