/**
 * Plumbing for the benchmark-module tests: the compiled CLI run as a child process against the
 * embedded mock, temp dirs, VLMEvalKit TSV writing, and the output files read back.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';

export const ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const CLI = join(ROOT, 'bin', 'actial-eval.js');

if (!existsSync(join(ROOT, 'dist', 'src', 'cli', 'main.js'))) {
  throw new Error('these tests run the compiled CLI: run `npm run build` first');
}

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'actial-bench-'));
  dirs.push(dir);
  return dir;
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(args: readonly string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete env['LMUData'];
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((ok, fail) => {
    child.once('error', fail);
    child.once('close', (code) => ok({ code, stdout, stderr }));
  });
}

/** stderr lines that are not progress reports (`M × D: 3/8 answered, …`). */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() !== '' && !/^\S+ × \S+: \d+\/\d+ answered/.test(l));
}

/** The simulated checkpoint the tests run: VLMEvalKit's GPT4V entry aimed at the embedded mock. */
export const MODEL = 'sim';
export const MOCK_MODEL = {
  class: 'GPT4V',
  model: MODEL,
  api_base: 'mock',
  temperature: 0,
  max_tokens: 64,
  img_size: -1,
  mock: { accuracy: 0.6, seed: 5, style: 'mixed' },
};

/** Writes a config for one dataset and runs it into `work`. */
export async function runDataset(dir: string, dataset: string, entry: Record<string, unknown>): Promise<CliResult & { work: string }> {
  const config = join(dir, 'config.json');
  await writeFile(config, JSON.stringify({ model: { [MODEL]: MOCK_MODEL }, data: { [dataset]: entry } }));
  const work = join(dir, 'work');
  return { ...(await runCli(['--config', config, '--work-dir', work])), work };
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
