/**
 * VSI-Bench end to end on real files: the authors' Parquet and VLMEvalKit's TSV in their schemas,
 * tiny real MP4s made by ffmpeg, the CLI asking the embedded mock. Requests carry exactly the frames
 * the peers' formulas name (the mock counts 256 prompt tokens per image, so a record's usage says
 * how many it got); every reported number is recomputed here from the stored predictions with the
 * authors' formula and lmms-eval's, and equals what their Python code printed for the same replies
 * (vsibench-cases.ts).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorLines, expectMetrics, mean, outputs, REPO_ROOT, runCli, runDataset, tempDir } from './helpers.js';
import { VSI_CASES, VSI_LMMS_AGGREGATE, VSI_OFFICIAL_AGGREGATE, VSI_VLMEVALKIT_AGGREGATE } from './vsibench-cases.js';
import { questionOf, sceneOf, writeOfficialParquet, writeVideos, writeVlmevalkitTsv } from './vsibench-data.js';
import { frameIndices, type FrameSampling } from '../../src/data/video/indices.js';

const NUMPY_THRESHOLDS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95];
const NA = new Set(['object_abs_distance', 'object_counting', 'object_size_estimation', 'room_size_estimation']);
const TASKS = ['object_counting', 'object_abs_distance', 'object_size_estimation', 'room_size_estimation', 'object_rel_distance', 'object_rel_direction', 'route_planning', 'obj_appearance_order'];
const MODEL = { class: 'GPT4V', model: 'sim', api_base: 'mock', temperature: 0, max_tokens: 16, img_size: -1, mock: { accuracy: 0.5, seed: 4, style: 'letter' } };

/** Python float() on these replies' tokens. */
const pyFloat = (s: string): number | null => {
  const t = s.trim();
  if (/^[+-]?nan$/i.test(t)) return Number.NaN;
  if (/^[+-]?inf(inity)?$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  return /^[+-]?(\d(_?\d)*\.?(\d(_?\d)*)?|\.\d+)(e[+-]?\d+)?$/i.test(t) ? Number(t.replace(/_/g, '')) : null;
};
const firstToken = (p: string): string => (p.split(' ')[0] ?? '').replace(/\.+$/, '').trim();
const mra = (pred: number | null, gold: number): number => (pred === null ? 0 : NUMPY_THRESHOLDS.filter((t) => Math.abs(pred - gold) / gold <= 1 - t).length / NUMPY_THRESHOLDS.length);

/** The authors' process_results + aggregate, on (type, gold, reply) triples. */
function vsiScores(items: readonly { type: string; gold: string; reply: string }[], numberOf: (reply: string) => number | null): Record<string, number> {
  return aggregate(items.map((it) => ({ type: it.type, credit: NA.has(it.type) ? mra(numberOf(it.reply), Number(it.gold)) : firstToken(it.reply).toLowerCase() === it.gold.toLowerCase() ? 1 : 0 })));
}

/** vsibench_aggregate_results: mean per type, rel_direction the mean of its three, overall the mean of the eight. */
function aggregate(items: readonly { type: string; credit: number }[]): Record<string, number> {
  const byType = new Map<string, number[]>();
  for (const it of items) byType.set(it.type, [...(byType.get(it.type) ?? []), it.credit]);
  const out: Record<string, number> = Object.fromEntries([...byType].map(([t, c]) => [t, mean(c)]));
  out['object_rel_direction'] = ((out['object_rel_direction_easy'] ?? 0) + (out['object_rel_direction_medium'] ?? 0) + (out['object_rel_direction_hard'] ?? 0)) / 3;
  out['Overall'] = TASKS.reduce((s, t) => s + (out[t] ?? 0), 0) / TASKS.length;
  return out;
}

const storedSchema = z.object({ index: z.string(), status: z.string(), question: z.string(), prediction: z.string(), usage: z.object({ prompt_tokens: z.number() }).nullable(), error: z.string().optional() });
async function records(work: string, name: string): Promise<z.infer<typeof storedSchema>[]> {
  const text = await readFile(join(work, 'sim', `sim_${name}.jsonl`), 'utf8');
  return text.split('\n').filter((l) => l.trim() !== '').map((l) => storedSchema.parse(JSON.parse(l)));
}

/** Images in a request, from the mock's count: ceil(chars / 4) text tokens + 256 per image. */
const imagesSent = (r: z.infer<typeof storedSchema>): number => ((r.usage?.prompt_tokens ?? 0) - Math.ceil(r.question.length / 4)) / 256;

async function setUp(): Promise<string> {
  const dir = await tempDir();
  await writeVideos(dir);
  await writeOfficialParquet(join(dir, 'test-00000-of-00001.parquet'));
  return dir;
}

describe('VSI-Bench', () => {
  it("sends lmms-eval's 32 linspace frames per question and reports the authors', VLMEvalKit's and lmms-eval's numbers", async () => {
    const dir = await setUp();
    const entry = { class: 'VsiBench', dataset: 'VSI-Bench', path: dir, video: { cache_dir: join(dir, 'frames') } };
    const res = await runDataset(dir, 'VSI-Bench', entry, [], MODEL);
    expect(res.code, res.stderr).toBe(0);
    const stored = await records(res.work, 'VSI-Bench');
    expect(stored).toHaveLength(VSI_CASES.length);
    for (const r of stored) {
      const s = sceneOf(Number(r.index));
      expect(r.status).toBe('ok');
      expect(imagesSent(r), `row ${r.index}`).toBe(frameIndices({ kind: 'linspace', nframe: 32 }, s).length);
      expect(r.question.startsWith(`These are frames of a video.\n${questionOf(Number(r.index))}\n`)).toBe(true);
    }
    expect(stored.find((r) => r.index === '0')?.question).toMatch(/\nPlease answer the question using a single word or phrase\.$/);
    expect(stored.find((r) => r.index === '23')?.question).toMatch(/\nOptions:\nA\. left\nB\. right\nC\. back\nD\. front\nAnswer with the option's letter from the given choices directly\.$/);
    const header = JSON.parse(await readFile(join(res.work, 'sim', 'sim_VSI-Bench.meta.json'), 'utf8')) as Record<string, unknown>;
    expect(header['video']).toMatchObject({ sampling: 'linspace:32', send: 'frames', max_side: null });

    // The mock's own replies, scored.
    const first = await outputs(res.work, 'VSI-Bench');
    const triples = first.records.map((r) => ({ type: r.fields['question_type'] ?? '', gold: r.answer, reply: r.prediction }));
    expectMetrics(first.summary.metrics['official'], vsiScores(triples, (p) => pyFloat(firstToken(p))));

    // The cases' replies, stored in place of the mock's and re-scored without asking anything.
    const store = join(res.work, 'sim', 'sim_VSI-Bench.jsonl');
    const lines = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '');
    const edited = lines.map((l) => {
      const rec = JSON.parse(l) as Record<string, unknown>;
      return JSON.stringify({ ...rec, prediction: VSI_CASES[Number(rec['index'])]?.reply });
    });
    await writeFile(store, `${edited.join('\n')}\n`);
    const rescored = await runCli(['score', '--work-dir', res.work]);
    expect(errorLines(rescored.stderr)).toEqual([]);
    const { summary } = await outputs(res.work, 'VSI-Bench');
    const cases = VSI_CASES.map((c) => ({ type: c.type, gold: c.gold, reply: c.reply }));
    const official = vsiScores(cases, (p) => pyFloat(firstToken(p)));
    expectMetrics(summary.metrics['official'], official);
    for (const [name, value] of Object.entries(VSI_OFFICIAL_AGGREGATE)) expect(summary.metrics['official']?.[name], name).toBeCloseTo(value, 12);
    for (const [name, value] of Object.entries(VSI_LMMS_AGGREGATE)) expect(summary.metrics['lmms-eval']?.[name], name).toBeCloseTo(value, 12);
    for (const [name, value] of Object.entries(VSI_VLMEVALKIT_AGGREGATE)) expect(summary.metrics['vlmevalkit']?.[name], name).toBeCloseTo(value, 12);
    // The peers' protocols: their per-reply credits (from their code) aggregated here by the formula.
    expectMetrics(summary.metrics['vlmevalkit'], aggregate(VSI_CASES.map((c) => ({ type: c.type, credit: c.vlmevalkit }))));
    expectMetrics(summary.metrics['lmms-eval'], aggregate(VSI_CASES.map((c) => ({ type: c.type, credit: c.lmms }))));
    expect(summary.primary).toMatchObject({ metric: 'Overall', value: official['Overall'] });
  });

  it.each([
    ['VSI-Bench_16frame', { kind: 'uniform_tail', nframe: 16 }],
    ['VSI-Bench_2fps', { kind: 'fps', fps: 2 }],
  ] as const)("reads VLMEvalKit's TSV as %s: its prompt, and the frames its formula names", async (name, sampling: FrameSampling) => {
    const dir = await tempDir();
    await writeVideos(dir);
    const tsv = join(dir, 'VSI-Bench.tsv');
    await writeVlmevalkitTsv(tsv);
    const entry = { class: 'VsiBench', dataset: name, path: tsv, video: { cache_dir: join(dir, 'frames') } };
    const res = await runDataset(dir, name, entry, [], MODEL);
    expect(res.code, res.stderr).toBe(0);
    const stored = await records(res.work, name);
    expect(stored).toHaveLength(VSI_CASES.length);
    for (const r of stored) expect(imagesSent(r), `row ${r.index}`).toBe(frameIndices(sampling, sceneOf(Number(r.index))).length);
    expect(stored.find((r) => r.index === '0')?.question).toBe(`These are frames of a video.\n${questionOf(0)}\nAnswer briefly and directly in one float number.`);
    expect(stored.find((r) => r.index === '23')?.question).toBe(`These are frames of a video.\n${questionOf(23)}\nA. left\nB. right\nC. back\nD. front\nAnswer with the option's letter from the given choices directly.`);
  });

  it('a missing video fails its questions, named in one line, kept apart and asked again next run', async () => {
    const dir = await setUp();
    const missing = join(dir, 'scannet', 'scene0011_00.mp4');
    const saved = await readFile(missing);
    await rm(missing);
    const entry = { class: 'VsiBench', dataset: 'VSI-Bench', path: dir, video: { cache_dir: join(dir, 'frames') } };
    const res = await runDataset(dir, 'VSI-Bench', entry, [], MODEL);
    expect(res.code, res.stderr).toBe(3);
    const notices = res.stdout.split('\n').filter((l) => l.includes('scene0011_00.mp4'));
    expect(notices).toEqual([`VSI-Bench: video ${missing}: not found; its questions are recorded as failed and asked again by the next run`]);
    const stored = await records(res.work, 'VSI-Bench');
    const onMissing = stored.filter((r) => sceneOf(Number(r.index)).scene === 'scene0011_00');
    expect(onMissing.length).toBeGreaterThan(0);
    for (const r of onMissing) expect(r).toMatchObject({ status: 'failed', error: `video ${missing}: not found` });
    const { summary } = await outputs(res.work, 'VSI-Bench');
    expect(summary.counts).toMatchObject({ failed: onMissing.length });

    await writeFile(missing, saved);
    const again = await runDataset(dir, 'VSI-Bench', entry, [], MODEL);
    expect(again.code, again.stderr).toBe(0);
    const latest = (await outputs(again.work, 'VSI-Bench')).records;
    expect(latest.every((r) => r.status === 'ok')).toBe(true);
    expect((await records(again.work, 'VSI-Bench')).length).toBe(VSI_CASES.length + onMissing.length);
  });

  it('sends the video itself as a video_url when asked (the server samples frames)', async () => {
    const dir = await setUp();
    const entry = { class: 'VsiBench', dataset: 'VSI-Bench', path: dir, video: { send: 'video_url', cache_dir: join(dir, 'frames') } };
    const res = await runDataset(dir, 'VSI-Bench', entry, [], MODEL);
    expect(res.code, res.stderr).toBe(0);
    const stored = await records(res.work, 'VSI-Bench');
    // The mock counts 16 × 256 tokens for a video and no images.
    for (const r of stored) expect(imagesSent(r)).toBe(16);
  });

  it('runs the shipped demo (benchmarks/demo/VSI-Bench, configs/vsibench-demo.json) with every question answered', async () => {
    const dir = await tempDir();
    const demo = JSON.parse(await readFile(join(REPO_ROOT, 'configs', 'vsibench-demo.json'), 'utf8')) as { data: Record<string, { path: string; video: Record<string, unknown> }> };
    const entry = demo.data['VSI-Bench'];
    if (entry === undefined) throw new Error('no VSI-Bench entry in the demo config');
    const res = await runDataset(dir, 'VSI-Bench', { ...entry, path: join(REPO_ROOT, 'benchmarks', 'demo', 'VSI-Bench'), video: { ...entry.video, cache_dir: join(dir, 'frames') } }, [], MODEL);
    expect(res.code, res.stderr).toBe(0);
    const stored = await records(res.work, 'VSI-Bench');
    expect(stored.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 'ok'));
    expect(res.stdout).toMatch(/video frames: 2 set\(s\) extracted by ffmpeg, 8 found in the cache \(hit rate 80\.0%\), 2 video\(s\) hashed/);
  });

  it('names ffmpeg in one line (exit 2) when it is not on PATH', async () => {
    const dir = await setUp();
    const entry = { class: 'VsiBench', dataset: 'VSI-Bench', path: dir, video: { cache_dir: join(dir, 'frames') } };
    const config = join(dir, 'c.json');
    await writeFile(config, JSON.stringify({ model: { sim: MODEL }, data: { 'VSI-Bench': entry } }));
    const res = await runCli(['--config', config, '--work-dir', join(dir, 'work')], { PATH: dir });
    expect(res.code, res.stderr).toBe(2);
    expect(errorLines(res.stderr)).toEqual([expect.stringMatching(/ffmpeg not found on PATH: it is needed to read the video frames of dataset 'VSI-Bench'; install Debian's ffmpeg package/)]);
  });
});
