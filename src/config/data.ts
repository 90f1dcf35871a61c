import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import type { Benchmark } from '../benchmark/types.js';
import { BENCHMARKS, FALLBACK_BENCHMARK } from '../../benchmarks/index.js';
import type { DataEntry } from './schema.js';

export interface ResolvedDataset {
  /** Output name (the config key): names the files. */
  readonly name: string;
  /** The real dataset name (VLMEvalKit `dataset`). */
  readonly datasetName: string;
  readonly className: string;
  readonly benchmark: Benchmark;
  readonly file: string;
  readonly circular: boolean;
}

type Env = Readonly<Record<string, string | undefined>>;

export function lmuDataRoot(env: Env): string {
  const v = env['LMUData'];
  return v !== undefined && v !== '' ? v : join(homedir(), 'LMUData');
}

export function resolveDataset(name: string, entry: DataEntry, env: Env, configDir: string): ResolvedDataset {
  const datasetName = entry.dataset ?? name;
  const known = BENCHMARKS.find((b) => b.dataClasses.includes(entry.class) || b.datasetNames.includes(datasetName));
  const file = locateFile(name, entry, datasetName, env, configDir, known !== undefined);
  const benchmark = known ?? FALLBACK_BENCHMARK;
  const circular = benchmark.circularWhenNameMatches?.test(datasetName) ?? false;
  return { name, datasetName, className: entry.class, benchmark, file, circular };
}

function locateFile(
  name: string,
  entry: DataEntry,
  datasetName: string,
  env: Env,
  configDir: string,
  knownClass: boolean,
): string {
  const candidates: string[] = [];
  if (entry.path !== undefined) {
    candidates.push(isAbsolute(entry.path) ? entry.path : resolve(configDir, entry.path));
    if (!isAbsolute(entry.path)) candidates.push(resolve(entry.path));
  } else {
    candidates.push(join(lmuDataRoot(env), `${datasetName}.tsv`));
  }
  const found = candidates.find((c) => existsSync(c) && statSync(c).isFile());
  if (found !== undefined) return found;
  const classNote = knownClass
    ? ''
    : ` (class '${entry.class}' is not one actial-eval knows; a dataset whose TSV is found is read as ImageMCQDataset; known classes: ${knownClasses()})`;
  const where = candidates.map((c) => `'${c}'`).join(', ');
  throw new InputError(
    `dataset '${name}': no data file at ${where}${classNote}; set "path" to the TSV, or put ${datasetName}.tsv in $LMUData (now ${lmuDataRoot(env)})`,
  );
}

function knownClasses(): string {
  return [...new Set(BENCHMARKS.flatMap((b) => b.dataClasses))].join(', ');
}
