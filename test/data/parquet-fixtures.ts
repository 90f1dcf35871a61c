import { readFileSync, writeFileSync } from 'node:fs';
import { parquetMetadata, type FileMetaData } from 'hyparquet';
import type { DataRow } from '../../src/core/types.js';
import { readParquet, type ReadParquetOptions } from '../../src/data/parquet.js';
import { field, type Field, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { paddedJpeg, TINY_PNG } from '../../bench/synthetic.js';

/**
 * Parquet files with the real BLINK and MMSI-Bench schemas (CV-Bench's lives in
 * bench/synthetic-parquet.ts, which the benchmarks also use), plus ways to damage files.
 */

/** BLINK-Benchmark/BLINK, one subtask config: up to four HF image structs, unused ones null. */
export const BLINK_FIELDS: readonly Field[] = [
  ...['idx', 'question', 'sub_task'].map(field.string),
  ...['image_1', 'image_2', 'image_3', 'image_4'].map(field.image),
  field.list('choices', field.string),
  ...['answer', 'prompt', 'explanation'].map(field.string),
];

export function blinkImages(i: number): Buffer[] {
  return i % 2 === 0 ? [TINY_PNG, paddedJpeg(3000, `blink ${i}`)] : [paddedJpeg(2000, `blink ${i}`)];
}

export function blinkRow(i: number): ParquetRowValues {
  const [a, b] = blinkImages(i);
  const struct = (bytes: Buffer | undefined, k: number) => (bytes === undefined ? null : { bytes, path: `val_Spatial_Relation_${i}_${k}.png` });
  const question = `Is the car on the left of the dog? (${i})`;
  return {
    idx: `val_Spatial_Relation_${i + 1}`,
    question,
    sub_task: 'Spatial_Relation',
    image_1: struct(a, 1),
    image_2: struct(b, 2),
    image_3: null,
    image_4: null,
    choices: ['yes', 'no'],
    answer: i % 2 === 0 ? '(A)' : '(B)',
    prompt: `${question}\nSelect from the following choices.\n(A) yes\n(B) no`,
    explanation: '',
  };
}

/** RunsenXu/MMSI-Bench `MMSI_Bench.parquet`: a list of JPEG bytes per question. */
export const MMSI_FIELDS: readonly Field[] = [
  field.int64('id'),
  field.list('images', field.binary),
  ...['question_type', 'question', 'answer', 'thought'].map(field.string),
  field.double('mean_normed_duration_seconds'),
  field.string('difficulty'),
];

export function mmsiImages(i: number): Buffer[] {
  return Array.from({ length: 1 + (i % 3) }, (_, k) => paddedJpeg(1500 + 100 * k, `mmsi ${i}.${k}`));
}

export function mmsiRow(i: number): ParquetRowValues {
  return {
    id: BigInt(i),
    images: i === 4 ? null : mmsiImages(i),
    question_type: 'Positional Relationship (Cam.-Obj.)',
    question: `Where is the sofa relative to the camera in view ${i}?\nOptions: A: left, B: right, C: front, D: behind`,
    answer: 'ABCD'[i % 4] ?? 'A',
    thought: 'The sofa appears on the left.',
    mean_normed_duration_seconds: 12.5 + i,
    difficulty: ['easy', 'medium', 'hard'][i % 3] ?? 'easy',
  };
}

/** Splits `count` rows into groups of `size`, built by `row`. */
export function grouped(count: number, size: number, row: (i: number) => ParquetRowValues): ParquetRowValues[][] {
  const out: ParquetRowValues[][] = [];
  for (let start = 0; start < count; start += size) {
    out.push(Array.from({ length: Math.min(size, count - start) }, (_, k) => row(start + k)));
  }
  return out;
}

/**
 * A valid zstd frame holding `input` in raw (stored) blocks. Node 20's zlib has no zstd, and this
 * is enough to prove the reader's ZSTD codec is wired: fzstd must parse the frame and blocks.
 */
export function zstdStored(input: Uint8Array): Uint8Array {
  const MAX_BLOCK = 128 * 1024;
  const parts: Buffer[] = [];
  // Magic; frame header: single segment, 4-byte content size, no checksum, no dictionary.
  const header = Buffer.alloc(9);
  header.writeUInt32LE(0xfd2fb528, 0);
  header.writeUInt8(0b1010_0000, 4);
  header.writeUInt32LE(input.length, 5);
  parts.push(header);
  let pos = 0;
  do {
    const size = Math.min(MAX_BLOCK, input.length - pos);
    const last = pos + size >= input.length ? 1 : 0;
    const value = last | (0 << 1) | (size << 3); // block type 0 = raw
    parts.push(Buffer.from([value & 0xff, (value >> 8) & 0xff, (value >> 16) & 0xff]), Buffer.from(input.subarray(pos, pos + size)));
    pos += size;
  } while (pos < input.length);
  return Buffer.concat(parts);
}

/** The footer metadata, parsed independently of the reader under test. */
export function footerOf(file: string): FileMetaData {
  return parquetMetadata(readFileSync(file));
}

/** Byte range [start, end) of each column chunk, by dotted path, per row group. */
export function chunkRanges(file: string): Map<string, { start: number; end: number }>[] {
  return footerOf(file).row_groups.map(
    (group) =>
      new Map(
        group.columns.map((chunk) => {
          const meta = chunk.meta_data;
          if (meta === undefined) throw new Error('no column metadata');
          const start = Number(meta.dictionary_page_offset || meta.data_page_offset);
          return [meta.path_in_schema.join('.'), { start, end: start + Number(meta.total_compressed_size) }];
        }),
      ),
  );
}

/** Keeps the first `keep` bytes of `from`, then appends its intact footer: pages cut, footer fine. */
export function cutPagesKeepFooter(from: string, to: string, keep: number): void {
  const bytes = readFileSync(from);
  const footerLength = bytes.readUInt32LE(bytes.length - 8) + 8;
  writeFileSync(to, Buffer.concat([bytes.subarray(0, keep), bytes.subarray(bytes.length - footerLength)]));
}

export async function readAll(file: string, options: ReadParquetOptions): Promise<DataRow[]> {
  const rows: DataRow[] = [];
  for await (const row of readParquet(file, options)) rows.push(row);
  return rows;
}
