/**
 * ffmpeg and ffprobe as child processes: the only video decoder the harness uses (no JavaScript
 * decoder). They are looked up on PATH once; a missing one is one line naming it and how to get it.
 * Frames are written by ffmpeg straight to files, so no decoded frame passes through this process.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { InputError } from '../../core/errors.js';
import type { Env } from '../locate.js';
import type { VideoShape } from './indices.js';

export interface VideoTools {
  readonly ffmpeg: string;
  readonly ffprobe: string;
}

/** A video that cannot be read (missing, damaged, no video stream): the row fails, the run goes on. */
export class VideoReadError extends Error {
  constructor(
    readonly file: string,
    readonly why: string,
  ) {
    super(`video ${file}: ${why}`);
    this.name = 'VideoReadError';
  }
}

const INSTALL = "install Debian's ffmpeg package (`sudo apt-get install ffmpeg`; `node scripts/ffmpeg.mjs` does it when it may)";

function onPath(name: string, env: Env): string | undefined {
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    if (dir === '') continue;
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      if (statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** Finds both programs, or throws one line naming the missing one (exit 2). */
export function findVideoTools(env: Env, needFor: string): VideoTools {
  const ffmpeg = onPath('ffmpeg', env);
  const ffprobe = onPath('ffprobe', env);
  for (const [name, path] of [['ffmpeg', ffmpeg], ['ffprobe', ffprobe]] as const) {
    if (path === undefined) throw new InputError(`${name} not found on PATH: it is needed to read the video frames of ${needFor}; ${INSTALL}`);
  }
  return { ffmpeg: ffmpeg as string, ffprobe: ffprobe as string };
}

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a program to its end; only its text output (small) is kept. */
function run(program: string, args: readonly string[]): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      // An error message is short; a flood of warnings is cut so it cannot fill memory.
      if (stderr.length < 8192) stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The last meaningful line ffmpeg printed: what the user sees for a damaged file. */
function lastLine(stderr: string): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l !== '');
  return lines[lines.length - 1] ?? 'no message';
}

/** A rational such as `30000/1001`, as the double decord's av_q2d gives. */
function rational(text: string | undefined): number {
  const [num, den] = (text ?? '').split('/').map(Number);
  if (num === undefined || !Number.isFinite(num)) return Number.NaN;
  if (den === undefined) return num;
  return den === 0 ? Number.NaN : num / den;
}

/**
 * Frame count and average frame rate of the first video stream, as decord reports them: the
 * container's frame count when it has one, else the packets counted (no decoding either way).
 */
export async function probeVideo(tools: VideoTools, file: string): Promise<VideoShape> {
  const entries = ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=nb_frames,avg_frame_rate,r_frame_rate', '-of', 'json'];
  let info = await probe(tools, file, entries);
  let frames = Number(info.nb_frames);
  if (!Number.isInteger(frames) || frames < 1) {
    info = await probe(tools, file, [...entries.slice(0, 5), 'stream=nb_read_packets,avg_frame_rate,r_frame_rate', '-count_packets', '-of', 'json']);
    frames = Number(info.nb_read_packets);
  }
  if (!Number.isInteger(frames) || frames < 1) throw new VideoReadError(file, 'ffprobe found no frames in its video stream');
  let fps = rational(info.avg_frame_rate);
  if (!(fps > 0)) fps = rational(info.r_frame_rate);
  return { frames, fps };
}

interface StreamInfo {
  readonly nb_frames?: string;
  readonly nb_read_packets?: string;
  readonly avg_frame_rate?: string;
  readonly r_frame_rate?: string;
}

async function probe(tools: VideoTools, file: string, args: readonly string[]): Promise<StreamInfo> {
  const ran = await run(tools.ffprobe, [...args, '--', file]);
  if (ran.code !== 0) throw new VideoReadError(file, `ffprobe cannot read it (${lastLine(ran.stderr)})`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(ran.stdout);
  } catch {
    throw new VideoReadError(file, 'ffprobe printed no JSON');
  }
  const streams = typeof parsed === 'object' && parsed !== null && 'streams' in parsed ? parsed.streams : undefined;
  const first: unknown = Array.isArray(streams) ? streams[0] : undefined;
  if (typeof first !== 'object' || first === null) throw new VideoReadError(file, 'it has no video stream');
  const text = (key: string): string | undefined => {
    const v: unknown = (first as Record<string, unknown>)[key];
    return typeof v === 'string' ? v : undefined;
  };
  return { nb_frames: text('nb_frames'), nb_read_packets: text('nb_read_packets'), avg_frame_rate: text('avg_frame_rate'), r_frame_rate: text('r_frame_rate') };
}

/** How frames are written: JPEG at ffmpeg's quality 2, optionally scaled to fit `maxSide`. */
export interface FrameEncoding {
  readonly maxSide: number | undefined;
}

/** Encoder settings in a cache key: a change of them is another set of frames. */
export function encodingKey(e: FrameEncoding): string {
  return `mjpeg-q2${e.maxSide !== undefined ? `-fit${e.maxSide}` : ''}`;
}

/**
 * Decodes the video once, front to back, and writes the frames whose decode order number is in
 * `indices` (sorted, distinct) as `dir/<k>.jpg`, k = 1, 2, … in that order. ffmpeg's own memory is
 * a few frames whatever the video's length. Fewer frames than asked (the index is past the frames
 * the file really holds) is a damaged video.
 */
export async function extractFrames(tools: VideoTools, file: string, indices: readonly number[], dir: string, encoding: FrameEncoding): Promise<void> {
  const select = `select='${indices.map((i) => `eq(n\\,${i})`).join('+')}'`;
  const scale = encoding.maxSide !== undefined ? `,scale=w='min(iw,${encoding.maxSide})':h='min(ih,${encoding.maxSide})':force_original_aspect_ratio=decrease` : '';
  const args = ['-v', 'error', '-nostdin', '-i', file, '-vf', `${select}${scale}`, '-vsync', '0', '-an', '-c:v', 'mjpeg', '-q:v', '2', '-f', 'image2', join(dir, '%d.jpg')];
  const ran = await run(tools.ffmpeg, args);
  if (ran.code !== 0) throw new VideoReadError(file, `ffmpeg cannot decode it (${lastLine(ran.stderr)})`);
}
