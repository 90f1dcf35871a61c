import { stat } from 'node:fs/promises';
import type { DataRow, Sample } from '../core/types.js';
import type { Benchmark, RowSource } from '../benchmark/types.js';
import { DataError, InputError } from '../core/errors.js';
import { readTsv } from './tsv.js';
import { readParquet } from './parquet.js';
import { readJsonQuestions } from './json-questions.js';
import { readJsonRecords } from './json-records.js';
import type { Located } from './locate.js';

export interface SampleStreamOptions {
  /** Called as rows stream: bytes done over all files, and their total. */
  readonly onPosition?: (done: number, total: number) => void;
}

/** Streams a located dataset's rows, file after file, as Samples built by the benchmark module (one or more a row). */
export async function* streamSamples(
  benchmark: Benchmark,
  located: Located,
  options: SampleStreamOptions = {},
): AsyncGenerator<{ readonly sample: Sample; readonly row: DataRow }> {
  const source = sourceFor(benchmark, located);
  const sizes = await Promise.all(located.files.map(async (f) => (await stat(f)).size));
  const total = sizes.reduce((a, b) => a + b, 0);
  let before = 0;
  let rows = 0;
  for (const [i, file] of located.files.entries()) {
    for await (const row of rowsOf(benchmark, located, file)) {
      if (row.endOffset !== undefined) options.onPosition?.(before + row.endOffset, total);
      rows++;
      if (source.toSamples === undefined) yield { sample: await source.toSample(row), row };
      else for (const sample of await source.toSamples(row)) yield { sample, row };
    }
    before += sizes[i] ?? 0;
  }
  // A header-only file would otherwise "pass" with an empty score table.
  if (rows === 0) throw new DataError(located.files.join(', '), {}, 'no data rows: expected at least one question after the header');
}

function rowsOf(benchmark: Benchmark, located: Located, file: string): AsyncIterable<DataRow> {
  if (located.format === 'tsv') return readTsv(file, { relativeImagePaths: benchmark.tsv?.imagePathsRelative === true });
  if (located.format === 'csv') return readTsv(file, { csv: true });
  if (located.format === 'json' && benchmark.json !== undefined) return readJsonQuestions(file, { imagePathField: benchmark.json.imagePathField, arrayItemFields: benchmark.json.arrayItemFields });
  if (located.format === 'json' || located.format === 'jsonl') return readJsonRecords(file, located.format);
  const p = benchmark.parquet;
  if (p === undefined) throw new InputError(`${file}: ${benchmark.title} is not read from Parquet`);
  return readParquet(file, { imageColumns: p.imageColumns, requiredColumns: p.requiredColumns });
}

function sourceFor(benchmark: Benchmark, located: Located): RowSource {
  if (located.format === 'json' || located.format === 'jsonl') {
    // A benchmark's own question file (ViewSpatial-Bench's) or a training set's records (ShareGPT).
    const json = located.format === 'json' ? (benchmark.json ?? benchmark.records) : benchmark.records;
    if (json !== undefined) return json;
    throw new InputError(`${located.files[0] ?? ''}: ${benchmark.title} is not read from JSON; give ${benchmark.fileForms.join(' or ')}`);
  }
  if (located.format === 'csv') {
    if (benchmark.csv !== undefined) return benchmark.csv;
    throw new InputError(`${located.files[0] ?? ''}: ${benchmark.title} is not read from CSV; give ${benchmark.fileForms.join(' or ')}`);
  }
  const source = located.format === 'tsv' ? benchmark.tsv : benchmark.parquet;
  if (source === undefined) {
    const file = located.files[0] ?? '';
    const forms = { tsv: 'a VLMEvalKit TSV', parquet: 'its Parquet files', json: 'its JSON question file' } as const;
    const others = (['tsv', 'parquet', 'json'] as const).filter((f) => f !== located.format && { tsv: benchmark.tsv, parquet: benchmark.parquet, json: benchmark.json ?? benchmark.records }[f] !== undefined);
    throw new InputError(`${file}: ${benchmark.title} is not read from ${forms[located.format]}; give ${others.map((f) => forms[f]).join(' or ')}`);
  }
  return source;
}
