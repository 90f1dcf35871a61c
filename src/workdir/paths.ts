import { join } from 'node:path';

/**
 * Where each file of the work-dir contract lives (see docs/output-format.md). Per model M and
 * dataset D (the config's names) everything sits in `M/` and starts with `M_D`.
 */
export interface PairPaths {
  readonly dir: string;
  /** Run header: what inference used, and the format of the JSONL files beside it. */
  readonly header: string;
  /** Prediction records, appended as answers arrive. */
  readonly predictions: string;
  /** One score line per answered row. */
  readonly scores: string;
  /** VLMEvalKit's accuracy table. */
  readonly acc: string;
  readonly summary: string;
  /** Every metric of every protocol with its confidence interval. */
  readonly metrics: string;
  /** The LLM judge's cached verdicts. */
  readonly judge: string;
}

export const HEADER_SUFFIX = '.meta.json';
export const SUMMARY_SUFFIX = '_summary.json';

export function outputPaths(workDir: string, model: string, dataset: string): PairPaths {
  const dir = join(workDir, model);
  const stem = join(dir, `${model}_${dataset}`);
  return {
    dir,
    header: `${stem}${HEADER_SUFFIX}`,
    predictions: `${stem}.jsonl`,
    scores: `${stem}_score.jsonl`,
    acc: `${stem}_acc.csv`,
    summary: `${stem}${SUMMARY_SUFFIX}`,
    metrics: `${stem}_metrics.csv`,
    judge: `${stem}_judge.jsonl`,
  };
}

/** One row per model, one column per dataset's primary metric. */
export function leaderboardPath(workDir: string): string {
  return join(workDir, 'leaderboard.csv');
}

export const LOCK_FILE = '.actial-eval.lock';

/** Held by the one run (or score, or merge) writing into the work dir. */
export function lockPath(workDir: string): string {
  return join(workDir, LOCK_FILE);
}

/** The stores of a merge's out dir that merges wrote (and may rewrite). */
export function mergeMarkerPath(workDir: string): string {
  return join(workDir, '.actial-eval-merge.json');
}
