/**
 * An official number completed by an LLM judge is not the number its rules alone give: where the
 * authors' script asks an LLM, a run without a judge scores those answers as misses. Two runs are
 * compared only when their primary numbers were made alike: the same judge model and prompt
 * version, or both without a judge (or when neither left any answer to a judge).
 */
import { InputError } from '../core/errors.js';
import { JUDGE_METHOD, JUDGE_UNDECIDED_METHOD } from '../score/judged.js';
import { forEachScoreLine } from '../workdir/scores.js';
import type { PrimaryJudge, StoredDataset } from './sides.js';

function describe(j: PrimaryJudge): string {
  return j.model === null ? `without a judge (${j.rulesUndecided} answers left undecided)` : `with judge ${j.model} (${j.promptVersion})`;
}

/** Throws (exit 2) when A's and B's primary numbers were made with different judges. */
export function checkJudges(dataset: string, a: PrimaryJudge | undefined, b: PrimaryJudge | undefined): void {
  if (a === undefined || b === undefined) return;
  if (a.rulesUndecided === 0 && b.rulesUndecided === 0) return;
  if (a.model === b.model && a.promptVersion === b.promptVersion) return;
  throw new InputError(
    `compare: ${dataset}: A's ${a.protocol} number was made ${describe(a)}, B's ${describe(b)}; score both alike (\`actial-eval score\` with the same --judge, or both without) before comparing`,
  );
}

/**
 * The judge's verdicts behind a side's primary number, as its last scoring recorded them (its score
 * lines), so a judged number is compared as it was reported; undefined when no judge completed it.
 */
export async function recordedVerdicts(d: StoredDataset): Promise<Map<string, string | null> | undefined> {
  if (d.judge === undefined || d.judge.model === null) return undefined;
  const verdicts = new Map<string, string | null>();
  await forEachScoreLine(d.scores.file, d.scores.format, (line) => {
    if (line.method === JUDGE_METHOD || line.method === JUDGE_UNDECIDED_METHOD) verdicts.set(line.index, line.extracted);
  });
  return verdicts;
}
