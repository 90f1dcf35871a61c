/** `actial-eval merge`: combines the work dirs of `--shard i/N` runs and scores the whole. */
import { Command } from 'commander';
import { addSecret, SECRET_ENV, stderr, stdout } from './output.js';
import { addJudgeOptions, openJudge } from './judge-flags.js';
import type { JudgeFlags } from '../extract/judge/settings.js';

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
    const { mergeShards } = await import('../shard/merge.js');
    try {
      setExit(await mergeShards({
        outDir: flags.out,
        shardDirs: dirs,
        allowMissing: flags.allowMissing === true,
        judge,
        print: stdout,
        warn: stderr,
      }));
    } finally {
      await judge?.close();
    }
  });
}
