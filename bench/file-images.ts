/**
 * Figures 7 and 8: images by path (`"image_transport": "file"`) beside base64 in the body.
 * 7: harness CPU per request and request bytes on the wire, mock at 0 ms (the harness is the
 * bottleneck), for base64, for file URLs with the copies still to write (a first run), and for file
 * URLs with the copies already there (any later run). 8: efficiency at C=128 / 200 ms with 100 KB
 * images by path (a first run: every copy is written during the run). The mock runs with
 * `--allowed-local-media-path` at the copies' folder and reads each file, as vLLM does.
 */
import { realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { outputPaths } from '../src/workdir/paths.js';
import { MODEL, flushToDisk, writeConfig, writeSyntheticTsv } from './data.js';
import { runCli, type CliRun, type MockProcess } from './proc.js';
import { httpFloor } from './http-floor.js';
import { rowPathMs } from './row-path.js';
import { steadyRate } from './steady.js';
import { fmt, type Row } from './table.js';
import type { BenchContextBase } from './context.js';

export interface FileBenchContext extends BenchContextBase {
  readonly mock: (latencyMs: number, extraArgs?: readonly string[]) => Promise<MockProcess>;
  /** Runs `body` as a named figure (quiet wait, NOISY marks). */
  readonly figure: (name: string, body: () => Promise<void>) => Promise<void>;
}

export interface FileBenchSizes {
  readonly throughputItems: number;
  readonly imageBytes: number;
  /** Rounds of C=128 for figure 8. */
  readonly fileEfficiencyRounds: number;
}

const NPROC = 64;
const LATENCY_MS = 200;
const C = 128;
const CPU_GOAL_MS = 0.3;
const EFFICIENCY_GOAL = 0.97;

interface Measured {
  readonly run: CliRun;
  readonly ok: number;
  readonly failed: number;
  readonly cpuPerRequestMs: number;
  readonly bytesPerRequest: number;
  readonly bodyBytesPerRequest: number;
  readonly mockCpuMs: number;
}

/** One harness run in `dir` (config already there, a fresh work dir) against `m`. */
async function measure(ctx: FileBenchContext, dir: string, m: MockProcess, nproc: number): Promise<Measured> {
  const work = join(dir, 'work');
  await rm(work, { recursive: true, force: true });
  const mockCpu0 = m.cpuMs();
  const run = await ctx.harness(dir, ['--mode', 'infer', '--api-nproc', String(nproc)], { timeoutMs: 300_000 });
  const counts = await ctx.storeCounts(outputPaths(work, MODEL, 'Bench').predictions);
  const p = run.probe;
  const sent = Math.max(1, p?.chatSent ?? 1);
  return {
    run,
    ...counts,
    cpuPerRequestMs: ctx.cpuMs(run) / Math.max(1, counts.ok),
    bytesPerRequest: ((p?.chatHeaderBytes ?? 0) + (p?.chatBodyBytes ?? 0)) / sent,
    bodyBytesPerRequest: (p?.chatBodyBytes ?? 0) / sent,
    mockCpuMs: m.cpuMs() - mockCpu0,
  };
}

/**
 * CPU per item of what both transports do before a request exists: start-up, reading the TSV,
 * decoding and sniffing each image, hashing it (`actial-eval answer-key` does exactly that).
 */
async function datasetFloorMs(dir: string, items: number): Promise<number> {
  const run = await runCli({ args: ['answer-key', '--config', join(dir, 'config.json'), '--out', join(dir, 'key.jsonl')], probeFile: join(dir, 'probe-key.json'), timeoutMs: 300_000 });
  if (run.code !== 0 || run.probe === undefined) throw new Error(`answer-key exited with ${run.code ?? run.signal}: ${run.stderr.slice(-500)}`);
  return (run.probe.userCpuMs + run.probe.systemCpuMs) / items;
}

export async function figureFileCpu(ctx: FileBenchContext, sizes: FileBenchSizes): Promise<void> {
  const dir = await ctx.newDir('file-cpu');
  const tsv = join(dir, 'bench.tsv');
  const media = join(dir, 'media');
  await writeSyntheticTsv(tsv, { rows: sizes.throughputItems, imageBytes: sizes.imageBytes });
  await flushToDisk(tsv);
  // Real paths: the copies are named by their real path, which vLLM compares with its flag as given.
  const m = await ctx.mock(0, ['--allowed-local-media-path', await realpath(dir)]);
  try {
    await writeConfig(join(dir, 'config.json'), `${m.url}/chat/completions`, { Bench: tsv });
    const floor = await datasetFloorMs(dir, sizes.throughputItems);
    const base64 = await measure(ctx, dir, m, NPROC);
    await writeConfig(join(dir, 'config.json'), `${m.url}/chat/completions`, { Bench: tsv }, { image_transport: 'file', media_dir: media });
    const cold = await measure(ctx, dir, m, NPROC);
    const warm = await measure(ctx, dir, m, NPROC);
    const rowPath = await rowPathMs(tsv, media);
    const bare = await httpFloor(`${m.url}/chat/completions`, sizes.throughputItems, NPROC, warm.bodyBytesPerRequest);
    const kb = fmt.n(sizes.imageBytes / 1000);
    const row = (label: string, r: Measured, goal: boolean): Row => ({
      figure: `7${label}`,
      measured: `${fmt.n(r.cpuPerRequestMs, 3)} ms/request, ${fmt.n(r.bytesPerRequest)} B/request`,
      goal: goal ? `<= ${CPU_GOAL_MS} ms/request` : 'report',
      verdict: goal ? (r.cpuPerRequestMs <= CPU_GOAL_MS ? 'meets' : 'MISSES') : 'info',
      notes: `request path ${fmt.n(r.cpuPerRequestMs - floor, 3)} ms/request beyond the dataset's ${fmt.n(floor, 3)} (7d); ${fmt.n(r.ok)} ok, ${r.failed} failed; ${fmt.n(r.ok / (ctx.answeringSpanMs(r.run) / 1000))} req/s; mock CPU ${fmt.n(r.mockCpuMs / Math.max(1, r.ok), 3)} ms/request`,
    });
    ctx.rows.push(
      row(`a. harness CPU and request bytes, ${kb} KB images, base64 in the body (mock 0 ms, nproc ${NPROC})`, base64, false),
      row(`b. same, images by path, copies written during the run`, cold, true),
      row(`c. same, images by path, copies already in media_dir`, warm, true),
      {
        figure: '7d. same TSV, read only: start-up, TSV, base64 decoding, image hashes (`answer-key`)',
        measured: `${fmt.n(floor, 3)} ms/item`,
        goal: 'report',
        verdict: 'info',
        notes: 'base64 requests built (as answer-key does: the TSV, base64 decoding, image hashes, the base64 text as a string for the body)',
      },
      {
        figure: '7e. by path, in process: TSV rows, base64 decoding, sha256 and prompt hash, copy check, body (no start-up, HTTP or store)',
        measured: `${fmt.n(rowPath, 3)} ms/row`,
        goal: 'report',
        verdict: 'info',
        notes: `what each request by path costs before HTTP (in 7c); 7c beyond it, ${fmt.n(warm.cpuPerRequestMs - rowPath, 3)} ms/request, is start-up, the HTTP exchange, the pool and the store`,
      },
      {
        figure: `7f. no harness: undici alone, the same mock, ${fmt.n(bare.bodyBytes)} B bodies, ${NPROC} connections (node start-up included; best of 3)`,
        measured: `${fmt.n(bare.allMs / Math.max(1, bare.n), 3)} ms/request`,
        goal: 'report',
        verdict: 'info',
        notes: `the requests alone ${fmt.n(bare.requestsMs / Math.max(1, bare.n), 3)} ms/request; ${fmt.n(bare.n)} sent, ${bare.failed} failed; what any Node client of this server pays, inside 7c's figure`,
      },
    );
    const line = (label: string, r: Measured): string =>
      `${label}: harness CPU ${fmt.s(ctx.cpuMs(r.run))} for ${fmt.n(r.ok)} requests = ${fmt.n(r.cpuPerRequestMs, 3)} ms each (start-up, TSV reading and base64 decoding included); ` +
      `${fmt.n(r.run.probe?.chatSent ?? 0)} chat requests, ${fmt.n(r.run.probe?.chatBodyBytes ?? 0)} body + ${fmt.n(r.run.probe?.chatHeaderBytes ?? 0)} header bytes; peak RSS ${fmt.mb(r.run.probe?.maxRssKb ?? 0)}`;
    ctx.detail(`7. images by path vs base64 (${fmt.n(sizes.throughputItems)} items x ${fmt.n(sizes.imageBytes)} B images, mock 0 ms, --api-nproc ${NPROC})`, [
      line('base64', base64),
      line('by path, copies written', cold),
      line('by path, copies present', warm),
      'by path: one more chat request per run (the 1-token check that the server may read the copies)',
    ]);
  } finally {
    await ctx.stopMock(m);
    await rm(media, { recursive: true, force: true });
  }
}

/** Images of figure 8's comparison run: small enough that their row work is negligible. */
const SMALL_IMAGE_BYTES = 2_000;

export async function figureFileEfficiency(ctx: FileBenchContext, sizes: FileBenchSizes): Promise<void> {
  const name = `8. efficiency, 200 ms latency, C=${C}, ${fmt.n(sizes.imageBytes / 1000)} KB images by path`;
  await ctx.figure(name, async () => {
    const n = C * sizes.fileEfficiencyRounds;
    const big = await efficiencyRuns(ctx, 'file-efficiency', n, sizes.imageBytes);
    efficiencyRow(ctx, `${name}, copies already in media_dir`, big.present, n, 'goal');
    efficiencyRow(ctx, `${name}, copies written during the run`, big.written, n, 'report');
    // The same run with 2 KB images: what is left when reading and hashing the images costs
    // next to nothing, i.e. how much of the gap to the goal is the row work on the one thread.
    const small = await efficiencyRuns(ctx, 'file-efficiency-small', n, SMALL_IMAGE_BYTES);
    efficiencyRow(ctx, `8b. the same with ${fmt.n(SMALL_IMAGE_BYTES / 1000)} KB images by path, copies already in media_dir`, small.present, n, 'report');
  });
}

/** A first run (every copy written) and a later one (copies found) of `n` items by path at C, 200 ms. */
async function efficiencyRuns(ctx: FileBenchContext, label: string, n: number, imageBytes: number): Promise<{ written: Measured; present: Measured }> {
  const dir = await ctx.newDir(label);
  const tsv = join(dir, 'bench.tsv');
  const media = join(dir, 'media');
  await writeSyntheticTsv(tsv, { rows: n, imageBytes });
  await flushToDisk(tsv);
  const m = await ctx.mock(LATENCY_MS, ['--allowed-local-media-path', await realpath(dir)]);
  try {
    await writeConfig(join(dir, 'config.json'), `${m.url}/chat/completions`, { Bench: tsv }, { image_transport: 'file', media_dir: media });
    // A first run writes every copy; any later run (a fresh work dir here) finds them.
    const written = await measure(ctx, dir, m, C);
    const present = await measure(ctx, dir, m, C);
    return { written, present };
  } finally {
    await ctx.stopMock(m);
    await rm(media, { recursive: true, force: true });
  }
}

function efficiencyRow(ctx: FileBenchContext, figure: string, r: Measured, n: number, kind: 'goal' | 'report'): void {
  // The first chat request is the 1-token check: the items start one latency later.
  const answered = (r.run.probe?.answeredAtMs ?? []).slice(1);
  const start = Math.max(0, (answered[0] ?? 0) - LATENCY_MS);
  const steady = steadyRate(answered.map((t) => t - start), LATENCY_MS);
  const ideal = C / (LATENCY_MS / 1000);
  const eff = steady === undefined ? undefined : steady.ratePerS / ideal;
  const idealSpan = Math.ceil(n / C) * LATENCY_MS;
  const span = ctx.answeringSpanMs(r.run);
  const meets = eff !== undefined && eff >= EFFICIENCY_GOAL;
  ctx.rows.push({
    figure,
    measured: `${eff === undefined ? 'n/a' : fmt.pct(eff)} steady (${fmt.pct(idealSpan / span)} of the whole span)`,
    goal: kind === 'goal' ? `>= ${fmt.pct(EFFICIENCY_GOAL)}` : 'report',
    verdict: kind === 'goal' ? (meets ? 'meets' : 'MISSES') : 'info',
    notes: `steady ${steady === undefined ? 'n/a' : fmt.n(steady.ratePerS)} of ${fmt.n(ideal)} req/s; whole span (check request included) ${fmt.n(r.ok)} items in ${fmt.s(span)} (ideal ${fmt.s(idealSpan)}); harness CPU ${fmt.n(r.cpuPerRequestMs, 3)} ms/request = ${fmt.pct((r.cpuPerRequestMs * r.ok) / span)} of a core; mock CPU ${fmt.n(r.mockCpuMs / Math.max(1, r.ok), 3)} ms/request`,
  });
  ctx.detail(`${figure} (${fmt.n(n)} items = ${n / C} rounds of C)`, [
    `answered ok ${r.ok}, failed ${r.failed}; ${fmt.n(r.bytesPerRequest)} B/request; peak RSS ${fmt.mb(r.run.probe?.maxRssKb ?? 0)}`,
    `steady window measured from one latency before the first item's answer (after the 1-token check): ${steady === undefined ? 'too short' : `${fmt.n(steady.answers)} answers in ${fmt.s(steady.windowMs)}`}`,
  ]);
}
