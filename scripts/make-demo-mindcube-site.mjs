#!/usr/bin/env node
// Writes the MindCube and SITE image demos: MindCube (benchmarks/demo/mindcube_tiny/tiny/combined-00000-of-00001.parquet) in
// lmms-eval's oscarqjh/MindCube_lmmseval schema: id, question, images (list of HF Image structs),
// gt_answer, input_prompt (the official raw-QA instruction, "[Question]", the question with <image>
// marks), and benchmarks/demo/SiteBenchImage.tsv. Run from the repo root; scripts/make-demo.mjs runs it too.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import { rgbPng } from './demo-png.mjs';

/** An 8×8 solid-colour RGB PNG. */
const png = (colour) => rgbPng(8, () => colour);
const COLORS = [[200, 40, 40], [40, 160, 60], [40, 70, 200], [220, 200, 40]];

const HEAD = `[Task]
Your task is to analyze the spatial arrangement of objects in the scene by examining the provided images, which show the scene from different viewpoints.
[Answer Instruction]
You only need to provide *ONE* correct answer selecting from the options listed below. For example, if you think the correct answer is 'A. Above' from 'A. Above B. Under C. Front D. Behind', your response should **only** be '<answer>A. Above</answer>'.

[Question]
`;
const items = [
  ['rotation_group000_q1_1', 3, 'These three images (image 1, 2, and 3) show the same scene from three different viewpoints, each taken after turning the camera 90 degrees to the right. If you are standing at the viewpoint presented in image 1, what is to your right? A. Chair and white board B. Door C. Two chairs', 'B'],
  ['rotation_group002_q2_5', 2, 'These two images (image 1 and 2) show the same scene; image 2 was taken after turning the camera 90 degrees to the right. If you turn 180 degrees around at image 1, what is to your left? A. Blue bin B. Black sofa', 'B'],
  ['among_group010_q1_2', 4, 'These four images show a lamp from the front, left, back and right. From the viewpoint of image 2, where is the plant relative to the lamp? A. Left B. Right C. Front D. Behind', 'D'],
  ['among_group011_q3_1', 4, 'These four images show a table from four sides. Which object is nearest to the camera in image 3? A. Cup B. Book C. Vase', 'A'],
  ['around_group020_q1_1', 2, 'These two images were taken while walking around a sofa. After moving from image 1 to image 2, is the TV to your left or right? A. Left B. Right', 'A'],
  ['aroundnew_test_q1_001', 3, 'These three images were taken while walking around a desk. In image 3, what is behind the chair? A. Window B. Shelf C. Door', 'C'],
];
const rows = items.map(([id, n, q, gold], i) => {
  const question = `${'<image>'.repeat(n)}${q}`;
  return {
    id,
    question,
    images: Array.from({ length: n }, (_, k) => ({ bytes: png(COLORS[(i + k) % 4]), path: `${id}_${k}.png` })),
    gt_answer: gold,
    input_prompt: `${HEAD}${question}`,
  };
});
const opt = (name, rest) => ({ name, repetition_type: 'OPTIONAL', ...rest });
const str = (name) => [opt(name, { type: 'BYTE_ARRAY', converted_type: 'UTF8' })];
const fields = [
  str('id'),
  str('question'),
  [opt('images', { converted_type: 'LIST', num_children: 1 }), { name: 'list', repetition_type: 'REPEATED', num_children: 1 }, opt('element', { num_children: 2 }), opt('bytes', { type: 'BYTE_ARRAY' }), ...str('path')],
  str('gt_answer'),
  str('input_prompt'),
];
const dir = 'benchmarks/demo/mindcube_tiny/tiny';
mkdirSync(dir, { recursive: true });
const writer = new ParquetWriter({ writer: fileWriter(`${dir}/combined-00000-of-00001.parquet`), schema: [{ name: 'schema', num_children: fields.length }, ...fields.flat()], codec: 'SNAPPY' });
await writer.write({ columnData: fields.map((f) => ({ name: f[0].name, data: rows.map((r) => r[f[0].name]) })), rowGroupSize: rows.length });
await writer.finish();
console.log(`wrote ${rows.length} MindCube items`);

// --- SiteBenchImage.tsv: VLMEvalKit's SITE image TSV schema (options a Python list, answer a letter).
const b64 = (k) => png(COLORS[k % 4]).toString('base64');
const site = [
  ['How many chairs are in the image?', ['1', '2', '3', '4'], 'B', 'counting & existence', 1],
  ['Where is the lamp relative to the sofa?', ['left', 'right'], 'A', 'object localization & positioning', 1],
  ['Which object is closer to the camera?', ['the cup', 'the book', 'the vase'], 'C', '3d information understanding', 1],
  ['Which image was taken from the left side of the table?', ['the first', 'the second'], 'B', 'multi-view & cross-image reasoning', 2],
  ['Is the plant above or below the shelf?', ['above', 'below', 'at the same height'], 'A', 'spatial relationship reasoning', 1],
  ['If the robot keeps moving forward, what will it reach first?', ['the door', 'the bed', 'the window', 'the desk'], 'D', 'movement prediction & navigation', 2],
];
const cell = (s) => (/[\t\n\r"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const siteLines = ['index\timage\tquestion\toptions\tanswer\tcategory', ...site.map(([q, o, a, c, n], i) => [String(i), `[${Array.from({ length: n }, (_, k) => `'${b64(i + k)}'`).join(', ')}]`, q, `[${o.map((x) => `'${x}'`).join(', ')}]`, a, c].map(cell).join('\t'))];
writeFileSync('benchmarks/demo/SiteBenchImage.tsv', `${siteLines.join('\n')}\n`);
console.log(`wrote ${site.length} SITE image items`);
