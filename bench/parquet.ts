/**
 * Figure 5: streaming a multi-GB HuggingFace-style Parquet (CV-Bench schema, ~100 KB images) through
 * the real reader and benchmark module, every row turned into a Sample and a request, no model:
 * `actial-eval answer-key` does exactly that. Rows/s and peak RSS show whether memory stays flat.
 */
import { writeFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { writeSyntheticParquet } from './synthetic-parquet.js';
import { flushToDisk } from './data.js';
import { runCli, type CliRun } from './proc.js';

export interface ParquetFigure {
  readonly fileBytes: number;
  readonly rows: number;
  readonly run: CliRun;
}

export async function streamBigParquet(dir: string, targetBytes: number, imageBytes: number): Promise<ParquetFigure> {
  const file = join(dir, 'test_2d.parquet');
  const rows = Math.ceil(targetBytes / imageBytes);
  await writeSyntheticParquet(file, { rows, imageBytes, rowGroupSize: 256 });
  await flushToDisk(file);
  const config = join(dir, 'parquet-config.json');
  await writeFile(config, JSON.stringify({
    model: { BenchModel: { class: 'GPT4V', model: 'x', api_base: 'http://127.0.0.1:9/v1/chat/completions' } },
    data: { 'CV-Bench': { class: 'CVBench', dataset: 'CV-Bench', path: file } },
  }));
  const run = await runCli({
    args: ['answer-key', '--config', config, '--out', join(dir, 'key.jsonl')],
    probeFile: join(dir, 'parquet-probe.json'),
    timeoutMs: 600_000,
  });
  if (run.code !== 0) throw new Error(`answer-key exited with ${run.code ?? run.signal}: ${run.stderr.slice(-2000)}`);
  return { fileBytes: (await stat(file)).size, rows, run };
}
