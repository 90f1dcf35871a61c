/**
 * A sandbox per hostile case: a temp root holding the data, the config, HOME, $LMUData, the HF
 * cache, TMPDIR and a work dir with a finished run's store, copied from a template made once. The
 * CLI runs as a child process with every path it might write pointing inside the root, so a
 * snapshot of the root before and after shows anything written outside the work dir.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { expect } from 'vitest';
import { CLI, childEnv, REPO_ROOT, writeMcqTsv } from '../e2e/helpers.js';
import { PARQUET_2D, PARQUET_3D, ROWS, writeCvBench } from './fixtures.js';

export const MODEL = 'ckpt';
export const TSV_DATA = 'E2E';
export const PARQUET_DATA = 'CVB';
const MOCK_MODEL = { class: 'OpenAIWrapper', model: 'ckpt', api_base: 'mock', temperature: 0, max_tokens: 64, img_size: -1 };

export interface Sandbox {
  readonly root: string;
  readonly work: string;
  readonly config: string;
  /** The TSV the E2E dataset reads. */
  readonly tsv: string;
  /** The folder of CV-Bench Parquet files the CVB dataset reads. */
  readonly parquetDir: string;
  readonly env: Record<string, string>;
}

function layout(root: string): Sandbox {
  return {
    root,
    work: join(root, 'work'),
    config: join(root, 'config.json'),
    tsv: join(root, 'data', 'E2E.tsv'),
    parquetDir: join(root, 'data', 'CV-Bench'),
    env: {
      HOME: join(root, 'home'),
      TMPDIR: join(root, 'tmp'),
      LMUData: join(root, 'LMUData'),
      HF_HOME: join(root, 'hf'),
      HF_HUB_CACHE: join(root, 'hf', 'hub'),
      HF_HUB_OFFLINE: '1',
      // A 10 MB field must not need more than this; a reader that copies it many times would crash.
      NODE_OPTIONS: '--max-old-space-size=192',
    },
  };
}

/** The config every case starts from: the mock model on both datasets. */
export function baseConfig(s: Sandbox): { model: Record<string, unknown>; data: Record<string, Record<string, unknown>> } {
  return {
    model: { [MODEL]: { ...MOCK_MODEL } },
    data: {
      [TSV_DATA]: { class: 'ImageMCQDataset', dataset: TSV_DATA, path: s.tsv },
      [PARQUET_DATA]: { class: 'CVBench', dataset: 'CV-Bench', path: s.parquetDir },
    },
  };
}

export async function writeJson(file: string, value: unknown): Promise<void> {
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** A finished run on valid data: the store every case must leave intact. */
export async function makeTemplate(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'actial-hostile-template-'));
  const s = layout(root);
  for (const dir of [s.env['HOME'], s.env['TMPDIR'], s.env['LMUData'], s.env['HF_HUB_CACHE'], s.parquetDir]) await mkdir(dir as string, { recursive: true });
  await writeMcqTsv(s.tsv, ROWS);
  await writeCvBench(join(s.parquetDir, 'test_2d.parquet'), PARQUET_2D);
  await writeCvBench(join(s.parquetDir, 'test_3d.parquet'), PARQUET_3D);
  await writeJson(s.config, baseConfig(s));
  const res = await runCli(s, ['--config', s.config, '--work-dir', s.work]);
  if (res.code !== 0) throw new Error(`template run failed (${res.code}): ${res.stderr}`);
  return root;
}

export async function sandboxFrom(template: string): Promise<Sandbox> {
  const root = await mkdtemp(join(tmpdir(), 'actial-hostile-'));
  await cp(template, root, { recursive: true });
  const s = layout(root);
  // The copied config names the template's files; point it at this sandbox's.
  await writeJson(s.config, baseConfig(s));
  return s;
}

export async function removeSandbox(s: { readonly root: string }): Promise<void> {
  await rm(s.root, { recursive: true, force: true });
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The compiled CLI with the sandbox's env, killed if it hangs. */
export function runCli(s: Sandbox, args: readonly string[], env: Record<string, string> = {}, timeoutMs = 45_000): Promise<CliResult> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd: REPO_ROOT, env: childEnv({ ...s.env, ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (t: string) => (stdout += t));
  child.stderr.setEncoding('utf8').on('data', (t: string) => (stderr += t));
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Every file and folder under `root`: relative path → sha256 of the bytes, or '<dir>'. */
export async function snapshot(root: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      const rel = relative(root, full);
      if (entry.isDirectory()) {
        out.set(rel, '<dir>');
        await walk(full);
      } else {
        out.set(rel, createHash('sha256').update(await readFile(full)).digest('hex'));
      }
    }
  };
  await walk(root);
  return out;
}

/** A run may rewrite its own run header and take (then drop) the work-dir lock; nothing else. */
function isRunOwn(rel: string): boolean {
  return rel.endsWith('.meta.json') || rel.endsWith('.actial-eval.lock');
}

/** Paths created, changed or removed between two snapshots, outside the run's own files. */
export function changes(before: ReadonlyMap<string, string>, after: ReadonlyMap<string, string>): string[] {
  const all = new Set([...before.keys(), ...after.keys()]);
  return [...all].filter((p) => before.get(p) !== after.get(p) && !isRunOwn(p)).sort();
}

/** Lines that are neither progress (`M × D: …`) nor download progress. */
export function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((l) => l.trim() !== '' && !/^\S+ × \S+: \d+\/\d+ answered/.test(l) && !l.startsWith('download: '));
}

/** Exit 2, one `actial-eval: error: … [Class]` line matching every pattern, nothing changed. */
export function expectRefused(res: CliResult, cls: string, patterns: readonly (string | RegExp)[], changed: readonly string[], s: Sandbox): void {
  expect(res.code, res.stderr).toBe(2);
  const lines = errorLines(res.stderr);
  expect(lines, res.stderr).toHaveLength(1);
  const line = lines[0] ?? '';
  expect(line).toMatch(/^actial-eval: error: /);
  expect(line.endsWith(` [${cls}]`), line).toBe(true);
  for (const p of patterns) {
    if (typeof p === 'string') expect(line).toContain(p);
    else expect(line).toMatch(p);
  }
  expect(res.stdout).toBe('');
  expect(changed, `files changed under ${s.root}${sep}`).toEqual([]);
}
