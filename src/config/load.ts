import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { InputError } from '../core/errors.js';
import { sha256 } from '../request/build.js';
import { configSchema, type JudgeEntry } from './schema.js';
import { credentialValues, resolveModel, type ResolvedModel } from './models.js';
import { resolveDataset, type ResolvedDataset } from './data.js';

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
  /** Resolve models only (`actial-eval serve` needs no dataset, and its files may be elsewhere). */
  readonly modelsOnly?: boolean;
}

export async function loadConfig(path: string, options: LoadOptions): Promise<LoadedConfig> {
  const file = resolve(path);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError(`config ${path}: cannot read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new InputError(`config ${path}: not valid JSON (${(err as Error).message})`);
  }
  const parsed = configSchema.safeParse(json);
  if (!parsed.success) throw new InputError(`config ${path}: ${describeIssue(parsed.error)}`);
  const cfg = parsed.data;
  const modelNames = pick(Object.keys(cfg.model), options.onlyModels, '--model', path);
  const dataNames = options.modelsOnly === true ? [] : pick(Object.keys(cfg.data), options.onlyData, '--data', path);
  const models = modelNames.map((n) => resolveModel(n, cfg.model[n]!, options.env));
  const ctx = { env: options.env, configDir: dirname(file), dataDir: options.dataDir };
  const datasets = dataNames.map((n) => resolveDataset(n, cfg.data[n]!, ctx));
  const judgeKeys = [cfg.judge?.key, cfg.judge?.api_key].filter((k): k is string => k !== undefined);
  const secrets = [...Object.values(cfg.model).flatMap(credentialValues), ...judgeKeys];
  return { file, hash: sha256(text).slice(0, 16), secrets, models, datasets, judge: cfg.judge };
}

function pick(all: string[], only: readonly string[] | undefined, flag: string, path: string): string[] {
  if (only === undefined || only.length === 0) return all;
  for (const name of only) {
    if (!all.includes(name)) throw new InputError(`${flag} ${name}: not in config ${path} (has: ${all.join(', ')})`);
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
