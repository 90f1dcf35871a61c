/** `actial-eval score`: re-scores every stored (model, dataset) of a work dir, without config or requests. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { BENCHMARKS, pipelineNamed } from '../../benchmarks/index.js';
import { InputError } from '../core/errors.js';
import type { ScoringDataset } from '../config/data.js';
import { readRunHeader, type RunHeader } from '../workdir/header.js';
import { scanWorkDir } from '../workdir/scan.js';
import { addSecret, SECRET_ENV, stdout } from './output.js';
import { addJudgeOptions, openJudge } from './judge-flags.js';
import type { JudgeFlags } from '../extract/judge/settings.js';

interface ScoreFlags extends JudgeFlags {
  readonly workDir: string;
  readonly model?: string[];
  readonly data?: string[];
}

export function scoreCommand(): Command {
  const command = new Command('score')
    .description('re-score the stored predictions of a work dir with the current pipelines (no config; requests only to a --judge, for verdicts not cached)')
    .option('--work-dir <dir>', 'work dir of earlier runs', 'results')
    .option('--model <names...>', 'only these models')
    .option('--data <names...>', 'only these datasets');
  return addJudgeOptions(command).action(async (flags: ScoreFlags) => score(flags));
}

async function score(flags: ScoreFlags): Promise<void> {
  for (const name of SECRET_ENV) addSecret(process.env[name]);
  const workDir = resolve(flags.workDir);
  const stored = await findStored(workDir, (model, dataset) => (flags.model === undefined || flags.model.includes(model)) && (flags.data === undefined || flags.data.includes(dataset)));
  if (stored.length === 0) throw new InputError(`${workDir}: no stored predictions with a run header (M/M_D.meta.json) to score`);
  const judge = await openJudge(flags, { entry: undefined });
  const [{ WorkDirLock }, { evaluateDataset }, { renderSummaryTable }, { writeLeaderboard }] = await Promise.all([
    import('../workdir/lock.js'), import('../run/evaluate-dataset.js'), import('../report/table.js'), import('../report/leaderboard-file.js'),
  ]);
  const lock = await WorkDirLock.acquire(workDir);
  try {
    for (const s of stored) stdout(renderSummaryTable(await evaluateDataset(workDir, s.model, s.dataset, { judge, log: stdout })));
    await writeLeaderboard(workDir, stdout);
  } finally {
    await lock.release();
    await judge?.close();
  }
}

interface Stored {
  readonly model: string;
  readonly dataset: ScoringDataset;
}

/** The stored pairs `wanted` picks, with their run headers (only theirs are read). */
async function findStored(workDir: string, wanted: (model: string, dataset: string) => boolean): Promise<Stored[]> {
  const out: Stored[] = [];
  for (const pair of await scanWorkDir(workDir, 'header')) {
    if (wanted(pair.model, pair.dataset)) out.push({ model: pair.model, dataset: scoringDataset(pair.paths.header, pair.dataset, await readRunHeader(pair.paths.header)) });
  }
  return out;
}

/** What scoring needs of a run header (`file`, for messages): the benchmark and how it was run. */
export function scoringDataset(file: string, name: string, header: RunHeader): ScoringDataset {
  const benchmark = BENCHMARKS.find((b) => b.id === header.benchmark);
  if (benchmark === undefined) throw new InputError(`${file}: benchmark '${header.benchmark}' is not one this version knows (see actial-eval list)`);
  const extract = header.extract === null ? undefined : pipelineNamed(header.extract);
  if (header.extract !== null && extract === undefined) throw new InputError(`${file}: extraction pipeline '${header.extract}' is not one this version knows`);
  return { name, datasetName: header.dataset_name, benchmark, circular: header.circular, extract };
}
