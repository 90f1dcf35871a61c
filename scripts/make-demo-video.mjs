#!/usr/bin/env node
// Writes the VSI-Bench demo (benchmarks/demo/VSI-Bench/): the authors' Parquet schema, ten
// questions on two tiny real MP4s made by ffmpeg (a few kilobytes each). Needs `npm run build`.
//   node scripts/make-demo-video.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { field, writeParquetGroups } from '../dist/bench/synthetic-parquet.js';

const DIR = 'benchmarks/demo/VSI-Bench';
const SCENES = [
  { dataset: 'arkitscenes', scene: '41069025', frames: 48, rate: '12' },
  { dataset: 'scannet', scene: 'scene0011_00', frames: 64, rate: '16' },
];
rmSync(DIR, { recursive: true, force: true });
for (const s of SCENES) {
  mkdirSync(join(DIR, s.dataset), { recursive: true });
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=s=64x48:r=${s.rate}`, '-frames:v', String(s.frames), '-c:v', 'libx264', '-preset', 'veryslow', '-crf', '40', '-pix_fmt', 'yuv420p', '-map_metadata', '-1', '-fflags', '+bitexact', join(DIR, s.dataset, `${s.scene}.mp4`)]);
}
const OPTIONS = ['A. left', 'B. right', 'C. back', 'D. front'];
const QUESTIONS = [
  ['object_counting', 'How many chair(s) are in this room?', null, '4'],
  ['object_abs_distance', 'Measuring from the closest point of each object, what is the distance between the sofa and the table (in meters)?', null, '1.8'],
  ['object_size_estimation', 'What is the length of the longest dimension (length, width, or height) of the bed, measured in centimeters?', null, '203'],
  ['room_size_estimation', 'What is the size of this room (in square meters)? If multiple rooms are shown, estimate the size of the combined space.', null, '21.4'],
  ['object_rel_distance', 'Measuring from the closest point of each object, which of these objects (table, lamp, door, tv) is the closest to the sofa?', OPTIONS, 'B'],
  ['object_rel_direction_easy', 'If I am standing by the sofa and facing the tv, is the lamp to my left or the right?', OPTIONS.slice(0, 2), 'A'],
  ['object_rel_direction_medium', 'If I am standing by the bed and facing the door, is the chair to my front-left, front-right, back-left, or back-right?', OPTIONS, 'C'],
  ['object_rel_direction_hard', 'If I am standing by the table and facing the window, is the plant to my front-left, front-right, back-left, or back-right?', OPTIONS, 'D'],
  ['route_planning', 'You are a robot beginning at the door facing the bed. You want to navigate to the sofa. You will perform the following actions: 1. Go forward until the table 2. [please fill in] 3. Go forward until the sofa. You have reached the final destination.', ['A. Turn Left', 'B. Turn Right', 'C. Turn Back'], 'A'],
  ['obj_appearance_order', 'What will be the first-time appearance order of the following categories in the video: chair, lamp, tv, bed?', ['A. chair, lamp, tv, bed', 'B. lamp, chair, bed, tv', 'C. tv, bed, chair, lamp', 'D. bed, tv, lamp, chair'], 'B'],
];
const fields = [field.int64('id'), ...['dataset', 'scene_name', 'question_type', 'question'].map(field.string), field.list('options', field.string), field.string('ground_truth')];
const rows = QUESTIONS.map(([type, question, options, gold], i) => ({
  id: BigInt(i), dataset: SCENES[i % 2].dataset, scene_name: SCENES[i % 2].scene, question_type: type, question, options, ground_truth: gold,
}));
await writeParquetGroups(join(DIR, 'test-00000-of-00001.parquet'), { fields }, [rows]);
console.log(`wrote ${DIR}`);
