import type { LoadedConfig } from '../config/load.js';
import type { ResolvedDataset } from '../config/data.js';
import type { ResolvedModel } from '../config/models.js';
import { EXIT } from '../core/errors.js';
import type { Secrets } from '../core/secrets.js';
import { PredictionStore } from '../store/predictions.js';
import { WorkDirLock } from '../workdir/lock.js';
import { formatsAfter, readRunHeaderIfAny, RUN_HEADER_SCHEMA, writeRunHeader, type RunHeader } from '../workdir/header.js';
import { outputPaths } from '../workdir/paths.js';
import { filesFingerprint } from '../workdir/fingerprint.js';
import { renderSummaryTable } from '../report/table.js';
import { writeLeaderboard } from '../report/leaderboard-file.js';
import type { ActiveModel } from './endpoint.js';
import { evaluateDataset } from './evaluate-dataset.js';
import { Progress, type ProgressSink } from './progress.js';
import type { JudgeSession } from '../extract/judge/session.js';
import { shardSetOf, type Shard } from '../shard/spec.js';
import { promptChoice } from '../prompt/index.js';

export type Mode = 'all' | 'infer' | 'eval';

export interface RunOptions {
  readonly config: LoadedConfig;
  readonly workDir: string;
  readonly mode: Mode;
  /** --api-nproc: overrides every model's concurrency when given. */
  readonly apiNproc: number | undefined;
  /** --retry: total tries per request, overriding the config. */
  readonly retry: number | undefined;
  readonly out: (text: string) => void;
  readonly progressSink: ProgressSink;
  /** Masks keys in what managed servers log and print (the CLI's registry; servers add theirs to it). */
  readonly secrets: Secrets;
  readonly stop: AbortSignal;
  readonly verbose: boolean;
  /** The LLM judge for answers the rules leave undecided, when one is configured. */
  readonly judge?: JudgeSession | undefined;
  /** `--shard i/N`: only this shard's samples of every dataset are asked and stored. */
  readonly shard?: Shard | undefined;
}

const DEFAULT_CONCURRENCY = 16;
/** With `"concurrency": "auto"`, the ceiling of each endpoint's adaptive limit. */
const DEFAULT_ADAPTIVE_MAX = 128;

/** The main job: infer and/or evaluate every (model, dataset) of the config, then the leaderboard. */
export async function runEvaluation(opts: RunOptions): Promise<number> {
  const lock = await WorkDirLock.acquire(opts.workDir);
  try {
    // A run that will ask the models checks the judge first, so a judge that is down is found
    // before hours of inference. Re-scoring (--mode eval) checks it only if a verdict is missing.
    if (opts.mode === 'all') await opts.judge?.ready();
    let failed = 0;
    for (const base of opts.config.models) {
      const model = opts.retry !== undefined ? { ...base, tries: Math.max(1, opts.retry) } : base;
      failed += await runServedModel(model, opts);
      if (opts.stop.aborted) break;
    }
    if (opts.mode !== 'infer') await writeLeaderboard(opts.workDir, opts.out);
    if (opts.stop.aborted) return 130;
    return failed > 0 ? EXIT.failedRequests : EXIT.ok;
  } finally {
    await lock.release();
  }
}

/**
 * A model with `"serve"` gets its server started before it is activated and stopped after its last
 * dataset, whatever ends the model: success, a thrown error, or Ctrl-C (the abort ends the model's
 * loop once the answers in flight are saved; a second Ctrl-C exits, and src/serve kills the group).
 */
async function runServedModel(configured: ResolvedModel, opts: RunOptions): Promise<number> {
  const note = (line: string): void => opts.progressSink.write(`${line}\n`);
  // Re-scoring (--mode eval) loads none of the server, endpoint and inference modules.
  const serveModel = opts.mode === 'eval' ? undefined : (await import('../serve/for-model.js')).serveModel;
  const served = await serveModel?.(configured, { workDir: opts.workDir, stop: opts.stop, note, secrets: opts.secrets });
  try {
    // Ctrl-C while the server was loading: nothing was asked, nothing to score.
    if (opts.stop.aborted) return 0;
    return await runModel(served?.model ?? configured, opts);
  } finally {
    await served?.server.stop();
  }
}

async function runModel(model: ResolvedModel, opts: RunOptions): Promise<number> {
  const concurrency = opts.apiNproc ?? model.concurrency ?? (model.pool.adaptive ? DEFAULT_ADAPTIVE_MAX : DEFAULT_CONCURRENCY);
  const poolLog = (line: string): void => opts.progressSink.write(`${model.name}: ${line}\n`);
  const activateModel = opts.mode === 'eval' ? undefined : (await import('./endpoint.js')).activateModel;
  const active = await activateModel?.(model, concurrency, poolLog);
  if (active !== undefined && opts.verbose) opts.out(describeEndpoint(active, concurrency));
  let failed = 0;
  try {
    for (const dataset of opts.config.datasets) {
      if (opts.stop.aborted) break;
      if (active !== undefined) await inferOne(active, dataset, active.pool.capacity, opts);
      if (opts.mode !== 'infer' && !opts.stop.aborted) {
        const summary = await evaluateDataset(opts.workDir, model.name, dataset, { judge: opts.judge, log: opts.out });
        opts.out(renderSummaryTable(summary));
        failed += summary.counts.failed + summary.counts.judge_failed;
      }
    }
  } finally {
    // Per-endpoint counts end each model whose requests were spread or paced (src/endpoint/pool/report.ts).
    const pool = active?.pool;
    if (pool !== undefined && (pool.members.length > 1 || model.pool.adaptive || opts.verbose)) {
      const { renderEndpointCounts } = await import('../endpoint/pool/report.js');
      opts.out(renderEndpointCounts(model.name, pool.counts()));
    }
    await active?.close();
  }
  return failed;
}

async function inferOne(active: ActiveModel, dataset: ResolvedDataset, concurrency: number, opts: RunOptions): Promise<void> {
  const name = active.model.name;
  const [{ checkStoredShard }, { inShard }, { inferDataset }] = await Promise.all([
    import('../shard/header.js'), import('../shard/assign.js'), import('./infer.js'),
  ]);
  const paths = outputPaths(opts.workDir, name, dataset.name);
  const stored = await readRunHeaderIfAny(paths.header);
  const video = dataset.video === undefined ? undefined : await (await import('./video-input.js')).openVideoInput(dataset.video, process.env, dataset.name, active.imageFiles !== undefined);
  checkStoredShard(paths.header, stored, opts.shard);
  let header: RunHeader = {
    schema: RUN_HEADER_SCHEMA,
    formats: formatsAfter(stored),
    config_hash: opts.config.hash,
    dataset_file: dataset.files,
    dataset_fingerprint: await filesFingerprint(dataset.files),
    settings: { ...active.settings },
    endpoint_model: active.endpointModelId,
    benchmark: dataset.benchmark.id,
    dataset_name: dataset.datasetName,
    circular: dataset.circular,
    extract: dataset.extract?.name ?? null,
    prompt_builder: promptChoice(active.model.promptPolicy, dataset.datasetName, dataset.format === 'tsv').id,
    ...(opts.shard !== undefined ? { shard: shardSetOf(opts.shard) } : {}),
    ...(video !== undefined ? { video: video.header } : {}),
  };
  await writeRunHeader(paths.header, header);
  const store = await PredictionStore.open(paths.predictions);
  const progress = new Progress(`${name} × ${dataset.name}`, opts.progressSink);
  try {
    const stats = await inferDataset({
      active, dataset, store, concurrency, progress, stop: opts.stop,
      ...(opts.verbose ? { onFailure: (line: string) => opts.out(`${line}\n`) } : {}),
      onNotice: (line: string) => opts.out(`${line}\n`),
      ...(opts.shard !== undefined ? { include: inShard(opts.shard, dataset) } : {}),
      ...(video !== undefined ? { video } : {}),
    });
    if (video !== undefined) {
      const v = video.stats;
      const sets = v.hits + v.misses;
      opts.out(`${name} × ${dataset.name}: video frames: ${v.misses} set(s) extracted by ffmpeg, ${v.hits} found in the cache${sets > 0 ? ` (hit rate ${((100 * v.hits) / sets).toFixed(1)}%)` : ''}, ${v.hashed} video(s) hashed\n`);
    }
    if (!opts.stop.aborted) {
      header = { ...header, dataset_rows: stats.total };
      await writeRunHeader(paths.header, header);
    }
  } finally {
    progress.finish();
    await store.close();
  }
}

function describeEndpoint(active: ActiveModel, concurrency: number): string {
  const { model, ...settings } = active.settings;
  const where = active.pool.members.length > 1 ? `${active.pool.members.length} endpoints (${active.pool.members.map((m) => m.label).join(', ')})` : active.baseURL;
  return `${active.model.name}: ${active.model.className} → ${where} serving "${model}" (${active.serverKind || 'unknown server'}), ` +
    `${concurrency} concurrent${active.model.pool.adaptive ? ' at most (adaptive)' : ''}${active.pool.members.length > 1 ? ' per endpoint' : ''}, ${active.model.tries} tries, timeout ${active.model.timeoutMs / 1000}s, settings ${JSON.stringify(settings)}\n`;
}
