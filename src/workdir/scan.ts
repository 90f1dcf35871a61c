/** The one place that lists a work dir: which (model, dataset) pairs hold a run header or a summary. */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import { HEADER_SUFFIX, outputPaths, SUMMARY_SUFFIX, type PairPaths } from './paths.js';

export type ScannedFile = 'header' | 'summary';

export interface StoredPair {
  readonly workDir: string;
  readonly model: string;
  /** Output name (the config key), as in the file names. */
  readonly dataset: string;
  readonly paths: PairPaths;
}

export interface ScanOptions {
  /** Only these model folders (they must exist). */
  readonly models?: readonly string[];
  /** A work dir that cannot be listed holds nothing, instead of being an error. */
  readonly missingIsEmpty?: boolean;
}

const SUFFIX: Record<ScannedFile, string> = { header: HEADER_SUFFIX, summary: SUMMARY_SUFFIX };

/**
 * Every pair with a `kind` file (`M/M_D.meta.json` or `M/M_D_summary.json`), ordered by model, then
 * by file name. A work dir may hold other dirs (the default shard dirs live under results/): only
 * files named after their folder count.
 */
export async function scanWorkDir(workDir: string, kind: ScannedFile, options: ScanOptions = {}): Promise<StoredPair[]> {
  const models = options.models ?? (await modelDirs(workDir, options.missingIsEmpty === true));
  const suffix = SUFFIX[kind];
  const out: StoredPair[] = [];
  for (const model of [...models].sort()) {
    const prefix = `${model}_`;
    const files = (await readdir(join(workDir, model))).filter((f) => f.startsWith(prefix) && f.endsWith(suffix) && f.length > prefix.length + suffix.length).sort();
    for (const f of files) {
      const dataset = f.slice(prefix.length, -suffix.length);
      out.push({ workDir, model, dataset, paths: outputPaths(workDir, model, dataset) });
    }
  }
  return out;
}

async function modelDirs(workDir: string, missingIsEmpty: boolean): Promise<string[]> {
  try {
    return (await readdir(workDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name);
  } catch {
    if (missingIsEmpty) return [];
    throw new InputError(`${workDir}: not a work dir (cannot list it)`);
  }
}
