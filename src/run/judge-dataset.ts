import type { PredictionRecord } from '../workdir/records.js';
import type { Protocol } from '../benchmark/types.js';
import { hasRole } from '../benchmark/protocols.js';
import { extractAnswer } from '../extract/pipelines.js';
import type { Pipeline } from '../extract/types.js';
import { judgeItems, type JudgeItem, type JudgeResult } from '../extract/judge/run.js';
import type { JudgeSession } from '../extract/judge/session.js';

/**
 * Asks the judge about every answered row that a judged protocol's pipeline leaves undecided.
 * Empty answers and rows without options are left alone: there is nothing to match.
 */
export async function judgeDataset(
  session: JudgeSession,
  latest: ReadonlyMap<string, PredictionRecord>,
  protocols: readonly Protocol[],
  cacheFile: string,
): Promise<JudgeResult> {
  const pipelines = judgedPipelines(protocols);
  const items: JudgeItem[] = [];
  for (const rec of latest.values()) {
    if (rec.status !== 'ok' || rec.choices.length === 0 || rec.prediction.trim() === '') continue;
    if (!pipelines.some((p) => extractAnswer(p, rec.prediction, rec.choices, rec.fields).answer === null)) continue;
    items.push({ index: rec.index, question: rec.question ?? '', choices: rec.choices, prediction: rec.prediction });
  }
  return judgeItems(session, items, cacheFile);
}

function judgedPipelines(protocols: readonly Protocol[]): Pipeline[] {
  return [...new Set(protocols.filter((p) => hasRole(p, 'judge')).map((p) => p.extract))];
}
