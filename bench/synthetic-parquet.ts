import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { CompressionCodec, SchemaElement } from 'hyparquet';
import { fileWriter, type ParquetWriteOptions, ParquetWriter } from 'hyparquet-writer';
import { paddedJpeg } from './synthetic.js';

/**
 * Synthetic Parquet files with the real HuggingFace schemas, for tests and benchmarks (the real
 * files live on hubs our machines cannot reach). Written one row group at a time, so multi-GB
 * files cost the memory of one row group.
 */

/** The schema elements of one top-level field, depth-first as Parquet stores them. */
export type Field = readonly SchemaElement[];

const optional = (name: string, rest: Omit<SchemaElement, 'name' | 'repetition_type'>): SchemaElement => ({
  name,
  repetition_type: 'OPTIONAL',
  ...rest,
});

/** Field builders for the column types HF `datasets` writes (every column nullable, as pyarrow does). */
export const field = {
  string: (name: string): Field => [optional(name, { type: 'BYTE_ARRAY', converted_type: 'UTF8' })],
  int32: (name: string): Field => [optional(name, { type: 'INT32' })],
  /** Values must be bigints. */
  int64: (name: string): Field => [optional(name, { type: 'INT64' })],
  double: (name: string): Field => [optional(name, { type: 'DOUBLE' })],
  /** Plain BYTE_ARRAY without a UTF8 annotation, as HF writes image bytes. */
  binary: (name: string): Field => [optional(name, { type: 'BYTE_ARRAY' })],
  /** HF `Image()`: struct {bytes: binary, path: string}. */
  image: (name: string): Field => [optional(name, { num_children: 2 }), ...field.binary('bytes'), ...field.string('path')],
  /** 3-level LIST as pyarrow writes it: <name> (LIST) / list (repeated) / element. */
  list: (name: string, element: (name: string) => Field): Field => [
    optional(name, { converted_type: 'LIST', num_children: 1 }),
    { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
    ...element('element'),
  ],
};

export type ParquetRowValues = Readonly<Record<string, unknown>>;

/** A struct of fields, nullable as pyarrow writes it. */
export function struct(name: string, children: readonly Field[]): Field {
  const head: SchemaElement = { name, repetition_type: 'OPTIONAL', num_children: children.length };
  return [head, ...children.flat()];
}

/**
 * verl RL Parquet as verl's examples/data_preprocess/geo3k.py writes it: `data_source`, `prompt`
 * list<struct{content, role}>, `images` list<struct{bytes, path}>, `ability`, `reward_model`
 * struct{ground_truth, style}, `extra_info` struct{answer, index, question, split}.
 */
export const VERL_FIELDS: readonly Field[] = [
  field.string('data_source'),
  field.list('prompt', (n) => struct(n, [field.string('content'), field.string('role')])),
  field.list('images', field.image),
  field.string('ability'),
  struct('reward_model', [field.string('ground_truth'), field.string('style')]),
  struct('extra_info', [field.string('answer'), field.int64('index'), field.string('question'), field.string('split')]),
];

export interface ParquetFileSpec {
  readonly fields: readonly Field[];
  /** Default SNAPPY, pyarrow's (and so HF's) default. */
  readonly codec?: CompressionCodec;
  /** Extra compressors; SNAPPY is built in, GZIP and BROTLI come from node:zlib. */
  readonly compressors?: ParquetWriteOptions['compressors'];
}

const ZLIB_COMPRESSORS: NonNullable<ParquetWriteOptions['compressors']> = {
  GZIP: (input) => gzipSync(input),
  // Quality 5, not zlib's default 11, which is ~10x slower for little gain on synthetic data.
  BROTLI: (input) => brotliCompressSync(input, { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }),
};

/** Writes `groups` (each one row group's rows, keyed by top-level column name) to `file`. */
export async function writeParquetGroups(
  file: string,
  spec: ParquetFileSpec,
  groups: Iterable<readonly ParquetRowValues[]> | AsyncIterable<readonly ParquetRowValues[]>,
): Promise<void> {
  const schema: SchemaElement[] = [{ name: 'schema', num_children: spec.fields.length }, ...spec.fields.flat()];
  const names = spec.fields.map((f) => f[0]?.name ?? '');
  const writer = new ParquetWriter({
    writer: fileWriter(file),
    schema,
    codec: spec.codec ?? 'SNAPPY',
    compressors: { ...ZLIB_COMPRESSORS, ...spec.compressors },
  });
  for await (const rows of groups) {
    if (rows.length === 0) continue;
    const columnData = names.map((name) => ({ name, data: rows.map((row) => row[name] ?? null) }));
    await writer.write({ columnData, rowGroupSize: rows.length });
  }
  await writer.finish();
}

/** CV-Bench's `test_2d.parquet` / `test_3d.parquet` columns (nyu-visionx/CV-Bench). */
export const CV_BENCH_FIELDS: readonly Field[] = [
  field.int32('idx'),
  ...['type', 'task'].map(field.string),
  field.image('image'),
  field.string('question'),
  field.list('choices', field.string),
  ...['answer', 'prompt', 'filename', 'source', 'source_dataset', 'source_filename', 'target_class'].map(field.string),
  field.int64('target_size'),
  field.list('bbox', (name) => field.list(name, field.double)),
];

const TASKS = [
  { type: '2D', task: 'Count', source: 'ADE20K', choices: ['0', '1', '2', '3', '4', '5'] },
  { type: '2D', task: 'Relation', source: 'COCO', choices: ['left', 'right'] },
  { type: '3D', task: 'Depth', source: 'Omni3D', choices: ['chair', 'lamp'] },
  { type: '3D', task: 'Distance', source: 'Omni3D', choices: ['chair', 'lamp', 'table'] },
] as const;

/** Row `i` (0-based) of a synthetic CV-Bench file; its image's JPEG comment names `i`. */
export function cvBenchRow(i: number, imageBytes: number): ParquetRowValues {
  const t = TASKS[i % TASKS.length] ?? TASKS[0];
  const question = `How many chairs are in image ${i}? Or is the chair (red box) closer than the lamp (blue box)?`;
  const letters = t.choices.map((_, k) => String.fromCharCode(65 + k));
  const filename = `img/${t.type}/${t.task.toLowerCase()}/${t.source.toLowerCase()}_${i}.jpg`;
  const counting = t.task === 'Count';
  return {
    idx: i,
    type: t.type,
    task: t.task,
    image: { bytes: paddedJpeg(imageBytes, `actial-eval synthetic image ${i}`), path: filename },
    question,
    choices: [...t.choices],
    answer: `(${letters[i % letters.length] ?? 'A'})`,
    prompt: `${question} Select from the following choices.\n${t.choices.map((c, k) => `(${letters[k] ?? ''}) ${c}`).join('\n')}`,
    filename,
    source: t.source,
    source_dataset: `${t.source} Validation Set`,
    source_filename: `${t.source}_val_${String(i).padStart(8, '0')}.jpg`,
    target_class: counting ? 'chair' : null,
    target_size: counting ? BigInt(1000 + i) : null,
    bbox: counting ? null : [[10.5, 20, 110.5, 220], [300, 40.25, 380, 90]],
  };
}

export interface SyntheticParquetOptions {
  /** Number of data rows. */
  readonly rows: number;
  /** Approximate size of each image in bytes (a valid JPEG padded with COM segments). */
  readonly imageBytes: number;
  /** Rows per row group. */
  readonly rowGroupSize: number;
  /**
   * Default UNCOMPRESSED, so the file size tracks rows × imageBytes: the padding compresses to
   * almost nothing, unlike real JPEGs.
   */
  readonly codec?: CompressionCodec;
}

/** A CV-Bench-schema file, generated and written one row group at a time. */
export async function writeSyntheticParquet(file: string, options: SyntheticParquetOptions): Promise<void> {
  const { rows, imageBytes, rowGroupSize } = options;
  if (!(rowGroupSize >= 1)) throw new RangeError(`rowGroupSize must be at least 1, got ${rowGroupSize}`);
  function* groups(): Generator<ParquetRowValues[]> {
    for (let start = 0; start < rows; start += rowGroupSize) {
      const end = Math.min(rows, start + rowGroupSize);
      yield Array.from({ length: end - start }, (_, k) => cvBenchRow(start + k, imageBytes));
    }
  }
  await writeParquetGroups(file, { fields: CV_BENCH_FIELDS, codec: options.codec ?? 'UNCOMPRESSED' }, groups());
}
