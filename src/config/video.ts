/**
 * A data entry's `"video"` resolved: the frame sampling (the config's, else the benchmark's default
 * for the dataset name: VLMEvalKit's `_32frame` / `_2fps` names say it), how frames travel, and
 * where they are kept. Only benchmarks whose rows name videos take it.
 */
import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import type { Benchmark } from '../benchmark/types.js';
import type { FrameSampling } from '../data/video/indices.js';
import { lmuDataRoot, type Env } from '../data/locate.js';
import type { DataEntry } from './schema.js';

export interface VideoSettings {
  readonly sampling: FrameSampling;
  /** `frames`: sampled frames as images; `video_url`: the file itself, the server samples. */
  readonly send: 'frames' | 'video_url';
  readonly maxSide: number | undefined;
  /** Overrides the folder the rows' paths are relative to. */
  readonly root: string | undefined;
  readonly cacheDir: string;
}

/** Frames a video benchmark sends when neither it nor the config says (lmms-eval's and the authors' 32). */
const DEFAULT_NFRAME = 32;

export function resolveVideo(name: string, entry: DataEntry, benchmark: Benchmark, datasetName: string, env: Env, configDir: string): VideoSettings | undefined {
  const given = entry.video;
  if (benchmark.video === undefined) {
    if (given !== undefined) throw new InputError(`dataset '${name}': "video" is set, but ${benchmark.title} has no videos; remove it`);
    return undefined;
  }
  const base = benchmark.video.sampling(datasetName);
  const kind = given?.frames ?? base.kind;
  const byRate = kind === 'fps' || kind === 'fps_no_tail';
  if (!byRate && given?.fps !== undefined) throw new InputError(`dataset '${name}': "video"."fps" is for "frames": "fps"; use "nframe" with "${kind}"`);
  if (byRate && given?.nframe !== undefined) throw new InputError(`dataset '${name}': "video"."nframe" does not apply to "frames": "${kind}"; set "fps"`);
  const baseFps = base.kind === 'fps' || base.kind === 'fps_no_tail' ? base.fps : undefined;
  const baseNframe = base.kind === 'fps' || base.kind === 'fps_no_tail' ? DEFAULT_NFRAME : base.nframe;
  const sampling: FrameSampling = byRate ? { kind, fps: given?.fps ?? baseFps ?? 1 } : { kind, nframe: given?.nframe ?? baseNframe };
  const local = (p: string): string => (isAbsolute(p) ? p : resolve(configDir, p));
  return {
    sampling,
    send: given?.send ?? 'frames',
    maxSide: given?.max_side,
    root: given?.root !== undefined ? local(given.root) : undefined,
    cacheDir: given?.cache_dir !== undefined ? local(given.cache_dir) : join(lmuDataRoot(env), 'video-frames'),
  };
}
