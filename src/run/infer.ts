import PQueue from 'p-queue';
import type { Sample } from '../core/types.js';
import type { PredictionRecord } from '../workdir/records.js';
import { DataError } from '../core/errors.js';
import { LengthRefusals } from './length-refusals.js';
import type { ResolvedDataset } from '../config/data.js';
import { streamSamples } from '../data/samples.js';
import { buildRequest, type BuiltRequest } from '../request/build.js';
import { promptChoice } from '../prompt/index.js';
import type { PoolOutcome } from '../endpoint/pool/pool.js';
import type { PredictionStore } from '../store/predictions.js';
import { postProcess } from './post-process.js';
import type { ActiveModel } from './endpoint.js';
import type { Progress } from './progress.js';
import type { VideoInput } from './video-input.js';
import { VideoReadError } from '../data/video/ffmpeg.js';

export interface InferStats {
  readonly total: number;
  readonly skipped: number;
  readonly asked: number;
  readonly ok: number;
  readonly failed: number;
}

export interface InferOptions {
  readonly active: ActiveModel;
  readonly dataset: ResolvedDataset;
  readonly store: PredictionStore;
  readonly concurrency: number;
  readonly progress: Progress;
  /** Aborted on Ctrl-C: no new requests start; in-flight ones finish and are saved. */
  readonly stop: AbortSignal;
  /** Called with a line the user must see (e.g. why requests were refused), always printed. */
  readonly onNotice?: (line: string) => void;
  /** Called with one line per failed request (--verbose). */
  readonly onFailure?: (line: string) => void;
  /** Samples this run evaluates (`--shard`): the others are neither asked nor counted. */
  readonly include?: (sample: Sample) => boolean;
  /** For a dataset whose rows name videos: turns them into frames or video URLs. */
  readonly video?: VideoInput;
}

/**
 * Streams the dataset, asks every item not already answered with the same prompt and settings,
 * and appends each answer to the store as it arrives. At most `concurrency` requests are in flight
 * and at most as many samples wait, so memory does not grow with the dataset.
 */
export async function inferDataset(opts: InferOptions): Promise<InferStats> {
  const { active, dataset, store, progress } = opts;
  const prompt = promptChoice(active.model.promptPolicy, dataset.datasetName, dataset.format === 'tsv');
  const lengths = new LengthRefusals(active.model.name, active.settings.max_tokens);
  const queue = new PQueue({ concurrency: opts.concurrency });
  const seen = new Set<string>();
  const unreadable = new Set<string>();
  const stats = { total: 0, skipped: 0, asked: 0, ok: 0, failed: 0 };
  let writeError: unknown;
  // On Ctrl-C, prepared requests that have not started are dropped (the next run asks them);
  // only those already in flight finish and are saved.
  const dropQueued = (): void => queue.clear();
  opts.stop.addEventListener('abort', dropQueued, { once: true });
  try {
    await feed();
  } finally {
    // Whatever stops the stream (end, Ctrl-C, a bad row), answers already in flight are saved.
    await queue.onIdle();
    opts.stop.removeEventListener('abort', dropQueued);
  }
  if (writeError !== undefined) throw writeError;
  const hint = lengths.summary(dataset.name);
  if (hint !== undefined) opts.onNotice?.(hint);
  return stats;

  /**
   * A video that cannot be read fails its row, kept apart from wrong answers and asked again by the
   * next run; its file is named once however many questions it has.
   */
  async function recordUnreadable(sample: Sample, err: VideoReadError): Promise<void> {
    const { body: _unsent, ...meta } = buildRequest(sample, active.settings);
    if (!unreadable.has(err.file)) {
      unreadable.add(err.file);
      opts.onNotice?.(`${dataset.name}: ${err.message}; its questions are recorded as failed and asked again by the next run`);
    }
    const outcome: PoolOutcome = { status: 'failed', attempts: 0, latency_ms: 0, error: err.message, error_kind: 'permanent' };
    await store.append(toRecord(withoutImages(sample), meta, outcome, active));
    stats.asked++;
    stats.failed++;
    progress.addPending();
    progress.done(false, err.message);
  }

  async function feed(): Promise<void> {
  const samples = streamSamples(dataset.benchmark, dataset, { onPosition: (done, total) => progress.position(done, total) });
  for await (const { sample, row } of samples) {
    if (opts.stop.aborted || writeError !== undefined) break;
    if (seen.has(sample.index)) {
      throw new DataError(row.file, { row: row.rowNumber, column: 'index' }, `duplicate index '${sample.index}'; every row needs its own index`);
    }
    seen.add(sample.index);
    if (opts.include?.(sample) === false) continue;
    stats.total++;
    let built = prompt.apply(sample);
    if (opts.video !== undefined) {
      try {
        built = await opts.video.expand(built);
      } catch (err) {
        if (!(err instanceof VideoReadError)) throw err;
        await recordUnreadable(built, err);
        continue;
      }
    }
    const request = buildRequest(built, active.settings, active.imageFiles?.urlOf);
    if (store.isDone(sample.index, request.promptHash)) {
      stats.skipped++;
      progress.skip();
      continue;
    }
    stats.asked++;
    progress.addPending();
    // A few prepared requests wait beside those in flight: enough to keep the endpoint busy,
    // few enough that their images do not pile up in memory.
    await queue.onSizeLessThan(Math.min(opts.concurrency, LOOKAHEAD));
    // Images by path: the copies are written while the feed reads on; the request waits for them.
    const copied = active.imageFiles?.prepare(built);
    copied?.catch(() => undefined);
    const asked = withoutImages(sample);
    // Serialised now, while requests wait their turn, so a slot that frees up sends at once; the
    // body object (and its image strings) is not kept beside its JSON.
    const { body, ...meta } = request;
    const send = active.pool.prepare(body);
    void queue.add(async () => {
      // A copy that cannot be made (or a server that may not read copies) ends the run, unrecorded.
      if (copied !== undefined) {
        try {
          await copied;
        } catch (err) {
          writeError ??= err;
          queue.clear();
          return;
        }
      }
      const outcome = await send();
      try {
        await store.append(toRecord(asked, meta, outcome, active));
      } catch (err) {
        writeError ??= err;
      }
      if (outcome.status === 'ok') stats.ok++;
      else {
        stats.failed++;
        const refusal = lengths.failed(outcome, stats.ok);
        if (refusal !== undefined) {
          writeError ??= refusal;
          // Every waiting request would be refused alike: they are not sent (the next run asks them).
          queue.clear();
        }
        opts.onFailure?.(`${dataset.name} index ${asked.index}: failed after ${outcome.attempts} attempt(s): ${outcome.error}`);
      }
      progress.done(outcome.status === 'ok', outcome.status === 'failed' ? outcome.error : undefined);
    });
  }
  }
}

const LOOKAHEAD = 8;

/** What the record needs of a sample once its request is built: not the image bytes. */
function withoutImages(sample: Sample): Omit<Sample, 'parts'> {
  return { index: sample.index, choices: sample.choices, answer: sample.answer, fields: sample.fields };
}

function toRecord(sample: Omit<Sample, 'parts'>, request: Omit<BuiltRequest, 'body'>, outcome: PoolOutcome, active: ActiveModel): PredictionRecord {
  const base = {
    index: sample.index,
    prompt_hash: request.promptHash,
    settings_hash: request.settingsHash,
    question_hash: request.questionHash,
    attempts: outcome.attempts,
    latency_ms: outcome.latency_ms,
    // Which of several servers answered (its URL without credentials); absent with one endpoint.
    ...(outcome.endpoint !== undefined ? { endpoint: outcome.endpoint } : {}),
    time: new Date().toISOString(),
    question: request.texts.join('\n'),
    answer: sample.answer,
    choices: sample.choices,
    fields: sample.fields,
  };
  if (outcome.status === 'failed') {
    return {
      ...base,
      status: 'failed',
      prediction: '',
      error: outcome.error,
      error_kind: outcome.error_kind,
      ...(outcome.http_status !== undefined ? { http_status: outcome.http_status } : {}),
      finish_reason: null,
      usage: null,
    };
  }
  const prediction = postProcess(active.model.postProcess, outcome.content);
  return {
    ...base,
    status: 'ok',
    prediction,
    ...(prediction !== outcome.content ? { raw_prediction: outcome.content } : {}),
    ...(outcome.reasoning !== undefined ? { reasoning: outcome.reasoning } : {}),
    finish_reason: outcome.finish_reason,
    usage: outcome.usage,
    endpoint_model: outcome.model || active.endpointModelId,
  };
}
