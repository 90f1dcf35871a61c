/** `actial-eval score`: re-scores every stored (model, dataset) of a work dir, without config or requests. */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { BENCHMARKS, pipelineNamed } from '../../benchmarks/index.js';
import { InputError } from '../core/errors.js';
import type { ScoringDataset } from '../config/data.js';
import type { RunMeta } from '../run/evaluate-dataset.js';
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
  const stored = (await findStored(workDir)).filter(
    (s) => (flags.model === undefined || flags.model.includes(s.model)) && (flags.data === undefined || flags.data.includes(s.dataset.name)),
  );
  if (stored.length === 0) throw new InputError(`${workDir}: no stored predictions with a run header (M/M_D.meta.json) to score`);
  const judge = await openJudge(flags, { entry: undefined });
  const [{ WorkDirLock }, { evaluateDataset }, { renderSummaryTable }, { writeLeaderboard }] = await Promise.all([
    import('../store/lock.js'), import('../run/evaluate-dataset.js'), import('../report/table.js'), import('../report/leaderboard-file.js'),
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

async function findStored(workDir: string): Promise<Stored[]> {
  const out: Stored[] = [];
  let models: string[];
  try {
    models = (await readdir(workDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    throw new InputError(`${workDir}: not a work dir (cannot list it)`);
  }
  for (const model of models) {
    const metas = (await readdir(join(workDir, model))).filter((f) => f.startsWith(`${model}_`) && f.endsWith('.meta.json')).sort();
    for (const f of metas) {
      const name = f.slice(model.length + 1, -'.meta.json'.length);
      out.push({ model, dataset: scoringDataset(join(workDir, model, f), name, JSON.parse(await readFile(join(workDir, model, f), 'utf8')) as Partial<RunMeta>) });
    }
  }
  return out;
}

export function scoringDataset(file: string, name: string, meta: Partial<RunMeta>): ScoringDataset {
  const benchmark = BENCHMARKS.find((b) => b.id === meta.benchmark);
  if (benchmark === undefined) throw new InputError(`${file}: benchmark '${String(meta.benchmark)}' is not one this version knows (see actial-eval list)`);
  const extract = meta.extract === undefined || meta.extract === null ? undefined : pipelineNamed(meta.extract);
  if (meta.extract && extract === undefined) throw new InputError(`${file}: extraction pipeline '${meta.extract}' is not one this version knows`);
  return { name, datasetName: meta.dataset_name ?? name, benchmark, circular: meta.circular === true, extract };
}
