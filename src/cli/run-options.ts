import { Option, type Command } from 'commander';
import type { Mode } from '../run/run.js';
import type { JudgeFlags } from '../extract/judge/settings.js';
import { addJudgeOptions } from './judge-flags.js';

export interface RunFlags extends JudgeFlags {
  readonly config?: string;
  readonly workDir?: string;
  readonly mode: Mode;
  readonly apiNproc?: string;
  readonly retry?: string;
  readonly verbose?: boolean;
  readonly data?: string[];
  readonly model?: string[];
  readonly dataDir?: string;
  readonly offline?: boolean;
  readonly shard?: string;
}

/**
 * The main job's flags live on the root command, as in VLMEvalKit's run.py. Kept apart from the job
 * itself (./run.ts), which is loaded only when the root command runs.
 */
export function addRunOptions(program: Command): Command {
  return addJudgeOptions(program)
    .option('--config <file>', 'VLMEvalKit-shaped JSON config: {"model": {...}, "data": {...}}')
    // No commander default: with --shard the default becomes a per-shard dir.
    .option('--work-dir <dir>', 'where predictions and reports are written (default: results; with --shard i/N: results/shard-i-of-N)')
    .addOption(new Option('--mode <mode>', 'all: infer then evaluate; infer: only ask; eval: only score stored predictions').choices(['all', 'infer', 'eval']).default('all'))
    .option('--api-nproc <n>', 'concurrent requests per model (default: the model\'s "api_nproc", else 16)')
    .option('--retry <n>', 'tries per request, overriding the config\'s "retry"')
    .option('--verbose', 'print more detail')
    .option('--data <names...>', 'only these datasets (config output names)')
    .option('--model <names...>', 'only these models (config output names)')
    .option('--offline', 'never download a dataset that is not found locally (also: env HF_HUB_OFFLINE=1)')
    .option('--data-dir <dir>', 'folder of HuggingFace-style dataset downloads (also searched: $HF_HOME/hub)')
    .option('--shard <i/N>', 'evaluate only shard i of N of every dataset, into its own work dir (combine with `actial-eval merge`)');
}
