/**
 * Figure 9: a generated video set (VSI-Bench's Parquet schema, `<dataset>/<scene>.mp4`) asked with
 * 32 frames per question against the mock at 0 ms. 9a: the first run (every frame set extracted by
 * ffmpeg, every video hashed once); 9b: a second run on a fresh work dir with the same frame cache
 * (all hits); 9c: the first run on an eighth of the set, so the peak RSS of 9a can be compared with
 * it (memory stays flat when the two are close). Frames/s counts frames sent in requests.
 *
 * The videos are one ffmpeg encode (testsrc2, 640×480, 30 fps, high bitrate) remuxed under a
 * different title per scene: distinct bytes (so distinct content hashes and frame sets), the same
 * frames, written at disk speed.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MODEL, SERVED_MODEL_ID } from './data.js';
import { field, writeParquetGroups } from './synthetic-parquet.js';
import type { CliRun, MockProcess } from './proc.js';
import { fmt } from './table.js';
import type { BenchContextBase } from './context.js';
import { outputPaths } from '../src/workdir/paths.js';

export interface VideoBenchContext extends BenchContextBase {
  readonly mock: (latencyMs: number, extraArgs?: readonly string[]) => Promise<MockProcess>;
  readonly figure: (name: string, body: () => Promise<void>) => Promise<void>;
}

export interface VideoBenchSizes {
  /** Total bytes of the generated video set. */
  readonly videoSetBytes: number;
  /** Questions per video. */
  readonly questionsPerVideo: number;
}

const NFRAME = 32;
const SECONDS = 60;

/** One encode, then remuxed copies with distinct bytes; returns the scene names. */
async function makeVideoSet(dir: string, totalBytes: number): Promise<{ scenes: string[]; bytes: number }> {
  const base = join(dir, 'base.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=640x480:r=30:d=${SECONDS}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-b:v', '16M', '-pix_fmt', 'yuv420p', base]);
  const size = (await stat(base)).size;
  const count = Math.max(1, Math.round(totalBytes / size));
  await mkdir(join(dir, 'scannet'), { recursive: true });
  const scenes: string[] = [];
  for (let k = 0; k < count; k++) {
    const scene = `scene${String(k).padStart(4, '0')}_00`;
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', base, '-c', 'copy', '-metadata', `title=${scene}`, join(dir, 'scannet', `${scene}.mp4`)]);
    scenes.push(scene);
  }
  await rm(base);
  return { scenes, bytes: size * count };
}

async function writeQuestions(file: string, scenes: readonly string[], perVideo: number): Promise<number> {
  const fields = [field.int64('id'), ...['dataset', 'scene_name', 'question_type', 'question'].map(field.string), field.list('options', field.string), field.string('ground_truth')];
  const rows = scenes.flatMap((scene, v) =>
    Array.from({ length: perVideo }, (_, q) => ({
      id: BigInt(v * perVideo + q),
      dataset: 'scannet',
      scene_name: scene,
      question_type: q % 2 === 0 ? 'object_counting' : 'object_rel_distance',
      question: `How many chairs are in the room? (${v}.${q})`,
      options: q % 2 === 0 ? null : ['A. table', 'B. bed', 'C. sofa', 'D. lamp'],
      ground_truth: q % 2 === 0 ? '4' : 'B',
    })),
  );
  await writeParquetGroups(file, { fields }, [rows]);
  return rows.length;
}

async function writeVideoConfig(dir: string, url: string, cacheDir: string): Promise<void> {
  const config = {
    model: { [MODEL]: { class: 'OpenAIWrapper', model: SERVED_MODEL_ID, api_base: url, img_size: -1, retry: 1, max_tokens: 16, temperature: 0 } },
    data: { VSI: { class: 'VsiBench', dataset: 'VSI-Bench', path: join(dir, 'test-00000-of-00001.parquet'), video: { frames: 'linspace', nframe: NFRAME, cache_dir: cacheDir } } },
  };
  await writeFile(join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

interface VideoRun {
  readonly run: CliRun;
  readonly ok: number;
  readonly failed: number;
  readonly cacheLine: string;
  readonly hitRate: number;
}

async function measure(ctx: VideoBenchContext, dir: string): Promise<VideoRun> {
  const work = join(dir, 'work');
  await rm(work, { recursive: true, force: true });
  const run = await ctx.harness(dir, ['--mode', 'infer', '--api-nproc', '16'], { timeoutMs: 3_600_000 });
  const counts = await ctx.storeCounts(outputPaths(work, MODEL, 'VSI').predictions);
  const cacheLine = run.stdout.split('\n').find((l) => l.includes('video frames:')) ?? '';
  const m = /(\d+) set\(s\) extracted by ffmpeg, (\d+) found in the cache/.exec(cacheLine);
  const hits = Number(m?.[2] ?? 0);
  const misses = Number(m?.[1] ?? 0);
  return { run, ...counts, cacheLine, hitRate: hits + misses > 0 ? hits / (hits + misses) : Number.NaN };
}

export async function figureVideoSet(ctx: VideoBenchContext, sizes: VideoBenchSizes): Promise<void> {
  const dir = await ctx.newDir('video');
  const small = await ctx.newDir('video-small');
  const m = await ctx.mock(0);
  try {
    const { scenes, bytes } = await makeVideoSet(dir, sizes.videoSetBytes);
    const questions = await writeQuestions(join(dir, 'test-00000-of-00001.parquet'), scenes, sizes.questionsPerVideo);
    await writeVideoConfig(dir, `${m.url}/chat/completions`, join(dir, 'frames'));
    const first = await measure(ctx, dir);
    const second = await measure(ctx, dir);
    // An eighth of the set (its own cache): the peak RSS of a run an eighth as long.
    const eighth = scenes.slice(0, Math.max(1, Math.round(scenes.length / 8)));
    await mkdir(join(small, 'scannet'), { recursive: true });
    for (const s of eighth) execFileSync('cp', [join(dir, 'scannet', `${s}.mp4`), join(small, 'scannet', `${s}.mp4`)]);
    await writeQuestions(join(small, 'test-00000-of-00001.parquet'), eighth, sizes.questionsPerVideo);
    await writeVideoConfig(small, `${m.url}/chat/completions`, join(small, 'frames'));
    const part = await measure(ctx, small);
    const frameSets = (await readdir(join(dir, 'frames', 'frames'))).length;
    const row = (label: string, r: VideoRun, set: string, goal: string): void => {
      const framesSent = r.ok * NFRAME;
      const seconds = r.run.wallMs / 1000;
      ctx.rows.push({
        figure: `9${label}`,
        measured: `${fmt.n(framesSent / seconds)} frames/s, peak RSS ${fmt.mb(r.run.probe?.maxRssKb ?? 0)}, cache hit rate ${fmt.n(100 * r.hitRate, 1)}%`,
        goal,
        verdict: 'info',
        notes: `${set}; ${fmt.n(r.ok)} ok, ${r.failed} failed in ${fmt.s(r.run.wallMs)} (start-up, hashing and decoding included); ${r.cacheLine.replace(/^.*video frames: /, '')}`,
      });
    };
    const set = `${scenes.length} videos, ${fmt.mb(bytes / 1024)} (${SECONDS} s 640×480 each), ${fmt.n(questions)} questions × ${NFRAME} frames`;
    row('a. video set, first run (frames extracted, videos hashed)', first, set, 'report');
    row('b. same set, second run (frame cache present)', second, set, 'hit rate 100%');
    row('c. an eighth of the set, first run (compare its peak RSS with 9a: flat memory)', part, `${eighth.length} videos`, 'RSS ≈ 9a');
    ctx.detail(`9. video set (${set}, mock 0 ms, --api-nproc 16)`, [
      `frame sets in the cache after the runs: ${frameSets}`,
      `peak RSS: first run ${fmt.mb(first.run.probe?.maxRssKb ?? 0)}, second ${fmt.mb(second.run.probe?.maxRssKb ?? 0)}, eighth of the set ${fmt.mb(part.run.probe?.maxRssKb ?? 0)} (the harness process; ffmpeg runs as its own child processes)`,
    ]);
  } finally {
    await ctx.stopMock(m);
    await rm(dir, { recursive: true, force: true });
    await rm(small, { recursive: true, force: true });
  }
}
