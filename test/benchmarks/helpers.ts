/**
 * Plumbing for the benchmark-module tests: the compiled CLI run as a child process against the
 * embedded mock, real-schema TSV files, the stored predictions read back, and an answer-letter
 * rule of our own so the expected scores do not come from the code under test.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, expect } from 'vitest';
import type { Choice } from '../../src/core/types.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const CLI = join(REPO_ROOT, 'bin', 'actial-eval.js');
if (!existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'))) throw new Error('these tests run the compiled CLI: run `npm run build` first');

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'actial-bench-'));
  dirs.push(dir);
  return dir;
}

export const MODEL = 'sim';

/** A GPT4V entry on the embedded mock: right 60% of the time, answers in every style it knows. */
export const MOCK_MODEL = {
  class: 'GPT4V',
  model: 'sim',
  api_base: 'mock',
  temperature: 0,
  max_tokens: 64,
  img_size: -1,
  mock: { accuracy: 0.6, seed: 3, style: 'mixed' },
};

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Writes a config with one dataset entry and runs `actial-eval --config … --work-dir …`. */
export async function runDataset(
  dir: string,
  name: string,
  entry: Record<string, unknown>,
  extraArgs: readonly string[] = [],
  model: Record<string, unknown> = MOCK_MODEL,
): Promise<CliResult & { work: string }> {
  const config = join(dir, `${name}.config.json`);
  await writeFile(config, JSON.stringify({ model: { [MODEL]: model }, data: { [name]: entry } }));
  const work = join(dir, 'work');
  const res = await runCli(['--config', config, '--work-dir', work, ...extraArgs]);
  return { ...res, work };
}

export function runCli(args: readonly string[], envOverride: Readonly<Record<string, string>> = {}): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  for (const name of ['LMUData', 'HF_HOME', 'HF_HUB_CACHE', 'OPENAI_API_KEY', 'OPENAI_API_BASE']) delete env[name];
  // An empty HF cache, so a real download on this machine cannot change what is found.
  env['HF_HUB_CACHE'] = join(tmpdir(), 'actial-bench-no-hf-cache');
  // A known dataset that is not found would be downloaded: tests never reach the internet.
  env['HF_HUB_OFFLINE'] = '1';
  Object.assign(env, envOverride);
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('close', (code) => done({ code, stdout, stderr }));
  });
}

/** stderr lines that are not progress reports. */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() !== '' && !/^\S+ × \S+: \d+\/\d+ answered/.test(l));
}

/** A run refused for bad data: exit 2 and exactly one error line, which matches every pattern. */
export function expectDataError(res: CliResult, patterns: readonly (RegExp | string)[]): void {
  const lines = errorLines(res.stderr);
  expect(res.code, res.stderr).toBe(2);
  expect(lines, res.stderr).toHaveLength(1);
  for (const p of patterns) expect(lines[0]).toMatch(p);
}

// ---------------------------------------------------------------- stored outputs

export interface Stored {
  readonly index: string;
  readonly status: string;
  readonly prediction: string;
  readonly answer: string;
  readonly choices: readonly Choice[];
  readonly fields: Readonly<Record<string, string>>;
}

export interface SummaryFile {
  readonly benchmark: string;
  readonly primary: { readonly metric: string; readonly value: number | null };
  readonly metrics: Readonly<Record<string, Readonly<Record<string, number | null>>>>;
  readonly counts: Readonly<Record<string, number | null>>;
}

/** The latest record per index of `M/M_D.jsonl`, and `M/M_D_summary.json`. */
export async function outputs(work: string, dataset: string): Promise<{ records: Stored[]; summary: SummaryFile }> {
  const stem = join(work, MODEL, `${MODEL}_${dataset}`);
  const latest = new Map<string, Stored>();
  for (const line of (await readFile(`${stem}.jsonl`, 'utf8')).split('\n')) {
    if (line.trim() === '') continue;
    const rec = JSON.parse(line) as Stored;
    latest.set(rec.index, rec);
  }
  const summary = JSON.parse(await readFile(`${stem}_summary.json`, 'utf8')) as SummaryFile;
  return { records: [...latest.values()], summary };
}

/**
 * The answer letter, by a rule written for the mock's five styles: the last <answer> tag, else a
 * leading "A" / "(A)" / "A. text", else "the answer is A". It stands in for the official
 * pipeline, whose decisions on these styles it must match.
 */
export function mockLetter(prediction: string): string | null {
  const tag = [...prediction.matchAll(/<answer>\s*\(?([A-Z])\)?\s*<\/answer>/g)].at(-1);
  if (tag !== undefined) return tag[1] ?? null;
  const lead = /^\s*\(?([A-Z])\)?(?:[.):]|\s|$)/.exec(prediction);
  if (lead !== null) return lead[1] ?? null;
  return /answer is \(?([A-Z])\)?/i.exec(prediction)?.[1] ?? null;
}

/** Plain accuracy of a list of hits; NaN for none (reported as null). */
export function acc(hits: readonly boolean[]): number {
  return hits.length === 0 ? Number.NaN : hits.filter(Boolean).length / hits.length;
}

export function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Every metric the summary reports for a protocol equals the independently computed one, and no other is reported. */
export function expectMetrics(actual: Readonly<Record<string, number | null>> | undefined, expected: Readonly<Record<string, number>>): void {
  expect(actual).toBeDefined();
  expect(Object.keys(actual ?? {}).sort()).toEqual(Object.keys(expected).sort());
  for (const [name, value] of Object.entries(expected)) {
    const got = actual?.[name];
    if (Number.isNaN(value)) expect(got, name).toBeNull();
    else {
      expect(got, name).not.toBeNull();
      expect(got as number, name).toBeCloseTo(value, 12);
    }
  }
}

// ---------------------------------------------------------------- TSV

/** pandas' to_csv quoting: a field with a tab, newline or quote is quoted, inner quotes doubled. */
function quote(field: string): string {
  return /[\t\n\r"]/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

export async function writeTsv(file: string, columns: readonly string[], rows: readonly Readonly<Record<string, string>>[]): Promise<void> {
  const lines = [columns.join('\t'), ...rows.map((r) => columns.map((c) => quote(r[c] ?? '')).join('\t'))];
  await writeFile(file, `${lines.join('\n')}\n`);
}

/** A Python list literal of strings, as VLMEvalKit writes multi-image cells. */
export function pyList(items: readonly string[]): string {
  return `[${items.map((s) => `'${s}'`).join(', ')}]`;
}

/**
 * Rewrites every stored prediction of `M/M_D.jsonl` with `reply(index)` (replies whose reading the
 * original code gave), then re-scores the work dir with `actial-eval score`, which must succeed.
 */
export async function rescoreWithReplies(work: string, dataset: string, reply: (index: string) => string): Promise<void> {
  const store = join(work, MODEL, `${MODEL}_${dataset}.jsonl`);
  const lines = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '');
  await writeFile(store, `${lines.map((l) => {
    const rec = JSON.parse(l) as Record<string, unknown>;
    return JSON.stringify({ ...rec, prediction: reply(String(rec['index'])) });
  }).join('\n')}\n`);
  const rescored = await runCli(['score', '--work-dir', work]);
  expect(errorLines(rescored.stderr)).toEqual([]);
  expect(rescored.code).toBe(0);
}
