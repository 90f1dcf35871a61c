import { existsSync, readdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { DataNotFoundError, InputError } from '../core/errors.js';
import type { Benchmark } from '../benchmark/types.js';
import type { DownloadOptions } from './download/options.js';
import { planDownload } from './download/plan.js';

export type DataFormat = 'tsv' | 'parquet' | 'json' | 'jsonl' | 'csv';

export interface Located {
  readonly files: readonly string[];
  readonly format: DataFormat;
}

export type Env = Readonly<Record<string, string | undefined>>;

export interface LocateRequest {
  /** Config output name, for messages. */
  readonly name: string;
  readonly datasetName: string;
  readonly path: string | undefined;
  readonly benchmark: Benchmark;
  readonly env: Env;
  readonly configDir: string;
  /** --data-dir: a folder of HuggingFace-style downloads (`<dir>/<owner>/<name>/…` or `<dir>/<name>/…`). */
  readonly dataDir: string | undefined;
}

export function lmuDataRoot(env: Env): string {
  const v = env['LMUData'];
  return v !== undefined && v !== '' ? v : join(homedir(), 'LMUData');
}

/**
 * Finds a dataset's files: an explicit `path` (file or folder), `$LMUData/<dataset>.tsv`, or the
 * benchmark's HuggingFace Parquet in --data-dir or the HF cache. The error lists every place looked
 * and where to get the data.
 */
export function locateDataset(req: LocateRequest, note = ''): Located {
  const looked: string[] = [];
  const found = req.path !== undefined ? fromPath(req, looked) : fromLmuData(req, looked) ?? fromHf(req, looked);
  if (found !== undefined) return found;
  throw new DataNotFoundError(`dataset '${req.name}': no data found${note}; looked in ${looked.map((l) => `'${l}'`).join(', ')}${whereToGet(req)}`);
}

/**
 * As VLMEvalKit does: a known dataset without an explicit "path" that is not found locally is
 * downloaded from its published URL ($LMUData for TSVs, the HF cache for HuggingFace files), then
 * located again. `download` undefined (library use) or offline means look only.
 */
export async function locateOrDownload(req: LocateRequest, download: DownloadOptions | undefined): Promise<Located> {
  const dirs = { lmuData: lmuDataRoot(req.env), hfCache: hfHubCache(req.env) };
  const plan = req.path === undefined && download !== undefined ? planDownload(req.benchmark, req.datasetName, req.env, dirs) : undefined;
  if (plan === undefined || download === undefined) return locateDataset(req);
  if (download.offline !== undefined) return locateDataset(req, ` (not downloaded: ${download.offline})`);
  try {
    return locateDataset(req);
  } catch (err) {
    if (!(err instanceof DataNotFoundError)) throw err;
  }
  // The HTTP client loads only when something is downloaded (not on every start).
  const { downloadDataset } = await import('./download/index.js');
  await downloadDataset(plan, req.env, download);
  return locateDataset(req);
}

function fromPath(req: LocateRequest, looked: string[]): Located | undefined {
  const p = req.path as string;
  const candidates = isAbsolute(p) ? [p] : [resolve(req.configDir, p), resolve(p)];
  for (const c of candidates) {
    looked.push(c);
    if (!existsSync(c)) continue;
    if (statSync(c).isDirectory()) {
      const inFolder = fromFolder(req, c);
      if (inFolder !== undefined) return inFolder;
      continue;
    }
    return { files: [c], format: formatOf(c, req.name) };
  }
  return undefined;
}

function formatOf(file: string, name: string): DataFormat {
  const ext = extname(file).toLowerCase();
  if (ext === '.tsv') return 'tsv';
  if (ext === '.parquet') return 'parquet';
  if (ext === '.json') return 'json';
  if (ext === '.jsonl') return 'jsonl';
  if (ext === '.csv') return 'csv';
  throw new InputError(`dataset '${name}': ${file}: expected a .tsv (VLMEvalKit), .parquet, .json, .jsonl or .csv file`);
}

/** A folder holds `<dataset>.tsv`, the benchmark's JSON or CSV question file, or its Parquet files (e.g. a HuggingFace download). */
function fromFolder(req: LocateRequest, dir: string): Located | undefined {
  const tsv = join(dir, `${tsvName(req)}.tsv`);
  if (existsSync(tsv)) return { files: [tsv], format: 'tsv' };
  const json = req.benchmark.json;
  if (json !== undefined) {
    const files = listFiles(dir).filter((f) => f.endsWith('.json') && json.files.test(relative(dir, f)));
    if (files.length > 0) return { files, format: 'json' };
  }
  const csv = req.benchmark.csv;
  if (csv !== undefined) {
    const files = listFiles(dir).filter((f) => f.endsWith('.csv') && csv.files.test(relative(dir, f)));
    if (files.length > 0) return { files, format: 'csv' };
  }
  const pattern = hfPattern(req) ?? req.benchmark.parquet?.files;
  if (pattern === undefined || req.benchmark.parquet === undefined) return undefined;
  const files = listFiles(dir).filter((f) => f.endsWith('.parquet') && pattern.test(relative(dir, f)));
  return files.length > 0 ? { files, format: 'parquet' } : undefined;
}

/** VLMEvalKit reads one TSV for several names (VSI-Bench_32frame and _2fps read VSI-Bench.tsv). */
function tsvName(req: LocateRequest): string {
  return req.benchmark.tsvFile?.(req.datasetName) ?? req.datasetName;
}

function fromLmuData(req: LocateRequest, looked: string[]): Located | undefined {
  const file = join(lmuDataRoot(req.env), `${tsvName(req)}.tsv`);
  looked.push(file);
  return existsSync(file) ? { files: [file], format: 'tsv' } : undefined;
}

function fromHf(req: LocateRequest, looked: string[]): Located | undefined {
  const hf = req.benchmark.hf;
  if (hf === undefined || hfPattern(req) === undefined) return undefined;
  const [owner, repoName] = hf.repo.split('/') as [string, string];
  const roots: string[] = [];
  if (req.dataDir !== undefined) roots.push(join(req.dataDir, owner, repoName), join(req.dataDir, repoName));
  for (const snap of snapshots(req.env, `datasets--${owner}--${repoName}`)) roots.push(snap);
  for (const root of roots) {
    looked.push(root);
    if (!existsSync(root) || !statSync(root).isDirectory()) continue;
    const found = fromFolder(req, root);
    if (found !== undefined) return found;
  }
  if (roots.length === 0) looked.push(join(hfHubCache(req.env), `datasets--${owner}--${repoName}`));
  return undefined;
}

function hfPattern(req: LocateRequest): RegExp | undefined {
  return req.benchmark.hf?.datasets[req.datasetName];
}

export function hfHubCache(env: Env): string {
  const cache = env['HF_HUB_CACHE'];
  if (cache !== undefined && cache !== '') return cache;
  const home = env['HF_HOME'];
  return join(home !== undefined && home !== '' ? home : join(homedir(), '.cache', 'huggingface'), 'hub');
}

/** Snapshots of a cached HF repo, newest first (by folder mtime), so a re-download wins. */
function snapshots(env: Env, repoFolder: string): string[] {
  const dir = join(hfHubCache(env), repoFolder, 'snapshots');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((d) => join(dir, d))
    .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
}

/** Every file below a folder, sorted, so reading order is stable. */
function listFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else out.push(full);
  }
  return out.sort();
}

/**
 * Where the files can be had. A dataset no benchmark publishes (any MCQ TSV of the user's) has no
 * URL to offer: then the message says where to put the file instead of "get it from" nothing.
 */
function whereToGet(req: LocateRequest): string {
  const hints: string[] = [];
  const tsvUrl = req.benchmark.tsvUrl?.(req.datasetName);
  if (tsvUrl !== undefined) hints.push(`VLMEvalKit TSV: ${tsvUrl} (save as $LMUData/${tsvName(req)}.tsv)`);
  if (req.benchmark.hf !== undefined) {
    hints.push(`HuggingFace: https://huggingface.co/datasets/${req.benchmark.hf.repo} (download into --data-dir or the HF cache)`);
  }
  const setPath = 'set "path" to the file or folder';
  if (hints.length === 0 && req.benchmark.tsv === undefined) return `; no download is known for it: ${setPath} (${req.benchmark.fileForms.join('; ')})`;
  if (hints.length === 0) return `; no download is known for it: save it as $LMUData/${tsvName(req)}.tsv or ${setPath}`;
  return `; get it from ${hints.join('; ')}; or ${setPath}`;
}
