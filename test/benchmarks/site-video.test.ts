/**
 * SITE video split: VLMEvalKit's SiteBenchVideo TSV in its schema (`candidates`, `video_path`), tiny
 * real MP4s made by ffmpeg, the CLI asking the embedded mock. Each request carries the frames
 * VLMEvalKit's SiteBenchVideo.save_video_frames names (`np.linspace(0, N − 1, nframe, dtype=int)`,
 * no clamp: the mock counts 256 prompt tokens per image) and its build_prompt's exact text; every
 * reported number is recomputed from the stored predictions with the image split's formulas
 * (site-formulas.ts), which are the video split's too.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SITE_CATEGORIES } from '../../benchmarks/site.js';
import { makeVideo } from '../data/video/fixtures.js';
import { errorLines, MOCK_MODEL, pyList, runDataset, tempDir, writeTsv } from './helpers.js';
import { metricsMismatch, readOutputs } from './run-cli.js';
import { expectedMetrics } from './site-formulas.js';

const PRE = 'Select the best answer to the following multiple-choice question based on the video. Respond with only the letter of the correct option.';
const POST = 'Give me the answer letter directly. The best answer is:';
const VIDEOS = [
  { file: 'videos/scene_a.mp4', frames: 20, rate: '10' },
  { file: 'videos/scene_b.mp4', frames: 75, rate: '30000/1001' },
] as const;
const OPTION_POOL = ['the chair', 'the sofa', 'the lamp', 'the door', 'the bed'];
const COLUMNS = ['index', 'question', 'candidates', 'answer', 'category', 'video_path'] as const;
type Row = Record<(typeof COLUMNS)[number] | 'n', string>;

function rows(count: number): Row[] {
  return Array.from({ length: count }, (_, i) => {
    const n = 2 + (i % 4);
    const video = (VIDEOS[i % 2] as (typeof VIDEOS)[number]).file;
    return {
      index: String(i),
      question: ` Which object is closest to the camera at the end of clip ${i}?`,
      candidates: pyList(OPTION_POOL.slice(0, n)),
      answer: 'ABCDE'[(i * 3) % n] as string,
      category: i % 7 === 6 ? 'uncategorised extra' : (SITE_CATEGORIES[i % 6] as readonly [string, string])[0],
      // VLMEvalKit strips leading slashes before joining to the snapshot.
      video_path: i % 5 === 4 ? `/${video}` : video,
      n: String(n),
    };
  });
}

const storedSchema = z.object({ index: z.string(), status: z.string(), question: z.string(), usage: z.object({ prompt_tokens: z.number() }).nullable() });
async function stored(work: string, name: string): Promise<z.infer<typeof storedSchema>[]> {
  const text = await readFile(join(work, 'sim', `sim_${name}.jsonl`), 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => storedSchema.parse(JSON.parse(l)));
}
/** Images in a request, from the mock's count: ceil(chars / 4) text tokens + 256 per image. */
const imagesSent = (r: z.infer<typeof storedSchema>): number => ((r.usage?.prompt_tokens ?? 0) - Math.ceil(r.question.length / 4)) / 256;

async function setUp(): Promise<{ dir: string; tsv: string; table: Row[] }> {
  const dir = await tempDir();
  await mkdir(join(dir, 'videos'), { recursive: true });
  for (const v of VIDEOS) makeVideo(join(dir, v.file), v);
  const table = rows(30);
  const tsv = join(dir, 'SiteBenchVideo.tsv');
  await writeTsv(tsv, COLUMNS, table);
  return { dir, tsv, table };
}

describe('SiteBenchVideo through the CLI (embedded mock)', () => {
  it.each([
    ['SiteBenchVideo_32frame', 32, 'uniform_tail:32'],
    ['SiteBenchVideo_64frame', 64, 'uniform_tail:64'],
    // 1 fps, no last frame: int(i · fps) for each whole second, 2 s of either video (VsiBench's
    // fps mode would append the last frame: 3 for the 75-frame one).
    ['SiteBenchVideo_1fps', 2, 'fps_no_tail:1'],
  ] as const)('%s: %i frames per question, the exact prompt, every number from the stored replies', async (name, nframe, sampling) => {
    const { dir, tsv, table } = await setUp();
    const entry = { class: 'SiteBenchVideo', dataset: name, path: tsv, video: { cache_dir: join(dir, 'frames') } };
    const res = await runDataset(dir, name, entry, [], MOCK_MODEL);
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code, res.stderr).toBe(0);

    const requests = await stored(res.work, name);
    expect(requests).toHaveLength(table.length);
    for (const r of requests) {
      const row = table[Number(r.index)] as Row;
      const options = OPTION_POOL.slice(0, Number(row.n)).map((o, k) => `${'ABCDE'[k] as string}: ${o}`).join('\n');
      expect(r.status).toBe('ok');
      // linspace(0, N − 1, nframe) is nframe indices even for the 20-frame video (repeats, no clamp).
      // (1 fps: 2 s of either video.)
      expect(imagesSent(r), `row ${r.index}`).toBe(nframe);
      // VLMEvalKit does not strip the question (the leading space stays).
      expect(r.question).toBe(`${PRE}\nQuestion: ${row.question}\nOptions:\n${options}\n${POST}`);
    }
    const header = JSON.parse(await readFile(join(res.work, 'sim', `sim_${name}.meta.json`), 'utf8')) as Record<string, unknown>;
    expect(header['video']).toMatchObject({ sampling, send: 'frames' });

    const { predictions, summary } = await readOutputs(res.work, name);
    const units = table.map((r) => ({ index: r.index, gold: r.answer, n: Number(r.n), category: r.category, reply: predictions.get(r.index) ?? '' }));
    const expected = expectedMetrics(units);
    expect(metricsMismatch(summary.metrics, expected)).toEqual([]);
    expect(summary.primary).toEqual({ protocol: 'official', metric: 'accuracy', value: expected['official']?.['accuracy'] });
  });

  it('a row without a candidate list is refused in one line naming the file, row and column (exit 2)', async () => {
    const { dir, tsv, table } = await setUp();
    await writeTsv(tsv, COLUMNS, table.map((r, i) => (i === 2 ? { ...r, candidates: 'chair or sofa' } : r)));
    const entry = { class: 'SiteBenchVideo', dataset: 'SiteBenchVideo_32frame', path: tsv, video: { cache_dir: join(dir, 'frames') } };
    const res = await runDataset(dir, 'SiteBenchVideo_32frame', entry, [], MOCK_MODEL);
    expect(res.code, res.stderr).toBe(2);
    const lines = errorLines(res.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/SiteBenchVideo\.tsv \(row 3, column 'candidates'\).*expected a list of 2 or more option texts/);
  });
});
