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
import { readSummary } from '../workdir/summary.js';
import type { ScoresFormat } from '../workdir/scores.js';

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
  /** Who completed the primary protocol's answers, from the last summary; undefined when none says. */
  readonly judge: PrimaryJudge | undefined;
  /** The last scoring's score lines and their format: where the judge's verdicts of that scoring are. */
  readonly scores: { readonly file: string; readonly format: ScoresFormat };
}

/** The judge behind a primary number: its model (null: none configured) and prompt, and what was left to it. */
export interface PrimaryJudge {
  readonly protocol: string;
  readonly model: string | null;
  readonly promptVersion: string;
  readonly rulesUndecided: number;
}

async function primaryJudge(summaryFile: string): Promise<PrimaryJudge | undefined> {
  const exists = await stat(summaryFile).then((s) => s.isFile(), () => false);
  if (!exists) return undefined;
  const summary = await readSummary(summaryFile);
  const protocol = summary.primary.protocol;
  const judge = summary.protocols[protocol]?.judge;
  return judge === undefined ? undefined : { protocol, model: judge.model, promptVersion: judge.prompt_version, rulesUndecided: judge.rules_undecided };
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
    out.set(pair.dataset, { name: pair.dataset, benchmark, circular: header.circular, promptBuilder: header.prompt_builder, judge: await primaryJudge(pair.paths.summary), scores: { file: pair.paths.scores, format: header.formats.scores } });
  }
  return out;
}
