import type { PredictionRecord } from '../workdir/records.js';
import type { Protocol } from '../benchmark/types.js';
import { hasRole } from '../benchmark/protocols.js';
import { extractAnswer } from '../extract/pipelines.js';
import type { JudgePrompt } from '../extract/judge-prompt.js';
import type { Pipeline } from '../extract/types.js';
import { judgeItems, type JudgeItem, type JudgeResult, type JudgeStats } from '../extract/judge/run.js';
import { MCQ_MATCH } from '../extract/judge/reply.js';
import type { JudgeSession } from '../extract/judge/session.js';

/** The prompt a judged protocol asks: its authors' when it declares one, else ours. */
export function judgePromptOf(protocol: Pick<Protocol, 'judgePrompt'>): JudgePrompt {
  return protocol.judgePrompt ?? MCQ_MATCH;
}

/** Verdicts per judge prompt version (protocols asking different prompts get different verdicts). */
export interface DatasetJudgement {
  readonly verdicts: ReadonlyMap<string, ReadonlyMap<string, string | null>>;
  /** Per prompt version, in the order the protocols name them. */
  readonly stats: ReadonlyMap<string, JudgeStats>;
}

/**
 * Asks the judge, with each judged protocol's prompt, about every answered row that protocol's
 * pipeline leaves undecided: the point where its authors' script asks its LLM, and no other.
 * Empty answers and rows without options are left alone: there is nothing to match.
 */
export async function judgeDataset(
  session: JudgeSession,
  latest: ReadonlyMap<string, PredictionRecord>,
  protocols: readonly Protocol[],
  cacheFile: string,
): Promise<DatasetJudgement> {
  const verdicts = new Map<string, ReadonlyMap<string, string | null>>();
  const stats = new Map<string, JudgeStats>();
  for (const [prompt, pipelines] of judgedPipelines(protocols)) {
    const result: JudgeResult = await judgeItems(session, undecided(latest, pipelines), cacheFile, prompt);
    verdicts.set(prompt.version, result.verdicts);
    stats.set(prompt.version, result.stats);
  }
  return { verdicts, stats };
}

function undecided(latest: ReadonlyMap<string, PredictionRecord>, pipelines: readonly Pipeline[]): JudgeItem[] {
  const items: JudgeItem[] = [];
  for (const rec of latest.values()) {
    if (rec.status !== 'ok' || rec.choices.length === 0 || rec.prediction.trim() === '') continue;
    if (!pipelines.some((p) => extractAnswer(p, rec.prediction, rec.choices, rec.fields).answer === null)) continue;
    items.push({ index: rec.index, question: rec.question ?? '', choices: rec.choices, prediction: rec.prediction, answer: rec.answer, fields: rec.fields });
  }
  return items;
}

/** The judged protocols' pipelines, per prompt. */
function judgedPipelines(protocols: readonly Protocol[]): Map<JudgePrompt, Pipeline[]> {
  const out = new Map<JudgePrompt, Pipeline[]>();
  for (const p of protocols.filter((q) => hasRole(q, 'judge'))) {
    const prompt = judgePromptOf(p);
    const list = out.get(prompt) ?? [];
    if (!list.includes(p.extract)) list.push(p.extract);
    out.set(prompt, list);
  }
  return out;
}
