import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { ConfigError, InputError } from '../core/errors.js';
import type { DownloadOptions } from '../data/download/index.js';
import { expandEnvRefs } from './env-refs.js';
import { jsonErrorText, rawSecrets } from './raw-secrets.js';
import { sha256 } from '../core/hash.js';
import { configSchema, type JudgeEntry } from './schema.js';
import { credentialValues, resolveModel, type ResolvedModel } from './models.js';
import { knownBenchmark, resolveDataset, type ResolvedDataset } from './data.js';

export interface LoadedConfig {
  readonly file: string;
  /** Credential values found in the config, to be masked in anything printed. */
  readonly secrets: readonly string[];
  readonly hash: string;
  readonly models: readonly ResolvedModel[];
  readonly datasets: readonly ResolvedDataset[];
  /** The config's "judge" entry; flags and env complete it (src/extract/judge/settings.ts). */
  readonly judge: JudgeEntry | undefined;
}

export interface LoadOptions {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** `--model` / `--data` filters (output names). */
  readonly onlyModels?: readonly string[];
  readonly onlyData?: readonly string[];
  /** --data-dir: a folder of HuggingFace-style dataset downloads. */
  readonly dataDir?: string;
  /** Download known datasets that are not found locally (the run command). */
  readonly download?: DownloadOptions;
  /** Told the config's credential values before validation, so even an error about the config masks them. */
  readonly onSecrets?: (values: readonly string[]) => void;
  /** Resolve models only (`actial-eval serve` needs no dataset, and its files may be elsewhere). */
  readonly modelsOnly?: boolean;
}

export async function loadConfig(path: string, options: LoadOptions): Promise<LoadedConfig> {
  const file = resolve(path);
  const text = await readConfigText(file, path);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`config ${path}: not valid JSON (${jsonErrorText(err, text)})`);
  }
  options.onSecrets?.(rawSecrets(json));
  const expanded = expandEnvRefs(json, options.env, path);
  options.onSecrets?.(rawSecrets(expanded));
  const parsed = configSchema.safeParse(expanded);
  if (!parsed.success) throw new ConfigError(`config ${path}: ${describeIssue(parsed.error)}`);
  const cfg = parsed.data;
  const modelNames = pick(Object.keys(cfg.model), options.onlyModels, '--model', path);
  const dataNames = options.modelsOnly === true ? [] : pick(Object.keys(cfg.data), options.onlyData, '--data', path);
  const models = modelNames.map((n) => asConfigError(path, () => resolveModel(n, cfg.model[n]!, options.env, dirname(file))));
  const ctx = { env: options.env, configDir: dirname(file), dataDir: options.dataDir, download: options.download };
  for (const n of dataNames) checkDataKeys(path, n, cfg.data[n]!);
  const datasets: ResolvedDataset[] = [];
  // One at a time: a download's progress lines stay readable, and the first problem is the one reported.
  for (const n of dataNames) datasets.push(await asConfigErrorAsync(path, () => resolveDataset(n, cfg.data[n]!, ctx)));
  const judgeKeys = [cfg.judge?.key, cfg.judge?.api_key].filter((k): k is string => k !== undefined);
  const secrets = [...Object.values(cfg.model).flatMap(credentialValues), ...judgeKeys];
  return { file, hash: sha256(text).slice(0, 16), secrets, models, datasets, judge: cfg.judge };
}

/** Keys of a data entry that actial-eval reads. */
const DATA_KEYS: readonly string[] = ['class', 'dataset', 'path', 'extract', 'video'];

/**
 * The schema keeps unknown data keys, because a shared VLMEvalKit config may hold video entries
 * (`nframe`, `fps`) that `--data` leaves out. An entry that is evaluated must not have any: no
 * supported class takes other arguments (VLMEvalKit's would raise too), and a typo such as `"pth"`
 * would otherwise be ignored and the published dataset downloaded instead of the user's file.
 */
function checkDataKeys(path: string, name: string, entry: Readonly<Record<string, unknown>>): void {
  // The module the entry means (by dataset name, then class, as resolveDataset finds it) checks its
  // own settings when it takes some (ShareGPTDataset's media_dir, QSpatial_scannet's image_root);
  // any other module's entry must not have them (OmniSpatialBench with "repeats" would ignore it).
  const dataset = typeof entry['dataset'] === 'string' ? entry['dataset'] : name;
  if (knownBenchmark(dataset, String(entry['class']))?.configure !== undefined) return;
  const unknown = Object.keys(entry).filter((k) => !DATA_KEYS.includes(k));
  if (unknown.length > 0) {
    throw new ConfigError(`config ${path}: unknown key(s) ${unknown.map((k) => `"${k}"`).join(', ')} in data.${name}; expected only ${DATA_KEYS.map((k) => `"${k}"`).join(', ')}`);
  }
}

/** UTF-8 text; a UTF-8 byte-order mark (Windows editors) is dropped, UTF-16 is named rather than misparsed. */
async function readConfigText(file: string, path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new ConfigError(`config ${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new ConfigError(`config ${path}: the file is UTF-16 encoded; expected UTF-8 JSON (re-save it as UTF-8)`);
  }
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return bytes.toString('utf8', bom);
}

/** Problems found while resolving entries (an unknown class, a bad api_base) are config problems too. */
function asConfigError<T>(path: string, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toConfigError(path, err);
  }
}

async function asConfigErrorAsync<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw toConfigError(path, err);
  }
}

/**
 * Only a plain InputError is reclassified, and gets the config file's name: data, not-found and
 * download errors keep their class and already name their own file.
 */
function toConfigError(path: string, err: unknown): unknown {
  return err instanceof InputError && err.constructor === InputError ? new ConfigError(`config ${path}: ${err.message}`) : err;
}

function pick(all: string[], only: readonly string[] | undefined, flag: string, path: string): string[] {
  if (only === undefined || only.length === 0) return all;
  for (const name of only) {
    if (!all.includes(name)) throw new ConfigError(`${flag} ${name}: not in config ${path} (has: ${all.join(', ')})`);
  }
  return all.filter((n) => only.includes(n));
}

/** One line: the first problem, at its JSON path, with what was expected. */
function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  const path = issue.path.map(String).join('.');
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more problem(s))` : '';
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.map((k) => `"${k}"`).join(', ');
    if (path === '') return `unknown top-level key(s) ${keys}; expected only "model", "data" and "judge"${more}`;
    return `unknown key(s) ${keys} in ${path}${more}`;
  }
  if (issue.code === 'invalid_key') return `field ${path}: invalid name: ${issue.issues[0]?.message ?? issue.message}${more}`;
  return `field ${path || '(top level)'}: ${issue.message}${more}`;
}
