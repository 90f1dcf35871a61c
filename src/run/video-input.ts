/**
 * Video parts of a sample become what is sent: the sampled frames as JPEG images (from the frame
 * cache, read one question at a time, so memory holds one question's frames and never a video's),
 * or the video itself as a `video_url` for servers that sample frames themselves (vLLM for
 * Qwen2.5-VL): a `file://` URL with the file transport, else a base64 data URL.
 */
import { execFileSync } from 'node:child_process';
import { readFile, realpath } from 'node:fs/promises';
import { extname, isAbsolute, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PromptPart, Sample, VideoRef } from '../core/types.js';
import type { VideoSettings } from '../config/video.js';
import type { Env } from '../data/locate.js';
import { FrameCache, type FrameCacheStats } from '../data/video/frame-cache.js';
import { findVideoTools, VideoReadError, type VideoTools } from '../data/video/ffmpeg.js';
import { samplingLabel } from '../data/video/indices.js';

export interface VideoInput {
  /** The sample with each video part replaced; throws VideoReadError for a missing or damaged video. */
  expand(sample: Sample): Promise<Sample>;
  readonly stats: FrameCacheStats;
  /** What the run header records of it. */
  readonly header: VideoHeader;
}

export interface VideoHeader {
  readonly sampling: string;
  readonly send: 'frames' | 'video_url';
  readonly max_side: number | null;
  readonly ffmpeg: string;
}

/** The file a video part names, under the config's root when it gives one. */
export function videoPath(ref: VideoRef, root: string | undefined): string {
  return isAbsolute(ref.file) ? ref.file : join(root ?? ref.base, ref.file);
}

export async function openVideoInput(settings: VideoSettings, env: Env, datasetName: string, fileTransport: boolean): Promise<VideoInput> {
  const tools = findVideoTools(env, `dataset '${datasetName}'`);
  const cache = await FrameCache.open(settings.cacheDir, tools, { maxSide: settings.maxSide });
  const header: VideoHeader = { sampling: samplingLabel(settings.sampling), send: settings.send, max_side: settings.maxSide ?? null, ffmpeg: ffmpegVersion(tools) };
  const expandPart = async (part: PromptPart): Promise<PromptPart[]> => {
    if (part.kind !== 'video') return [part];
    const file = videoPath(part.video, settings.root);
    if (settings.send === 'video_url') return [await videoUrlPart(part.video, file, fileTransport, (await cache.identify(file)).sha256)];
    const frames = await cache.framesOf(file, settings.sampling);
    const parts: PromptPart[] = [];
    for (const frame of frames.files) {
      const data = await readFile(frame).catch(() => {
        throw new VideoReadError(file, `its cached frame ${frame} cannot be read; delete that folder and run again`);
      });
      parts.push({ kind: 'image', image: { data, mime: 'image/jpeg' } });
    }
    return parts;
  };
  return {
    stats: cache.stats,
    header,
    expand: async (sample) => {
      if (!sample.parts.some((p) => p.kind === 'video')) return sample;
      const parts: PromptPart[] = [];
      for (const part of sample.parts) parts.push(...(await expandPart(part)));
      return { ...sample, parts };
    },
  };
}

/** The whole video, for a server that samples its frames: by path, or its bytes as base64. */
async function videoUrlPart(ref: VideoRef, file: string, fileTransport: boolean, sha256: string): Promise<PromptPart> {
  const real = await realpath(file);
  const url = fileTransport ? pathToFileURL(real).href : `data:${videoMime(real)};base64,${(await readFile(real)).toString('base64')}`;
  return { kind: 'video', video: { ...ref, sent: { url, sha256 } } };
}

/** The type a data URL names, from the file's extension (vLLM's video loader reads the bytes either way). */
function videoMime(file: string): string {
  const ext = extname(file).slice(1).toLowerCase();
  return ext === 'webm' ? 'video/webm' : ext === 'mkv' ? 'video/x-matroska' : ext === 'avi' ? 'video/x-msvideo' : ext === 'mov' ? 'video/quicktime' : 'video/mp4';
}

function ffmpegVersion(tools: VideoTools): string {
  try {
    const first = execFileSync(tools.ffmpeg, ['-version'], { stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000 }).toString().split('\n')[0] ?? '';
    return /^ffmpeg version (\S+)/.exec(first)?.[1] ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
