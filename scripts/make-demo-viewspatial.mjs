#!/usr/bin/env node
// Writes the images of the ViewSpatial-Bench demo (benchmarks/demo/ViewSpatial-Bench): the question
// file eval/ViewSpatial-Bench.json holds 12 real rows of ZJU-REAL/ViewSpatial-Bench@2e85a5e4
// eval/ViewSpatial-Bench.json; each image it names becomes a tiny real JPEG labelled with its path,
// at that path under the repo-root folder, as evaluate.py expects. Run after `npm run build`.
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
