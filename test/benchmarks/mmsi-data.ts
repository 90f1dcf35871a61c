/**
 * MMSI-Bench files in their real schemas: the HF Parquet (options inside the question text, a list
 * of image bytes per row) and VLMEvalKit's MMSIBench_circular TSV (option columns, rotations at
 * index + 1e6·k, a Python list of base64 images, rotations referring to the first row's images).
 */
import { writeParquetGroups, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { MMSI_FIELDS } from '../data/parquet-fixtures.js';

/** The dataset's 11 `question_type` values (en dashes), and VLMEvalKit's short names for them. */
export const QUESTION_TYPES: readonly (readonly [string, string])[] = [
  ['Positional Relationship (Cam.–Cam.)', 'Pos-Cam-Cam'],
  ['Positional Relationship (Obj.–Obj.)', 'Pos-Obj-Obj'],
  ['Positional Relationship (Reg.–Reg.)', 'Pos-Reg-Reg'],
  ['Positional Relationship (Cam.–Obj.)', 'Pos-Cam-Obj'],
  ['Positional Relationship (Obj.–Reg.)', 'Pos-Obj-Reg'],
  ['Positional Relationship (Cam.–Reg.)', 'Pos-Cam-Reg'],
  ['Attribute (Meas.)', 'Attr-Meas'],
  ['Attribute (Appr.)', 'Attr-Appr'],
  ['Motion (Cam.)', 'Motion-Cam'],
  ['Motion (Obj.)', 'Motion-Obj'],
  ['MSR', 'MSR'],
];

const OPTIONS = ['to the left of the sofa', 'to the right of the sofa', 'in front of the sofa', 'behind the sofa'];

export interface MmsiItem {
  readonly id: number;
  readonly type: string;
  readonly short: string;
  readonly stem: string;
  readonly options: readonly string[];
  /** 0-based index of the right option. */
  readonly answer: number;
  readonly images: number;
}

export function mmsiItems(count: number): MmsiItem[] {
  return Array.from({ length: count }, (_, i) => {
    const [type, short] = QUESTION_TYPES[i % QUESTION_TYPES.length] as readonly [string, string];
    return { id: i, type, short, stem: `Image ${i + 1} shows a living room. Where is the lamp?`, options: OPTIONS, answer: (i * 3) % 4, images: 2 + (i % 3) };
  });
}

export const optionsText = (options: readonly string[]): string => options.map((o, k) => `${'ABCD'[k]}: ${o}`).join(', ');

/** The Parquet's question: the stem, then the options on their own line. */
export const parquetQuestion = (it: MmsiItem): string => `${it.stem}\nOptions: ${optionsText(it.options)}`;

export function parquetRow(it: MmsiItem): ParquetRowValues {
  return {
    id: BigInt(it.id),
    images: Array.from({ length: it.images }, () => TINY_PNG),
    question_type: it.type,
    question: parquetQuestion(it),
    answer: 'ABCD'[it.answer],
    thought: 'The lamp stands next to the sofa in both views.',
    mean_normed_duration_seconds: 30.5,
    difficulty: 'hard',
  };
}

export async function writeMmsiParquet(file: string, items: readonly MmsiItem[], edit: (row: ParquetRowValues, i: number) => ParquetRowValues = (r) => r): Promise<void> {
  await writeParquetGroups(file, { fields: MMSI_FIELDS }, [items.map((it, i) => edit(parquetRow(it), i))]);
}

export const CIRCULAR_COLUMNS = ['index', 'image', 'question', 'A', 'B', 'C', 'D', 'answer', 'category'] as const;
export type CircularRow = Record<(typeof CIRCULAR_COLUMNS)[number], string>;

/** Rotation k of every item, k = 0..3, at index id + 1e6·k (VLMEvalKit's circular layout). */
export function circularRows(items: readonly MmsiItem[]): CircularRow[] {
  const png = TINY_PNG.toString('base64');
  const rows: CircularRow[] = [];
  for (let k = 0; k < 4; k++) {
    for (const it of items) {
      const rotated = it.options.map((_, j) => it.options[(j + k) % 4] as string);
      rows.push({
        index: String(it.id + 1_000_000 * k),
        image: k === 0 ? `[${Array.from({ length: it.images }, () => `'${png}'`).join(', ')}]` : String(it.id),
        question: it.stem,
        A: rotated[0] as string,
        B: rotated[1] as string,
        C: rotated[2] as string,
        D: rotated[3] as string,
        answer: 'ABCD'[rotated.indexOf(it.options[it.answer] as string)] as string,
        category: it.short,
      });
    }
  }
  return rows;
}
