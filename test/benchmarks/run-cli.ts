/**
 * Plumbing for the benchmark-module tests: the compiled CLI run as a child process against the
 * embedded mock, temp dirs, VLMEvalKit TSV writing, and the output files read back.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { mockOptionsFromFlags } from '../../src/cli/mock-server.js';
import { startMockServer } from '../../src/mock/server.js';
import { MODEL, MOCK_MODEL as BASE_MODEL, runCli, runDataset as runWith, type CliResult } from './helpers.js';

export { errorLines, MODEL, REPO_ROOT as ROOT, runCli, tempDir, type CliResult } from './helpers.js';

/** The simulated checkpoint these tests run (seed 5: their hand-checked cases were made with it). */
export const MOCK_MODEL = { ...BASE_MODEL, mock: { ...BASE_MODEL.mock, seed: 5 } };

/** Writes a config for one dataset and runs it into `work`. */
export function runDataset(dir: string, dataset: string, entry: Record<string, unknown>): Promise<CliResult & { work: string }> {
  return runWith(dir, dataset, entry, [], MOCK_MODEL);
}

/**
 * Runs the dataset against a mock whose answer key (as `actial-eval answer-key` writes it) lost its
 * `group`s: every row, rotations included, is then right or wrong on its own draw, as with a model
 * that does not recognise a rotated question, so grouped and per-row scores differ.
 */
export async function runDatasetRowByRow(dir: string, dataset: string, entry: Record<string, unknown>): Promise<CliResult & { work: string }> {
  const config = join(dir, `${dataset}.key-config.json`);
  await writeFile(config, JSON.stringify({ model: { [MODEL]: MOCK_MODEL }, data: { [dataset]: entry } }));
  const keyFile = join(dir, `${dataset}.key.jsonl`);
  const written = await runCli(['answer-key', '--config', config, '--out', keyFile]);
  if (written.code !== 0) throw new Error(`answer-key failed: ${written.stderr}`);
  const lines = (await readFile(keyFile, 'utf8')).split('\n').filter((l) => l !== '');
  const ungrouped = lines.map((l) => {
    const entry = JSON.parse(l) as Record<string, unknown>;
    delete entry['group'];
    return JSON.stringify(entry);
  });
  await writeFile(keyFile, `${ungrouped.join('\n')}\n`);
  const { accuracy, seed, style } = MOCK_MODEL.mock;
  const flags = { answerKey: keyFile, accuracy: String(accuracy), seed: String(seed), style, port: '0', modelId: MODEL };
  const server = await startMockServer(await mockOptionsFromFlags(flags, {}));
  try {
    const model = { ...MOCK_MODEL, api_base: `${server.url}/chat/completions`, key: 'EMPTY', mock: undefined };
    return await runWith(dir, dataset, entry, [], model);
  } finally {
    await server.close();
  }
}

/** A TSV as pandas writes it: a header, then one line per row (cells must hold no tab or newline). */
export async function writeTsv(file: string, columns: readonly string[], rows: readonly Readonly<Record<string, string>>[]): Promise<void> {
  const lines = [columns.join('\t'), ...rows.map((r) => columns.map((c) => r[c] ?? '').join('\t'))];
  await writeFile(file, `${lines.join('\n')}\n`);
}

export interface Stored {
  readonly index: string;
  readonly status: string;
  readonly prediction: string;
}

export interface Summary {
  readonly primary: { readonly protocol: string; readonly metric: string; readonly value: number | null };
  readonly metrics: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
  readonly counts: Readonly<Record<string, number | null>>;
}

export async function readOutputs(work: string, dataset: string): Promise<{ predictions: Map<string, string>; summary: Summary }> {
  const stem = join(work, MODEL, `${MODEL}_${dataset}`);
  const lines = (await readFile(`${stem}.jsonl`, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  const predictions = new Map<string, string>();
  for (const line of lines) {
    const rec = JSON.parse(line) as Stored;
    if (rec.status === 'ok') predictions.set(rec.index, rec.prediction);
  }
  const summary = JSON.parse(await readFile(`${stem}_summary.json`, 'utf8')) as Summary;
  return { predictions, summary };
}

/** Every metric of every protocol equals the expected value (same names, same order, 1e-12). */
export function metricsMismatch(
  actual: Summary['metrics'],
  expected: Readonly<Record<string, Readonly<Record<string, number | null>>>>,
): string[] {
  const problems: string[] = [];
  const protocols = Object.keys(expected);
  if (Object.keys(actual).join() !== protocols.join()) problems.push(`protocols ${Object.keys(actual).join()} ≠ ${protocols.join()}`);
  for (const p of protocols) {
    const got = actual[p] ?? {};
    const want = expected[p] ?? {};
    if (Object.keys(got).join('|') !== Object.keys(want).join('|')) {
      problems.push(`${p}: metrics ${Object.keys(got).join('|')} ≠ ${Object.keys(want).join('|')}`);
    }
    for (const [name, value] of Object.entries(want)) {
      const g = got[name];
      const same = value === null ? g === null : typeof g === 'number' && Math.abs(g - value) < 1e-12;
      if (!same) problems.push(`${p}.${name}: ${String(g)} ≠ ${String(value)}`);
    }
  }
  return problems;
}

/** Mean of 0/1 values, null when empty (the summary writes NaN as null). */
export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}
