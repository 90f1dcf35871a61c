/**
 * 3DSRBench-schema TSV rows (3dsrbench_v1_vlmevalkit_circular.tsv): every question in each option
 * rotation ('Q3D00001', 'Q3D00001-1', …) and on the mirrored image ('Q3D00001-flip', 'Q3D00001-flip-1', …).
 */
import { TINY_PNG } from '../../bench/synthetic.js';

export const COLUMNS = ['index', 'qid', 'question', 'A', 'B', 'C', 'D', 'answer', 'category', 'image', 'image_source', 'image_url'] as const;

export type Row = Record<(typeof COLUMNS)[number], string>;

/** The official script's mapping, written out again here so the test does not read the module's. */
export const TYPES: Readonly<Record<string, readonly string[]>> = {
  height: ['height_higher'],
  location: ['location_above', 'location_closer_to_camera', 'location_next_to'],
  orientation: ['orientation_in_front_of', 'orientation_on_the_left', 'orientation_viewpoint'],
  multi_object: [
    'multi_object_closer_to', 'multi_object_facing', 'multi_object_viewpoint_towards_object',
    'multi_object_parallel', 'multi_object_same_direction',
  ],
};
export const SUBTYPES: readonly string[] = Object.values(TYPES).flat();

const WORDS = ['left', 'right', 'above', 'below'];

/**
 * `bases` questions, cycling through the 12 subtypes; every third has two options (yes/no-like),
 * the rest four. Rows of a question after its first reuse the first one's image by index, as
 * VLMEvalKit TSVs do; the mirrored question has the mirrored answer.
 */
export function threeDsrRows(bases: number): Row[] {
  const rows: Row[] = [];
  for (let b = 0; b < bases; b++) {
    const base = `Q3D${String(b + 1).padStart(5, '0')}`;
    const category = SUBTYPES[b % SUBTYPES.length] as string;
    const n = b % 3 === 0 ? 2 : 4;
    const options = WORDS.slice(0, n);
    for (const flip of [false, true]) {
      const correct = (b + (flip ? 1 : 0)) % n;
      const first = String(rows.length + 1);
      for (let k = 0; k < n; k++) {
        const rotated = options.map((_, j) => options[(j + k) % n] as string);
        const qid = `${base}${flip ? '-flip' : ''}${k === 0 ? '' : `-${k}`}`;
        const row: Row = {
          index: String(rows.length + 1),
          qid,
          // The mock sees no image: a mirrored question worded alike would get the same reply.
          question: `Question ${b + 1}${flip ? ' (mirrored)' : ''}: where is the chair relative to the table?`,
          A: rotated[0] ?? '',
          B: rotated[1] ?? '',
          C: rotated[2] ?? '',
          D: rotated[3] ?? '',
          answer: 'ABCD'[rotated.indexOf(options[correct] as string)] ?? 'A',
          category,
          image: k === 0 ? TINY_PNG.toString('base64') : first,
          image_source: 'MS-COCO',
          image_url: `http://images.cocodataset.org/val2017/${String(b).padStart(12, '0')}.jpg`,
        };
        rows.push(row);
      }
    }
  }
  return rows;
}
