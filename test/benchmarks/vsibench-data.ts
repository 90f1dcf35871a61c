/** VSI-Bench files in the real schemas, with tiny real MP4s made by ffmpeg (test/data/video/fixtures.ts). */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { field, writeParquetGroups } from '../../bench/synthetic-parquet.js';
import { makeVideo } from '../data/video/fixtures.js';
import { pyList } from './helpers.js';
import { VSI_CASES } from './vsibench-cases.js';

/** One scene per source dataset, of different lengths and rates. */
export const SCENES = [
  { dataset: 'arkitscenes', scene: '41069025', frames: 30, rate: '10', fps: 10 },
  { dataset: 'scannet', scene: 'scene0011_00', frames: 97, rate: '30000/1001', fps: 30000 / 1001 },
  { dataset: 'scannetpp', scene: '09c1414f1b', frames: 241, rate: '24', fps: 24 },
] as const;

export const sceneOf = (i: number): (typeof SCENES)[number] => SCENES[i % SCENES.length] as (typeof SCENES)[number];

/** `<dir>/<dataset>/<scene>.mp4` for every scene, as the authors' zips unpack. */
export async function writeVideos(dir: string): Promise<void> {
  for (const s of SCENES) {
    await mkdir(join(dir, s.dataset), { recursive: true });
    makeVideo(join(dir, s.dataset, `${s.scene}.mp4`), s);
  }
}

const isNumeric = (type: string): boolean => ['object_abs_distance', 'object_counting', 'object_size_estimation', 'room_size_estimation'].includes(type);
const OPTIONS = ['A. left', 'B. right', 'C. back', 'D. front'];

export const questionOf = (i: number): string => `Question ${i}: where is the chair${i % 2 === 0 ? ' from the door' : ''}?`;

/** The authors' `test-00000-of-00001.parquet` columns, one row per case. */
export async function writeOfficialParquet(file: string): Promise<void> {
  const fields = [field.int64('id'), ...['dataset', 'scene_name', 'question_type', 'question'].map(field.string), field.list('options', field.string), field.string('ground_truth')];
  const rows = VSI_CASES.map((c, i) => ({
    id: BigInt(i),
    dataset: sceneOf(i).dataset,
    scene_name: sceneOf(i).scene,
    question_type: c.type,
    question: questionOf(i),
    options: isNumeric(c.type) ? null : OPTIONS,
    ground_truth: c.gold,
  }));
  await writeParquetGroups(file, { fields }, [rows]);
}

/** VLMEvalKit's `VSI-Bench.tsv`: `candidates` a Python list literal, `video` relative to the snapshot. */
export async function writeVlmevalkitTsv(file: string): Promise<void> {
  const columns = ['index', 'question', 'question_type', 'candidates', 'answer', 'video'];
  const lines = [columns.join('\t')];
  VSI_CASES.forEach((c, i) => {
    const s = sceneOf(i);
    lines.push([String(i), questionOf(i), c.type, isNumeric(c.type) ? '' : pyList(OPTIONS), c.gold, `${s.dataset}/${s.scene}.mp4`].join('\t'));
  });
  await writeFile(file, `${lines.join('\n')}\n`);
}
