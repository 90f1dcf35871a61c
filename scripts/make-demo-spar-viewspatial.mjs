#!/usr/bin/env node
// Writes the SPAR-Bench and ViewSpatial-Bench demo files. Run after `npm run build`.
// - benchmarks/demo/SparBench_tiny.tsv: one question per SPAR-Bench task in VLMEvalKit's SparBench
//   schema (index, image list, question, answer, task); the questions are made up, the answer forms
//   are the benchmark's (option letters, metres, move/rotate instructions).
// - benchmarks/demo/ViewSpatial-Bench: eval/ViewSpatial-Bench.json holds 12 real rows of
//   ZJU-REAL/ViewSpatial-Bench@2e85a5e4 eval/ViewSpatial-Bench.json; each image it names becomes a
//   tiny real JPEG labelled with its path, at that path under the repo-root folder, as evaluate.py expects.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { paddedJpeg } from '../dist/bench/synthetic.js';

const root = 'benchmarks/demo/ViewSpatial-Bench';
const rows = JSON.parse(readFileSync(join(root, 'eval', 'ViewSpatial-Bench.json'), 'utf8'));
for (const path of new Set(rows.flatMap((r) => r.image_path))) {
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, paddedJpeg(0, path));
}

const mcq = (q) => `${q}\nA. the chair\nB. the table\nC. the lamp\nD. the sofa`;
const SPAR = [
  ['depth_prediction_oc', 'How far is the chair from the camera, in meters?', '1.8'],
  ['depth_prediction_oo', 'How much farther from the camera is the sofa than the lamp, in meters?', '0.9'],
  ['distance_prediction_oc', 'What is the distance between the camera and the table, in meters?', '2.4'],
  ['distance_prediction_oo', 'What is the distance between the chair and the table, in meters?', '1.1'],
  ['depth_prediction_oc_mv', 'In the second image, how far is the lamp from the camera, in meters?', '3.2'],
  ['depth_prediction_oo_mv', 'Across the views, how much deeper is the sofa than the chair, in meters?', '0.6'],
  ['distance_prediction_oo_mv', 'Across the views, what is the distance between the lamp and the sofa, in meters?', '2.0'],
  ['distance_prediction_oc_mv', 'What is the distance between the first camera and the table, in meters?', '1.5'],
  ['position_matching', mcq('Which object in image 2 is at [120, 340, 260, 610] in image 1?'), 'B'],
  ['camera_motion_infer', mcq('The lamp is at [400, 200, 460, 380] in image 1. Which object is the camera closer to in image 2?'), 'C'],
  ['view_change_infer', 'How did the camera move from the first image to the second?', 'move_right:0.4,rotate_left:15'],
  ['obj_spatial_relation_oo', mcq('Which object is left of the lamp?'), 'A'],
  ['obj_spatial_relation_oc_mv', mcq('Which object is nearest to the camera of the first image?'), 'D'],
  ['obj_spatial_relation_oo_mv', mcq('Across the views, which object is behind the table?'), 'B'],
  ['spatial_imagination_oc', mcq('If you stood at the chair facing the camera, which object would be on your right?'), 'C'],
  ['spatial_imagination_oo', mcq('Standing at the table facing the sofa, which object is behind you?'), 'A'],
  ['spatial_imagination_oc_mv', mcq('From the second camera, which object would hide the lamp?'), 'D'],
  ['spatial_imagination_oo_mv', mcq('Standing at the lamp facing the chair, which object is on your left?'), 'B'],
  ['distance_infer_center_oo', mcq('Which object is closest to the table?'), 'C'],
  ['distance_infer_center_oo_mv', mcq('Across the views, which object is closest to the sofa?'), 'A'],
];
const cell = (s) => (/[\t\n\r"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const lines = ['index\timage\tquestion\tanswer\ttask'];
SPAR.forEach(([task, question, answer], i) => {
  const images = Array.from({ length: task.endsWith('_mv') || task === 'view_change_infer' || task === 'position_matching' || task === 'camera_motion_infer' ? 2 : 1 }, (_, k) => `'${paddedJpeg(0, `spar demo ${i}.${k}`).toString('base64')}'`);
  lines.push([String(i), `[${images.join(', ')}]`, cell(question), answer, task].join('\t'));
});
writeFileSync('benchmarks/demo/SparBench_tiny.tsv', `${lines.join('\n')}\n`);
