import { join } from 'node:path';
import type { Benchmark } from '../../benchmark/types.js';

/**
 * What to fetch for a dataset name that is not found locally, read from the benchmark module's
 * declarations: its VLMEvalKit TSV (into `$LMUData/<dataset>.tsv`, as VLMEvalKit's prepare_tsv
 * does), else its HuggingFace files (into the HF cache, where the locator looks).
 */
export type DownloadPlan = TsvPlan | HfPlan;

export interface TsvPlan {
  readonly kind: 'tsv';
  readonly url: string;
  /** VLMEvalKit's published md5, when the module declares one. */
  readonly md5: string | undefined;
  readonly dest: string;
}

export interface HfPlan {
  readonly kind: 'hf';
  /** `owner/name` of a dataset repo. */
  readonly repo: string;
  readonly revision: string;
  /** Paths inside the repo. */
  readonly files: readonly string[];
  /** The HF hub cache folder (`$HF_HUB_CACHE`, else `$HF_HOME/hub`). */
  readonly cache: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Where VLMEvalKit's TSVs are published; `LMUDATA_URL_BASE` replaces it (a mirror, or a test server). */
export const VLMEVAL_URL_BASE = 'https://opencompass.openxlab.space/utils/VLMEval';
export const HF_DEFAULT_ENDPOINT = 'https://huggingface.co';

const SAFE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;

export function planDownload(benchmark: Benchmark, datasetName: string, env: Env, dirs: { lmuData: string; hfCache: string }): DownloadPlan | undefined {
  // The config schema already refuses such names; a download must never write outside its folder.
  if (!SAFE_NAME.test(datasetName)) return undefined;
  const url = benchmark.tsvUrl?.(datasetName);
  if (url !== undefined) {
    return { kind: 'tsv', url: remapUrl(url, env), md5: benchmark.tsvMd5?.[datasetName], dest: join(dirs.lmuData, `${benchmark.tsvFile?.(datasetName) ?? datasetName}.tsv`) };
  }
  const hf = benchmark.hf;
  const files = hf?.downloads?.[datasetName];
  if (hf === undefined || files === undefined || files.length === 0) return undefined;
  return { kind: 'hf', repo: hf.repo, revision: hf.revision ?? 'main', files, cache: dirs.hfCache };
}

/** `HF_ENDPOINT` (a mirror such as https://hf-mirror.com), without a trailing slash. */
export function hfEndpoint(env: Env): string {
  return trimSlash(nonEmpty(env['HF_ENDPOINT']) ?? HF_DEFAULT_ENDPOINT);
}

/** Points the modules' canonical URLs at the mirrors the environment names. */
export function remapUrl(url: string, env: Env): string {
  const base = nonEmpty(env['LMUDATA_URL_BASE']);
  if (base !== undefined && url.startsWith(`${VLMEVAL_URL_BASE}/`)) return `${trimSlash(base)}${url.slice(VLMEVAL_URL_BASE.length)}`;
  if (url.startsWith(`${HF_DEFAULT_ENDPOINT}/`)) return `${hfEndpoint(env)}${url.slice(HF_DEFAULT_ENDPOINT.length)}`;
  return url;
}

/** `<endpoint>/datasets/<repo>/resolve/<revision>/<path>`, each path segment escaped. */
export function hfFileUrl(env: Env, repo: string, revision: string, path: string): string {
  const escaped = path.split('/').map(encodeURIComponent).join('/');
  return `${hfEndpoint(env)}/datasets/${repo}/resolve/${encodeURIComponent(revision)}/${escaped}`;
}

function trimSlash(s: string): string {
  return s.replace(/\/+$/, '');
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}
