/**
 * Q-Spatial-Bench as its authors ask it (`QSpatial_plus_official`, `QSpatial_scannet_official`:
 * the system prompt as a system message, the image and the user prompt as the user message) and
 * VLMEvalKit's `QSpatial_scannet` (its one text, the ScanNet frame read from a local folder by
 * image_path). The prompts are what the authors' notebook renders with jinja2 from their
 * templates (/work/xcheck/mmvp16/qspatial/render.py, Q-Spatial-Bench-code@ebe8137e); the scores
 * are computed here from the replies' decisions by the originals (qspatial-cases.ts: the authors'
 * QSpatialEvaluator and VLMEvalKit's regex branch, run in Python).
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { field, writeParquetGroups } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { qspatialPlusOfficial, qspatialScannetOfficial } from '../../benchmarks/qspatial.js';
import type { Benchmark } from '../../src/benchmark/types.js';
import { streamSamples } from '../../src/data/samples.js';
import { buildRequest } from '../../src/request/build.js';
import { QSPATIAL_CASES } from './qspatial-cases.js';
import { errorLines, expectDataError, expectMetrics, MODEL, outputs, runCli, runDataset, tempDir } from './helpers.js';

const FIELDS = [field.string('question'), field.double('answer_value'), field.string('answer_unit'), field.string('question_type'), field.string('image_path'), field.image('image')];
const TYPES = ['distance', 'size'];

/** render.py's output for 'How far is the "red" mug from the {kettle}?'. */
const RENDERED = {
  system: 'You will be provided with a question and a 2D image. The question involves measuring the precise distance in 3D space through a 2D image. You will answer the question by providing a numeric answer consisting of a scalar and a distance unit in the format of """\\scalar{scalar} \\distance_unit{distance unit}""" at the end of your response.',
  user: 'Question: How far is the "red" mug from the {kettle}?\nLet\'s thinkg step by step and start by finding good reference objects or object parts in the image.',
};
const QUESTION = 'How far is the "red" mug from the {kettle}?';

/** A different picture per row (a PNG with a trailing marker), so the test can tell them apart. */
const picture = (i: number): Buffer => Buffer.concat([TINY_PNG, Buffer.from(`row ${i}`)]);
const scannetPath = (i: number): string => `QSpatial_scannet/images/scene00${10 + i}_00/color/${i}.jpg`;

function rows(scannet: boolean) {
  return QSPATIAL_CASES.map((c, i) => ({
    question: i === 0 ? QUESTION : `What is the distance between the chair and the table (${i})?`,
    answer_value: c.value, answer_unit: c.unit, question_type: TYPES[i % 2],
    image_path: scannet ? scannetPath(i) : `${i}.jpg`,
    // The ScanNet split ships no image bytes.
    image: scannet ? null : { bytes: picture(i), path: `${i}.jpg` },
  }));
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
function byType(hits: readonly boolean[], overall: string): Record<string, number> {
  const out: Record<string, number> = { [overall]: mean(hits.map(Number)) };
  TYPES.forEach((t, k) => (out[t] = mean(hits.filter((_, i) => i % 2 === k).map(Number))));
  return out;
}
const AUTHORS = QSPATIAL_CASES.map((c) => c.authors?.[0] === true);

async function bodies(benchmark: Benchmark, file: string) {
  const out = [];
  for await (const { sample } of streamSamples(benchmark, { files: [file], format: 'parquet' })) out.push(buildRequest(sample, { model: 'm', temperature: 0, max_tokens: 8, system_prompt: 'MODEL SYSTEM', extra: {} }).body);
  return out;
}
const dataUrl = (bytes: Buffer): string => `data:image/png;base64,${bytes.toString('base64')}`;

/** Rewrites the stored replies with the cases' and re-scores. */
async function rescore(work: string, dataset: string): Promise<void> {
  const store = join(work, MODEL, `${MODEL}_${dataset}.jsonl`);
  const recs = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(recs).toHaveLength(QSPATIAL_CASES.length);
  await writeFile(store, `${recs.map((r) => JSON.stringify({ ...r, prediction: QSPATIAL_CASES[Number(r['index'])]?.reply })).join('\n')}\n`);
  const rescored = await runCli(['score', '--work-dir', work]);
  expect(errorLines(rescored.stderr)).toEqual([]);
}

async function scannetFolder(dir: string): Promise<{ path: string; root: string }> {
  const path = join(dir, 'QSpatial_scannet-00000-of-00001.parquet');
  await writeParquetGroups(path, { fields: FIELDS }, [rows(true)]);
  const root = join(dir, 'Q-Spatial-Bench-code');
  for (const [i] of QSPATIAL_CASES.entries()) {
    await mkdir(join(root, scannetPath(i), '..'), { recursive: true });
    await writeFile(join(root, scannetPath(i)), picture(i));
  }
  return { path, root };
}

describe("Q-Spatial official: the authors' system message and user prompt, their evaluator", () => {
  it('QSpatial_plus_official: system message, then the image and the user prompt; success_rate per type', async () => {
    const dir = await tempDir();
    const path = join(dir, 'QSpatial_plus-00000-of-00001.parquet');
    await writeParquetGroups(path, { fields: FIELDS }, [rows(false)]);
    const [first] = await bodies(qspatialPlusOfficial, path);
    // The data's system message replaces the model's system_prompt.
    expect(first?.messages).toEqual([
      { role: 'system', content: RENDERED.system },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: dataUrl(picture(0)) } }, { type: 'text', text: RENDERED.user }] },
    ]);

    const run = await runDataset(dir, 'QSpatial_plus_official', { class: 'QSpatial', dataset: 'QSpatial_plus_official', path });
    expect(run.code, run.stderr).toBe(0);
    await rescore(run.work, 'QSpatial_plus_official');
    const { summary } = await outputs(run.work, 'QSpatial_plus_official');
    expectMetrics(summary.metrics['official'], byType(AUTHORS, 'success_rate'));
    expect(summary.primary).toMatchObject({ metric: 'success_rate', value: mean(AUTHORS.map(Number)) });
  });

  it('QSpatial_scannet_official and VLMEvalKit QSpatial_scannet: the frame from "image_root" by image_path', async () => {
    const dir = await tempDir();
    const { path, root } = await scannetFolder(dir);
    const configured = qspatialScannetOfficial.configure?.({ class: 'QSpatial', dataset: 'QSpatial_scannet_official', path, image_root: 'Q-Spatial-Bench-code' }, { name: 'x', configDir: dir });
    expect(configured).toBeDefined();
    const sent = await bodies(configured as Benchmark, path);
    expect(sent[3]?.messages).toEqual([
      { role: 'system', content: RENDERED.system },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: dataUrl(picture(3)) } }, { type: 'text', text: `Question: What is the distance between the chair and the table (3)?\nLet's thinkg step by step and start by finding good reference objects or object parts in the image.` }] },
    ]);

    const official = await runDataset(dir, 'QSpatial_scannet_official', { class: 'QSpatial', dataset: 'QSpatial_scannet_official', path, image_root: root });
    expect(official.code, official.stderr).toBe(0);
    await rescore(official.work, 'QSpatial_scannet_official');
    expectMetrics((await outputs(official.work, 'QSpatial_scannet_official')).summary.metrics['official'], byType(AUTHORS, 'success_rate'));

    const peer = await runDataset(dir, 'QSpatial_scannet', { class: 'QSpatial', dataset: 'QSpatial_scannet', path, image_root: 'Q-Spatial-Bench-code' });
    expect(peer.code, peer.stderr).toBe(0);
    const stored = (await readFile(join(peer.work, MODEL, `${MODEL}_QSpatial_scannet.jsonl`), 'utf8')).split('\n').filter((l) => l !== '');
    const firstQuestion = (JSON.parse(stored.find((l) => l.includes('"index":"0"')) ?? '{}') as { question?: string }).question;
    expect(firstQuestion).toBe(`${RENDERED.system}\n${RENDERED.user}`);
    await rescore(peer.work, 'QSpatial_scannet');
    const { summary } = await outputs(peer.work, 'QSpatial_scannet');
    expectMetrics(summary.metrics['vlmevalkit'], byType(QSPATIAL_CASES.map((c) => c.delta2), 'delta_2'));
    expectMetrics(summary.metrics['vlmevalkit-delta-1.5'], byType(QSPATIAL_CASES.map((c) => c.delta15), 'delta_1_point_5'));
  });

  it('a missing ScanNet frame: one line naming the file, row and image_path, and how to get the frames (exit 2)', async () => {
    const dir = await tempDir();
    const { path, root } = await scannetFolder(dir);
    await rm(join(root, scannetPath(4)));
    expectDataError(await runDataset(dir, 'QSpatial_scannet_official', { class: 'QSpatial', dataset: 'QSpatial_scannet_official', path, image_root: root }), [
      /QSpatial_scannet-00000-of-00001\.parquet \(row 5, column 'image_path'\)/, /scene0014_00\/color\/4\.jpg' not found/, /download_and_render_scannet_images\.py/, /"image_root"/,
    ]);
    expectDataError(await runDataset(dir, 'QSpatial_scannet', { class: 'QSpatial', dataset: 'QSpatial_scannet', path, images: root }), [/unknown key\(s\) "images"/, /"image_root"/]);
  });
});
