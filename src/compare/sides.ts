/**
 * The two sides of a comparison. A side is a model's folder of stored runs: a model name in the
 * shared work dir, or a path to `WORK_DIR/MODEL` (when comparing two work dirs, e.g. a stored
 * baseline against a fresh candidate).
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve, sep } from 'node:path';
import { BENCHMARKS } from '../../benchmarks/index.js';
import type { Benchmark } from '../benchmark/types.js';
import { InputError } from '../core/errors.js';
import { readRunHeader } from '../workdir/header.js';
import { scanWorkDir } from '../workdir/scan.js';

export interface Side {
  /** As given on the command line, for reports. */
  readonly label: string;
  readonly model: string;
  readonly workDir: string;
}

/** A stored (model, dataset) as its run header describes it. */
export interface StoredDataset {
  readonly name: string;
  readonly benchmark: Benchmark;
  readonly circular: boolean;
  /** Who built the prompts (the header's `prompt_builder`); undefined in headers written before it. */
  readonly promptBuilder: string | undefined;
}

/** A name with a path separator is a model folder; anything else a model in `workDir`. */
export async function resolveSide(spec: string, workDir: string, which: 'A' | 'B'): Promise<Side> {
  const isPath = spec.includes('/') || spec.includes(sep);
  const dir = isPath ? resolve(spec.replace(/[/\\]+$/, '')) : resolve(workDir, spec);
  const side = { label: spec, model: basename(dir), workDir: dirname(dir) };
  const isDir = await stat(dir).then((s) => s.isDirectory(), () => false);
  if (!isDir) {
    const hint = isPath ? 'expected WORK_DIR/MODEL, the folder holding MODEL_DATASET.jsonl' : `expected a model folder in the work dir ${resolve(workDir)} (see --work-dir)`;
    throw new InputError(`compare: ${which} '${spec}': no such folder ${dir}; ${hint}`);
  }
  return side;
}

/** Every dataset with a run header (`M/M_D.meta.json`), by name. */
export async function storedDatasets(side: Side): Promise<Map<string, StoredDataset>> {
  const out = new Map<string, StoredDataset>();
  for (const pair of await scanWorkDir(side.workDir, 'header', { models: [side.model] })) {
    const header = await readRunHeader(pair.paths.header);
    const benchmark = BENCHMARKS.find((b) => b.id === header.benchmark);
    if (benchmark === undefined) throw new InputError(`${pair.paths.header}: benchmark '${header.benchmark}' is not one this version knows (see actial-eval list)`);
    out.set(pair.dataset, { name: pair.dataset, benchmark, circular: header.circular, promptBuilder: header.prompt_builder });
  }
  return out;
}
