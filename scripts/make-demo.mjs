#!/usr/bin/env node
// Regenerates the bundled demo TSVs (benchmarks/demo/*.tsv) in VLMEvalKit's MCQ schema, and the
// SpatialEval demo Parquet (benchmarks/demo/SpatialEval/<config>/test-*.parquet) in the Hub's schema.
// Images are tiny real PNGs (solid colours with a marker), so the files stay a few kilobytes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileWriter, ParquetWriter } from 'hyparquet-writer';
import { rgbPng } from './demo-png.mjs';

/** An 8×8 RGB PNG: background colour with a 3×3 square of another colour at (x, y), as base64. */
function png(background, marker, x, y) {
  return rgbPng(8, (i, j) => (i >= x && i < x + 3 && j >= y && j < y + 3 ? marker : background)).toString('base64');
}

/** pandas' to_csv(sep='\t') quoting: quote fields holding tab, newline or quote; double inner quotes. */
const cell = (v) => {
  const s = v === undefined || v === null ? '' : String(v);
  return /[\t\n\r"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const tsv = (columns, rows) => [columns, ...rows.map((r) => columns.map((c) => r[c]))].map((r) => r.map(cell).join('\t')).join('\n') + '\n';

const COLORS = [[200, 40, 40], [40, 160, 60], [40, 70, 200], [220, 200, 40], [150, 60, 170], [30, 170, 170]];
const img = (k) => png(COLORS[k % 6], [250, 250, 250], k % 5, (k * 3) % 5);

// --- DemoSpatial: generic MCQ with split, category, l2-category, a hint, references and a multi-image row.
const spatial = [
  ['Is the red block left or right of the blue block?', ['left', 'right'], 'A', 'relation', '2D'],
  ['Which object is closer to the camera?', ['the chair', 'the lamp', 'the table'], 'C', 'depth', '3D'],
  ['How many cubes are in the image?', ['1', '2', '3', '4'], 'B', 'count', '2D'],
  ['Is the cup above or below the shelf?', ['above', 'below'], 'B', 'relation', '2D'],
  ['Which is farther from the door: the bed or the desk?', ['the bed', 'the desk'], 'A', 'depth', '3D'],
  ['How many chairs surround the table?', ['2', '3', '4', '6'], 'C', 'count', '2D'],
  ['Seen from the sofa, is the TV on the left or the right?', ['left', 'right'], 'B', 'relation', '3D'],
  ['Which object is larger in 3D: the box or the ball?', ['the box', 'the ball'], 'A', 'depth', '3D'],
  ['How many windows are visible?', ['0', '1', '2', '3'], 'D', 'count', '2D'],
  ['Is the lamp in front of or behind the plant?', ['in front of', 'behind'], 'A', 'relation', '3D'],
  ['Which point is closer to the camera, "A" or "B"?', ['A', 'B'], 'B', 'depth', '3D'],
  ['Across the two views, did the camera move left or right?', ['left', 'right', 'it did not move'], 'A', 'relation', '3D'],
];
const spatialRows = spatial.map(([question, opts, answer, category, l2], i) => {
  const row = { index: i, question, answer, category, 'l2-category': l2, split: i % 3 === 2 ? 'test' : 'dev' };
  opts.forEach((o, k) => { row['ABCD'[k]] = o; });
  row.image = i === 3 ? '0' : i === 7 ? '4' : img(i); // rows 3 and 7 reuse other rows' images by index
  if (i === 11) row.image = `['${img(11)}', '${img(12)}']`; // two views
  if (i === 1) row.hint = 'Distances are measured from the camera centre.';
  return row;
});
writeFileSync('benchmarks/demo/DemoSpatial.tsv', tsv(['index', 'image', 'question', 'hint', 'A', 'B', 'C', 'D', 'answer', 'category', 'l2-category', 'split'], spatialRows));

// --- DemoSpatial_circular: every question in all rotations of its options, index = orig + 1e6·k.
const circ = [
  ['Where is the green square relative to the red one?', ['left', 'right', 'above', 'below'], 0, 'relation'],
  ['Which object is nearest to the camera?', ['mug', 'laptop', 'plant'], 2, 'depth'],
  ['How many books lie on the desk?', ['1', '2', '3', '4'], 3, 'count'],
  ['Facing the window, where is the door?', ['behind you', 'to your left', 'to your right'], 1, 'relation'],
  ['Which is taller in reality?', ['the bottle', 'the cabinet'], 1, 'depth'],
  ['How many people are seated?', ['0', '1', '2'], 2, 'count'],
];
const circRows = [];
circ.forEach(([question, opts, gold, category], q) => {
  for (let k = 0; k < opts.length; k++) {
    const rotated = opts.map((_, j) => opts[(j + k) % opts.length]);
    const goldPos = rotated.indexOf(opts[gold]);
    const row = { index: q + 1_000_000 * k, question, answer: 'ABCD'[goldPos], category };
    rotated.forEach((o, j) => { row['ABCD'[j]] = o; });
    row.image = k === 0 ? img(q + 20) : String(q); // rotations reference the original's image
    circRows.push(row);
  }
});
circRows.sort((a, b) => a.index - b.index);
writeFileSync('benchmarks/demo/DemoSpatial_circular.tsv', tsv(['index', 'image', 'question', 'A', 'B', 'C', 'D', 'answer', 'category'], circRows));
console.log(`wrote ${spatialRows.length} + ${circRows.length} rows`);

// --- Omni3DBench: VLMEvalKit's omni3dbench.tsv schema (free answers; answer_type int / str / float).
const omni = [
  ['How many chairs are in the room?', '4', 'int'],
  ['Is the lamp taller than the table?', 'yes', 'str'],
  ['Is the sofa closer to the camera than the bed?', 'no', 'str'],
  ['Which side of the bed is the nightstand on, left or right?', 'left', 'str'],
  ['How tall is the table in meters?', '0.75', 'float'],
  ['How far apart are the two chairs, in meters?', '1.8', 'float'],
  ['How many windows are there?', '2', 'int'],
  ['What is the ratio of the shelf height to the desk height?', '2.5', 'float'],
];
const omniRows = omni.map(([question, answer, answer_type], i) => ({ index: i, image: img(i + 30), question, answer, answer_type }));
writeFileSync('benchmarks/demo/Omni3DBench.tsv', tsv(['index', 'image', 'question', 'answer', 'answer_type'], omniRows));
console.log(`wrote ${omniRows.length} Omni3DBench rows`);

// --- SAT_test.parquet: array/SAT's schema (image_bytes a list of raw image bytes, answers a list of
// option texts, correct_answer one of them), one item per test question type plus a second ego one.
const { parquetWriteBuffer } = await import('hyparquet-writer');
const opt = (name, rest) => ({ name, repetition_type: 'OPTIONAL', ...rest });
const listOf = (name, element) => [
  opt(name, { converted_type: 'LIST', num_children: 1 }),
  { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
  opt('element', element),
];
const satSchema = [
  { name: 'schema', num_children: 5 },
  ...listOf('image_bytes', { type: 'BYTE_ARRAY' }),
  opt('question', { type: 'BYTE_ARRAY', converted_type: 'UTF8' }),
  ...listOf('answers', { type: 'BYTE_ARRAY', converted_type: 'UTF8' }),
  opt('question_type', { type: 'BYTE_ARRAY', converted_type: 'UTF8' }),
  opt('correct_answer', { type: 'BYTE_ARRAY', converted_type: 'UTF8' }),
];
const sat = [
  ['How did the camera likely move when shooting the video?', ['Rotated left', 'Rotated right'], 1, 'ego_movement', 2],
  ['Did any of the objects in the initial frame move?', ['Yes, the chair moved left', 'No'], 0, 'obj_movement', 2],
  ['If I go to the red chair, which direction would I turn?', ['left', 'right'], 0, 'goal_aim', 1],
  ['If I turn left and walk forward, does the lamp get closer or farther?', ['closer', 'farther'], 1, 'action_consequence', 1],
  ['For someone at the sofa facing the TV, is the plant to their left or right?', ['left', 'right'], 1, 'perspective', 1],
  ['Was the camera moving forward or backward?', ['forward', 'backward'], 0, 'ego_movement', 2],
];
const bytes = (k) => Buffer.from(img(k), 'base64');
const satBuffer = parquetWriteBuffer({
  schema: satSchema,
  columnData: [
    { name: 'image_bytes', data: sat.map(([, , , , n], i) => Array.from({ length: n }, (_, k) => bytes(30 + 2 * i + k))) },
    { name: 'question', data: sat.map(([q]) => q) },
    { name: 'answers', data: sat.map(([, a]) => a) },
    { name: 'question_type', data: sat.map(([, , , t]) => t) },
    { name: 'correct_answer', data: sat.map(([, a, gold]) => a[gold]) },
  ],
});
writeFileSync('benchmarks/demo/SAT_test.parquet', Buffer.from(satBuffer));
console.log(`wrote ${sat.length} SAT items`);
// --- SpatialEval: MilaWang/SpatialEval's columns and folders (tqa without images, vtqa with one).
const MAP = 'Consider a map with multiple objects: Lotus Lounge is to the northeast of Crimson Cafe. Azure Apparel is to the southwest of Crimson Cafe. Golden Grill is to the northwest of Lotus Lounge.';
const MAZE = 'This is a maze:\n#####\n#S..#\n##X.#\n#EX.#\n#####\nThe objective is to navigate from S to E by following the path marked by X.';
const GRID = "Consider a 3x3 grid with animals from ['cat', 'dog', 'elephant', 'giraffe', 'rabbit']:\ncat | dog | cat\nrabbit | cat | dog\nelephant | giraffe | cat";
const ROOM = 'A dining room: a table with chairs around it, a sofa with a lamp beside it.';
const seQuestions = [
  ['spatialmap.0.0', MAP, 'In which direction is Lotus Lounge relative to Azure Apparel?', ['Northeast', 'Northwest', 'Southwest', 'Southeast'], 0],
  ['spatialmap.1.2', MAP, 'How many objects are in the northeast of Azure Apparel?', ['1', '0', '2', '3'], 2],
  ['mazenav.0.0', MAZE, 'How many right turns are there in the provided path from S to E?', ['1', '2', '0', '3'], 2],
  ['mazenav.1.2', MAZE, 'Is the path marked by X the shortest path from S to E?', ['Yes', 'No'], 0],
  ['spatialgrid.0.0', GRID, 'How many blocks contain cat?', ['3', '4', '5', '2'], 1],
  ['spatialgrid.1.1', GRID, 'What animal is in the top-left block?', ['dog', 'cat', 'rabbit', 'elephant'], 1],
  ['spatialreal.0.0', ROOM, 'How many chairs are around the table?', ['2', '4', '6', '3'], 1],
  ['spatialreal.1.1', ROOM, 'Is the lamp to the left or to the right of the sofa?', ['left', 'right'], 0],
];
const seRow = ([id, context, question, options, gold], withImage, k) => ({
  id,
  text: `${context}\nPlease answer the following multiple-choice question based on the provided information. ${question} Available options: ${options.map((o, j) => `${'ABCD'[j]}. ${o}`).join(', ')}`,
  ...(withImage ? { image: { bytes: Buffer.from(img(k + 40), 'base64'), path: `${id}.png` } } : {}),
  oracle_answer: options[gold],
  oracle_option: 'ABCD'[gold],
  oracle_full_answer: `${'ABCD'[gold]}. ${options[gold]}`,
});
const str = (name) => [{ name, repetition_type: 'OPTIONAL', type: 'BYTE_ARRAY', converted_type: 'UTF8' }];
const imageField = (name) => [{ name, repetition_type: 'OPTIONAL', num_children: 2 }, { name: 'bytes', repetition_type: 'OPTIONAL', type: 'BYTE_ARRAY' }, ...str('path')];
async function writeSpatialEval(config, withImage) {
  const fields = [str('id'), str('text'), ...(withImage ? [imageField('image')] : []), str('oracle_answer'), str('oracle_option'), str('oracle_full_answer')];
  const rows = seQuestions.map((q, k) => seRow(q, withImage, k));
  mkdirSync(`benchmarks/demo/SpatialEval/${config}`, { recursive: true });
  const writer = new ParquetWriter({ writer: fileWriter(`benchmarks/demo/SpatialEval/${config}/test-00000-of-00001.parquet`), schema: [{ name: 'schema', num_children: fields.length }, ...fields.flat()], codec: 'SNAPPY' });
  await writer.write({ columnData: fields.map((f) => ({ name: f[0].name, data: rows.map((r) => r[f[0].name] ?? null) })), rowGroupSize: rows.length });
  await writer.finish();
}
await writeSpatialEval('tqa', false);
await writeSpatialEval('vtqa', true);
console.log(`wrote ${2 * seQuestions.length} SpatialEval rows`);
await import('./make-demo-mindcube-site.mjs');
