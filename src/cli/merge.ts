/** `actial-eval merge`: combines the work dirs of `--shard i/N` runs and scores the whole. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { EXIT } from '../core/errors.js';
import { addSecret, SECRET_ENV, stderr, stdout } from './output.js';
import { addJudgeOptions, openJudge } from './judge-flags.js';
import type { JudgeFlags } from '../extract/judge/settings.js';
import type { JudgeSession } from '../extract/judge/session.js';

interface MergeFlags extends JudgeFlags {
  readonly out: string;
  readonly allowMissing?: boolean;
}

/** `setExit` carries the exit code out: commander actions return nothing. */
export function mergeCommand(setExit: (code: number) => void): Command {
  const command = new Command('merge')
    .description('combine the work dirs of --shard i/N runs into one and score the whole (refuses overlapping shards, shards of different runs, and missing shards)')
    .argument('<shard-dirs...>', 'work dirs of the shard runs (e.g. results/shard-1-of-3 results/shard-2-of-3 results/shard-3-of-3)')
    .requiredOption('--out <dir>', 'work dir to write the merged stores and reports to')
    .option('--allow-missing', 'merge even when some shards are absent; the summaries then say which shards they hold');
  return addJudgeOptions(command).action(async (dirs: string[], flags: MergeFlags) => {
    for (const name of SECRET_ENV) addSecret(process.env[name]);
    const judge = await openJudge(flags, { entry: undefined });
    try {
      setExit(await merge(dirs, flags, judge));
    } finally {
      await judge?.close();
    }
  });
}

/**
 * Merges (src/shard), then scores the merged stores as `score` would: the merged reports are those
 * an unsharded run would have written. The out dir stays locked throughout.
 */
async function merge(dirs: readonly string[], flags: MergeFlags, judge: JudgeSession | undefined): Promise<number> {
  const [{ planShardMerge, writeShardMerge }, { WorkDirLock }, { evaluateDataset }, { renderSummaryTable }, { writeLeaderboard }, { scoringDataset }, { outputPaths }] = await Promise.all([
    import('../shard/merge.js'), import('../workdir/lock.js'), import('../run/evaluate-dataset.js'), import('../report/table.js'),
    import('../report/leaderboard-file.js'), import('./score.js'), import('../workdir/paths.js'),
  ]);
  const outDir = resolve(flags.out);
  const plans = await planShardMerge({ outDir, shardDirs: dirs, allowMissing: flags.allowMissing === true });
  const lock = await WorkDirLock.acquire(outDir);
  try {
    await writeShardMerge(outDir, plans, stderr);
    let failed = 0;
    for (const plan of plans) {
      const dataset = scoringDataset(outputPaths(outDir, plan.model, plan.dataset).header, plan.dataset, plan.meta);
      const summary = await evaluateDataset(outDir, plan.model, dataset, { judge, log: stdout });
      stdout(renderSummaryTable(summary));
      failed += summary.counts.failed + summary.counts.judge_failed;
    }
    await writeLeaderboard(outDir, stdout);
    return failed > 0 ? EXIT.failedRequests : EXIT.ok;
  } finally {
    await lock.release();
  }
}
