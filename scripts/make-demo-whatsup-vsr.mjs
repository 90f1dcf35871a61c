#!/usr/bin/env node
// Writes the What'sUp and VSR split demo files. Run after `npm run build`.
// - benchmarks/demo/whatsup/data: controlled_images_dataset.json in the authors' Controlled_Images_A
//   schema (made-up captions for three object pairs × four relations, the first caption the right
//   one; the rows of test/benchmarks/whatsup-cases.json) and a tiny real JPEG at each image_path.
// - benchmarks/demo/vsr/data: splits/zeroshot/test.jsonl holds 16 real rows of
//   cambridgeltl/visual-spatial-reasoning@b27a0af0 data/splits/zeroshot/test.jsonl; each image it
//   names becomes a tiny real JPEG in images/, as data/README.md lays them out.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { paddedJpeg } from '../dist/bench/synthetic.js';

const cases = JSON.parse(readFileSync('test/benchmarks/whatsup-cases.json', 'utf8'));
const controlled = cases.find((c) => c.dataset === 'Controlled_Images_A');
const whatsup = 'benchmarks/demo/whatsup';
mkdirSync(join(whatsup, 'data'), { recursive: true });
writeFileSync(join(whatsup, 'data', controlled.file), `${JSON.stringify(controlled.rows, null, 1)}\n`);
for (const row of controlled.rows) {
  const file = join(whatsup, row.image_path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, paddedJpeg(0, row.image_path));
}

const vsr = 'benchmarks/demo/vsr/data';
const split = readFileSync(join(vsr, 'splits', 'zeroshot', 'test.jsonl'), 'utf8').split('\n').filter((l) => l.trim() !== '');
mkdirSync(join(vsr, 'images'), { recursive: true });
for (const line of split) {
  const { image } = JSON.parse(line);
  writeFileSync(join(vsr, 'images', image), paddedJpeg(0, image));
}
console.log(`wrote ${controlled.rows.length} What'sUp images and ${split.length} VSR images`);
