/**
 * Shared plumbing for the end-to-end tests: fresh temp dirs, the compiled CLI run as a child
 * process, VLMEvalKit-schema MCQ TSVs written on the fly, configs pointing at loopback mocks.
 * Nothing here mocks fetch, http or fs: every test talks real HTTP and writes real files.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach } from 'vitest';
import { TINY_PNG } from '../../bench/synthetic.js';
import { startMockServer, type MockOptions, type MockServerHandle } from '../../src/mock/server.js';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const CLI = join(REPO_ROOT, 'bin', 'actial-eval.js');

if (!existsSync(join(REPO_ROOT, 'dist', 'src', 'cli', 'main.js'))) {
  throw new Error('e2e tests run the compiled CLI: run `npm run build` first');
}

// ---------------------------------------------------------------- cleanup

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  // Last registered first: children and servers stop before their temp dirs go.
  const pending = cleanups.splice(0).reverse();
  for (const fn of pending) await fn().catch(() => undefined);
});

export function onCleanup(fn: () => Promise<void>): void {
  cleanups.push(fn);
}

/** A fresh directory under os.tmpdir(), removed after the test. */
export async function tempDir(prefix = 'actial-e2e-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  onCleanup(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** A loopback mock server, closed after the test. */
export async function mockServer(options: MockOptions = {}): Promise<MockServerHandle> {
  const server = await startMockServer({ modelId: 'mock-model', ...options });
  onCleanup(() => server.close());
  return server;
}

// ---------------------------------------------------------------- CLI

export interface CliResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Env for the child: the parent's, minus anything that would change how a config resolves. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of ['OPENAI_API_KEY', 'OPENAI_API_BASE', 'LMDEPLOY_API_KEY', 'LMDEPLOY_API_BASE', 'MOCK_API_KEY', 'LOCAL_LLM', 'LMUData', 'LOCAL_IP', 'VLLM_LOCAL_PORT', 'FORCE_COLOR']) {
    delete env[name];
  }
  env['NO_COLOR'] = '1';
  // A known dataset that is not found would be downloaded: tests never reach the internet.
  // Download tests turn this off and point HF_ENDPOINT / LMUDATA_URL_BASE at a loopback host.
  env['HF_HUB_OFFLINE'] = '1';
  return { ...env, ...extra };
}

export interface RunningCli {
  readonly child: ChildProcess;
  readonly done: Promise<CliResult>;
}

/** Starts `node bin/actial-eval.js ...args` from the repo root. */
export function spawnCli(args: readonly string[], options: { env?: Record<string, string> } = {}): RunningCli {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd: REPO_ROOT,
    env: childEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => (stdout += s));
  child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const done = new Promise<CliResult>((resolvePromise, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
  });
  onCleanup(async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await done.catch(() => undefined);
    }
  });
  return { child, done };
}

export function runCli(args: readonly string[], options: { env?: Record<string, string> } = {}): Promise<CliResult> {
  return spawnCli(args, options).done;
}

/** Progress lines (`M × D: 3/8 answered, ...`) are status, not errors. */
const PROGRESS_LINE = /^\S+ × \S+: \d+\/\d+ answered/;

/** The stderr lines that are not progress reports. */
export function nonProgressLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() !== '' && !PROGRESS_LINE.test(l));
}

// ---------------------------------------------------------------- data

export const TINY_PNG_B64 = TINY_PNG.toString('base64');

export const TSV_COLUMNS = ['index', 'image', 'question', 'A', 'B', 'C', 'D', 'answer', 'category', 'l2-category', 'split'] as const;

export type TsvRow = Record<(typeof TSV_COLUMNS)[number], string>;

const CATEGORIES = ['depth', 'relation', 'count'] as const;
const OPTION_WORDS = ['red', 'green', 'blue', 'yellow'] as const;

/** Data row i of the standard test set: unique question per index, a PNG image, 4 options. */
export function mcqRow(i: number): TsvRow {
  const category = CATEGORIES[i % CATEGORIES.length] ?? 'depth';
  return {
    index: String(i),
    image: TINY_PNG_B64,
    question: `Item ${i}: which object is closest to the camera?`,
    A: `the ${OPTION_WORDS[0]} cube`,
    B: `the ${OPTION_WORDS[1]} ball`,
    C: `the ${OPTION_WORDS[2]} cone`,
    D: `the ${OPTION_WORDS[3]} ring`,
    answer: 'ABCD'[(i * 7) % 4] ?? 'A',
    category,
    'l2-category': category === 'count' ? 'counting' : 'spatial',
    split: i % 2 === 0 ? 'dev' : 'test',
  };
}

export function tsvLine(row: Partial<TsvRow>): string {
  return TSV_COLUMNS.map((c) => row[c] ?? '').join('\t');
}

/**
 * Writes an MCQ TSV with rows 0..n-1; `edit` may change a row (return a string to write that raw
 * line instead, e.g. one with a wrong number of fields).
 */
export async function writeMcqTsv(file: string, n: number, edit?: (row: TsvRow, i: number) => TsvRow | string): Promise<void> {
  const lines = [TSV_COLUMNS.join('\t')];
  for (let i = 0; i < n; i++) {
    const row = mcqRow(i);
    const edited = edit === undefined ? row : edit(row, i);
    lines.push(typeof edited === 'string' ? edited : tsvLine(edited));
  }
  await writeFile(file, `${lines.join('\n')}\n`);
}

// ---------------------------------------------------------------- configs

/** A VLMEvalKit GPT4V entry aimed at an OpenAI-compatible server. */
export function gptModel(apiBase: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { class: 'GPT4V', model: 'mock-model', api_base: apiBase, key: 'EMPTY', temperature: 0, max_tokens: 64, img_size: -1, img_detail: 'low', ...extra };
}

export function mcqData(path: string): Record<string, unknown> {
  return { class: 'ImageMCQDataset', dataset: 'E2E', path };
}

export async function writeConfig(file: string, config: unknown): Promise<string> {
  await writeFile(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/**
 * The usual case: `rows` MCQ rows in `<dir>/<data>.tsv`, one GPT4V model aimed at `server`, the
 * config in `<dir>/config.json` and the work dir `<dir>/work`.
 */
export async function oneModelOneTsv(dir: string, server: MockServerHandle, opts: { model: string; data: string; rows: number }) {
  const tsv = join(dir, `${opts.data}.tsv`);
  await writeMcqTsv(tsv, opts.rows);
  const config = await writeConfig(join(dir, 'config.json'), {
    model: { [opts.model]: gptModel(`${server.url}/chat/completions`) },
    data: { [opts.data]: mcqData(tsv) },
  });
  const work = join(dir, 'work');
  return { tsv, config, work, paths: paths(work, opts.model, opts.data) };
}

// ---------------------------------------------------------------- outputs

export function paths(workDir: string, model: string, dataset: string) {
  const stem = join(workDir, model, `${model}_${dataset}`);
  return {
    predictions: `${stem}.jsonl`,
    scores: `${stem}_score.jsonl`,
    acc: `${stem}_acc.csv`,
    summary: `${stem}_summary.json`,
    leaderboard: join(workDir, 'leaderboard.csv'),
  };
}

export interface StoredRecord {
  readonly index: string;
  readonly prompt_hash: string;
  readonly status: 'ok' | 'failed';
  readonly prediction: string;
  readonly error?: string;
  readonly finish_reason: string | null;
  readonly usage: unknown;
  readonly latency_ms: number;
  readonly attempts: number;
  readonly [key: string]: unknown;
}

/**
 * Every complete line of a JSONL file, parsed (throws on a bad line). Bytes after the last newline
 * are a write cut short by a kill and are left out, as the store itself does.
 */
export async function readJsonl<T = Record<string, unknown>>(file: string): Promise<T[]> {
  const text = await readFile(file, 'utf8');
  return text
    .split('\n')
    .slice(0, -1)
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as T);
}

export async function readJson<T = Record<string, unknown>>(file: string): Promise<T> {
  return JSON.parse(await readFile(file, 'utf8')) as T;
}

/** The parts of `M_D_summary.json` the tests read. */
export interface SummaryJson {
  readonly schema: string;
  readonly model: string;
  readonly dataset: string;
  readonly primary: { readonly protocol: string; readonly metric: string; readonly value: number | null };
  readonly metrics: { readonly official: Record<string, number | null>; readonly vlmevalkit: Record<string, number | null> };
  readonly counts: Readonly<Record<string, number>> & { readonly rows: number; readonly answered: number; readonly failed: number; readonly scored: number };
  readonly provenance: Readonly<Record<string, unknown>> & { readonly settings: Readonly<Record<string, unknown>> | null };
}

/** ok records per index. */
export function okCounts(records: readonly StoredRecord[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of records) if (r.status === 'ok') out.set(r.index, (out.get(r.index) ?? 0) + 1);
  return out;
}

/** Every file under `dir`, recursively, as absolute paths (sorted). */
export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else out.push(full);
  }
  return out.sort();
}

export async function sha256File(file: string): Promise<string> {
  return createHash('sha256').update(await readFile(file)).digest('hex');
}

/** Completions the mock has answered or refused, so far. */
export function completionRequests(server: MockServerHandle): number {
  const errors = Object.values(server.stats.errorsByStatus).reduce((a, b) => a + b, 0);
  return server.stats.completionsOk + errors;
}

export async function waitFor(check: () => Promise<boolean> | boolean, timeoutMs: number, pollMs = 5): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
