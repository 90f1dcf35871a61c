/**
 * Frames taken by the real ffmpeg from tiny real MP4s the test makes: the probe's frame count is
 * the one ffprobe decodes, the cache holds exactly the frames the formula names (each JPEG shows
 * the source frame its index says), a second run finds them, and bad videos are VideoReadErrors
 * naming the file.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findVideoTools, probeVideo, VideoReadError, type VideoTools } from '../../../src/data/video/ffmpeg.js';
import { FrameCache } from '../../../src/data/video/frame-cache.js';
import { frameIndices, type FrameSampling } from '../../../src/data/video/indices.js';
import { InputError } from '../../../src/core/errors.js';
import { damagedVideo, decodedFrameCount, frameNumbersOf, makeVideo } from './fixtures.js';

const VIDEOS = [
  { name: 'short', frames: 30, rate: '10', fps: 10 },
  { name: 'ntsc', frames: 97, rate: '30000/1001', fps: 30000 / 1001 },
  { name: 'film', frames: 241, rate: '24', fps: 24 },
] as const;
const SAMPLINGS: readonly FrameSampling[] = [
  { kind: 'uniform_tail', nframe: 8 }, { kind: 'uniform_tail', nframe: 32 },
  { kind: 'linspace', nframe: 16 }, { kind: 'linspace', nframe: 64 },
  { kind: 'fps', fps: 1 }, { kind: 'fps', fps: 2 },
];

let dir: string;
let tools: VideoTools;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-video-'));
  tools = findVideoTools(process.env, 'the test');
  for (const v of VIDEOS) makeVideo(join(dir, `${v.name}.mp4`), v);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('video frames by ffmpeg', () => {
  it.each(VIDEOS)('probes $name: the frame count ffprobe decodes, the stream\'s average rate', async (v) => {
    const file = join(dir, `${v.name}.mp4`);
    const shape = await probeVideo(tools, file);
    expect(shape.frames).toBe(decodedFrameCount(file));
    expect(shape.frames).toBe(v.frames);
    expect(shape.fps).toBe(v.fps);
  });

  it.each(VIDEOS)('extracts exactly the frames each sampling names from $name, once', async (v) => {
    const file = join(dir, `${v.name}.mp4`);
    const cache = await FrameCache.open(join(dir, `cache-${v.name}`), tools, { maxSide: undefined });
    const keys = new Set<string>();
    for (const sampling of SAMPLINGS) {
      const frames = await cache.framesOf(file, sampling);
      const expected = frameIndices(sampling, { frames: decodedFrameCount(file), fps: v.fps });
      expect(frames.indices).toEqual(expected);
      expect(frames.files).toHaveLength(expected.length);
      // Each JPEG shows the source frame its index names.
      expect(frameNumbersOf(frames.files), `${v.name} ${sampling.kind}`).toEqual(expected);
      keys.add([...new Set(expected)].join(','));
    }
    // Samplings that name the same frames (64 of a 30-frame video by linspace is all 30, as 32 by uniform_tail) share them.
    expect(cache.stats).toEqual({ hits: SAMPLINGS.length - keys.size, misses: keys.size, hashed: 1 });
    // Asked again (a second question on the same video), and by a new run: found, nothing decoded or hashed.
    for (const sampling of SAMPLINGS) await cache.framesOf(file, sampling);
    const again = await FrameCache.open(join(dir, `cache-${v.name}`), tools, { maxSide: undefined });
    for (const sampling of SAMPLINGS) await again.framesOf(file, sampling);
    expect(cache.stats).toEqual({ hits: 2 * SAMPLINGS.length - keys.size, misses: keys.size, hashed: 1 });
    expect(again.stats).toEqual({ hits: SAMPLINGS.length, misses: 0, hashed: 0 });
    const folders = await readdir(join(dir, `cache-${v.name}`, 'frames'));
    expect(folders.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keys frames on the content: a copy of a video under another name reuses them', async () => {
    const cacheDir = join(dir, 'cache-copy');
    const cache = await FrameCache.open(cacheDir, tools, { maxSide: undefined });
    await cache.framesOf(join(dir, 'short.mp4'), { kind: 'linspace', nframe: 4 });
    await writeFile(join(dir, 'copy.mp4'), await import('node:fs/promises').then((fs) => fs.readFile(join(dir, 'short.mp4'))));
    await cache.framesOf(join(dir, 'copy.mp4'), { kind: 'linspace', nframe: 4 });
    expect(cache.stats).toEqual({ hits: 1, misses: 1, hashed: 2 });
  });

  it('scales frames to fit max_side as another set of frames', async () => {
    const cache = await FrameCache.open(join(dir, 'cache-small'), tools, { maxSide: 16 });
    const frames = await cache.framesOf(join(dir, 'short.mp4'), { kind: 'linspace', nframe: 2 });
    expect(frames.files).toHaveLength(2);
    expect(frames.files).toHaveLength(2);
  });

  it('names a missing, a damaged and a too-short video in one VideoReadError each', async () => {
    const cache = await FrameCache.open(join(dir, 'cache-bad'), tools, { maxSide: undefined });
    const missing = join(dir, 'nowhere.mp4');
    await expect(cache.framesOf(missing, { kind: 'linspace', nframe: 4 })).rejects.toThrow(new VideoReadError(missing, 'not found'));
    const damaged = join(dir, 'damaged.mp4');
    damagedVideo(damaged, join(dir, 'film.mp4'));
    const err = await cache.framesOf(damaged, { kind: 'linspace', nframe: 4 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VideoReadError);
    expect(String(err)).toContain(`video ${damaged}: `);
    expect(String(err)).not.toContain('\n');
    await expect(cache.framesOf(join(dir, 'short.mp4'), { kind: 'fps', fps: 0.25 })).rejects.toThrow(/shorter than one frame at 0.25 fps/);
  });

  it('names ffmpeg when it is not on PATH', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'actial-nopath-'));
    try {
      expect(() => findVideoTools({ PATH: empty }, "dataset 'VSI'")).toThrow(InputError);
      expect(() => findVideoTools({ PATH: empty }, "dataset 'VSI'")).toThrow(/^ffmpeg not found on PATH: it is needed to read the video frames of dataset 'VSI'; install Debian's ffmpeg package/);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
