/**
 * SpatialEval Parquet files in the Hub's schema and layout (MilaWang/SpatialEval: `tqa/`, `vqa/`,
 * `vtqa/` folders of `test-*-of-*.parquet`; columns id, text, image (not in tqa), oracle_answer,
 * oracle_option, oracle_full_answer), holding the replies of spatialeval-cases.ts: each row is one
 * case, so its official score is the one the original script gave that reply.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { field, writeParquetGroups, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { ORIGINAL_CASES } from './spatialeval-cases.js';

export const MODALITIES = ['tqa', 'vqa', 'vtqa'] as const;
export type Modality = (typeof MODALITIES)[number];

export const W_REASON = '\nFirst, provide a concise answer in one sentence. Then, elaborate on the reasoning behind your answer in a detailed, step-by-step explanation.';

export interface Row {
  readonly id: string;
  readonly modality: Modality;
  readonly task: string;
  readonly text: string;
  readonly oracle: string;
  readonly letter: string;
  readonly options: readonly string[];
  /** What the mock is made to reply. */
  readonly reply: string;
  /** The original script's score of the reply; null for Spatial-Real (no rule: judged). */
  readonly score: number | null;
}

const LETTERS = 'ABCD';
const ORACLE_FIELDS = ['oracle_answer', 'oracle_option', 'oracle_full_answer'].map(field.string);
export const TQA_FIELDS = [field.string('id'), field.string('text'), ...ORACLE_FIELDS];
export const IMAGE_FIELDS = [field.string('id'), field.string('text'), field.image('image'), ...ORACLE_FIELDS];

const QUESTIONS: Readonly<Record<string, string>> = {
  spatialmap: 'Consider a map with multiple objects: Lotus Lounge is to the northeast of Crimson Cafe. Crimson Cafe is to the southwest of Azure Apparel.\nPlease answer the following multiple-choice question based on the provided information.',
  mazenav: 'This is a maze. The objective is to navigate from S to E by following the path marked by X.\nPlease answer the following question:',
  spatialgrid: "Consider a 5x5 grid with animals from ['cat', 'dog', 'elephant', 'giraffe', 'rabbit'].\nPlease answer the following multiple-choice question based on the provided information.",
  spatialreal: 'The image shows a dining room with a table and chairs.\nPlease answer the following multiple-choice question.',
};

/** The question text: its options inline, the gold one at `gold`. */
function textOf(task: string, tag: string, options: readonly string[]): string {
  return `${QUESTIONS[task] ?? ''}\n[${tag}] Which is right?\nAvailable options: ${options.map((o, k) => `${LETTERS[k]}. ${o}`).join(', ')}`;
}

function withGold(oracle: string, gold: number, size = 4): string[] {
  const others = Array.from({ length: size - 1 }, (_, k) => `other ${k + 1}`);
  return [...others.slice(0, gold), oracle, ...others.slice(gold)];
}

/** Spatial-Real: [oracle, options, gold index, reply]; the mock judge picks the one option named in the reply. */
const SPATIAL_REAL: readonly (readonly [string, readonly string[], number, string])[] = [
  ['three', ['two', 'three', 'four'], 1, 'I count three chairs around the table.'],
  ['left', ['left', 'right'], 0, 'The lamp stands on the right of the sofa.'],
  ['two', ['two', 'three', 'four'], 0, 'Either two or three, it is hard to tell.'],
  ['four', ['two', 'three', 'four'], 2, 'I cannot see the image.'],
  ['behind', ['in front of', 'behind'], 1, 'The plant is behind the chair.'],
];

/** Every open-model case once, modalities in turn, then the Spatial-Real rows. */
export function spatialEvalRows(): Row[] {
  const rows: Row[] = [];
  ORIGINAL_CASES.filter((c) => c[5] === null).forEach(([name, task, qid, oracle, reply, , , score], i) => {
    const modality = MODALITIES[i % 3] as Modality;
    const gold = i % 4;
    const options = withGold(oracle, gold);
    rows.push({ id: `${task}.${name}.${qid}`, modality, task, text: textOf(task, `${modality} ${name}`, options), oracle, letter: LETTERS[gold] ?? 'A', options, reply, score });
  });
  SPATIAL_REAL.forEach(([oracle, options, gold, reply], i) => {
    const modality = MODALITIES[i % 3] as Modality;
    rows.push({ id: `spatialreal.${i}.0`, modality, task: 'spatialreal', text: textOf('spatialreal', `${modality} real ${i}`, options), oracle, letter: LETTERS[gold] ?? 'A', options, reply, score: null });
  });
  return rows;
}

function parquetRow(r: Row): ParquetRowValues {
  const base = { id: r.id, text: r.text, oracle_answer: r.oracle, oracle_option: r.letter, oracle_full_answer: `${r.letter}. ${r.oracle}` };
  return r.modality === 'tqa' ? base : { ...base, image: { bytes: TINY_PNG, path: `${r.id}.png` } };
}

/** Writes the rows as the Hub lays them out: tqa in one shard, vqa and vtqa in two each. */
export async function writeHfLayout(root: string, rows: readonly Row[]): Promise<void> {
  for (const m of MODALITIES) {
    const dir = join(root, m);
    await mkdir(dir, { recursive: true });
    const mine = rows.filter((r) => r.modality === m).map(parquetRow);
    const fields = m === 'tqa' ? TQA_FIELDS : IMAGE_FIELDS;
    if (m === 'tqa') {
      await writeParquetGroups(join(dir, 'test-00000-of-00001.parquet'), { fields }, [mine]);
      continue;
    }
    const half = Math.ceil(mine.length / 2);
    await writeParquetGroups(join(dir, 'test-00000-of-00002.parquet'), { fields }, [mine.slice(0, half)]);
    await writeParquetGroups(join(dir, 'test-00001-of-00002.parquet'), { fields }, [mine.slice(half)]);
  }
}

/** The mock judge's rule (src/mock/judge.ts): the one option whose text the reply holds, else none. */
export function mockJudgeLetter(reply: string, options: readonly string[]): string | null {
  const found = options.flatMap((o, k) => (reply.toLowerCase().includes(o.toLowerCase()) ? [LETTERS[k] ?? ''] : []));
  return found.length === 1 ? (found[0] ?? null) : null;
}
