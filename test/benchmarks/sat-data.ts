/**
 * SAT files in their real schemas: array/SAT's `SAT_test.parquet` (image_bytes a list of raw image
 * bytes, as lmms-eval's commit 1979f32 describes the original's nested list<binary>; question,
 * answers, question_type, correct_answer = one of the answers) and lmms-eval's re-host nv-njb/SAT
 * (image_bytes a Sequence(Image()), i.e. a list of {bytes, path} structs; correct_answer_idx).
 */
import { field, writeParquetGroups, type Field, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { paddedJpeg, TINY_PNG } from '../../bench/synthetic.js';
import { QA_FIRST, QA_MORE } from './sat-cases.js';

export const SAT_FIELDS: readonly Field[] = [
  field.list('image_bytes', field.binary),
  field.string('question'),
  field.list('answers', field.string),
  field.string('question_type'),
  field.string('correct_answer'),
];

export const NV_FIELDS: readonly Field[] = [
  field.list('image_bytes', field.image),
  field.string('question'),
  field.list('answers', field.string),
  field.string('question_type'),
  field.int64('correct_answer_idx'),
];

export interface SatItem {
  readonly question: string;
  readonly type: string;
  readonly options: readonly string[];
  /** 0-based position of the right option in `options`. */
  readonly gold: number;
  readonly images: number;
}

const TEMPLATES: readonly Omit<SatItem, 'question'>[] = [
  { type: 'ego_movement', options: ['Rotated left', 'Rotated right'], gold: 1, images: 2 },
  { type: 'obj_movement', options: ['yes', 'no'], gold: 0, images: 2 },
  { type: 'goal_aim', options: ['left', 'right'], gold: 0, images: 1 },
  { type: 'action_consequence', options: ['The lamp gets closer', 'The lamp gets farther'], gold: 1, images: 1 },
  { type: 'perspective', options: ['left', 'right'], gold: 1, images: 1 },
];

const QUESTIONS: Readonly<Record<string, string>> = {
  ego_movement: 'How did the camera likely move when shooting the video?',
  obj_movement: 'Did any of the objects in the initial frame move?',
  goal_aim: 'If I go to the red chair, which direction would I turn?',
  action_consequence: 'If I turn left and walk forward, what happens to the lamp?',
  perspective: 'For someone at the sofa facing the TV, is the plant to their left or right?',
};

/** `count` items cycling through the five test types; questions numbered so each is unique. */
export function satItems(count: number): SatItem[] {
  return Array.from({ length: count }, (_, i) => {
    const t = TEMPLATES[i % TEMPLATES.length] as Omit<SatItem, 'question'>;
    return { ...t, question: `${QUESTIONS[t.type] ?? ''} (scene ${i})` };
  });
}

export const imagesOf = (it: SatItem, i: number): Buffer[] => Array.from({ length: it.images }, (_, k) => (k === 0 ? TINY_PNG : paddedJpeg(1200, `sat ${i}`)));

export function satRow(it: SatItem, i: number): ParquetRowValues {
  return { image_bytes: imagesOf(it, i), question: it.question, answers: [...it.options], question_type: it.type, correct_answer: it.options[it.gold] };
}

export function nvRow(it: SatItem, i: number): ParquetRowValues {
  const image_bytes = imagesOf(it, i).map((bytes, k) => ({ bytes, path: `sat_${i}_${k}.png` }));
  return { image_bytes, question: it.question, answers: [...it.options], question_type: it.type, correct_answer_idx: BigInt(it.gold) };
}

export async function writeSat(file: string, items: readonly SatItem[], edit: (row: ParquetRowValues, i: number) => ParquetRowValues = (r) => r): Promise<void> {
  await writeParquetGroups(file, { fields: SAT_FIELDS }, [items.map((it, i) => edit(satRow(it, i), i))]);
}

export async function writeNv(file: string, items: readonly SatItem[]): Promise<void> {
  await writeParquetGroups(file, { fields: NV_FIELDS }, [items.map(nvRow)]);
}

/** A QAAccuracy case from the original's table, as an item with the reply it was judged on. */
export interface QaCaseItem extends SatItem {
  readonly id: string;
  readonly reply: string;
  /** The original's verdict; null where it raises. */
  readonly correct: number | null;
}

/**
 * Every QAAccuracy case as a SAT item: its question, type and options (QA_FIRST's cases, judged on
 * the question alone, get a second option that holds none of QAAccuracy's prompt phrases).
 */
export function qaCaseItems(): QaCaseItem[] {
  const first = QA_FIRST.map(([id, prompt, gold, reply, correct]): QaCaseItem => ({ id, question: prompt, type: 'goal_aim', options: [gold, 'none of these'], gold: 0, images: 1, reply, correct }));
  const more = QA_MORE.map(([id, type, question, options, gold, reply, correct]): QaCaseItem => ({ id, question, type, options, gold: options.indexOf(gold), images: 2, reply, correct }));
  return [...first, ...more];
}
