/**
 * Judges a batch of undecided answers: cached verdicts first, then the judge for the rest, through
 * its endpoint pool (which keeps each endpoint within its concurrency; questions are handed over
 * no faster than the pool can take them, so a large batch holds no more than that in memory). A reply that is not a letter is asked once more, then the row
 * stays undecided (cached as such: a rerun does not ask again). A request that fails after its
 * retries is not a verdict: it is counted, not cached, and asked again by the next run.
 */
import PQueue from 'p-queue';
import type { Choice } from '../../core/types.js';
import { VerdictCache, verdictKey } from './cache.js';
import type { JudgePrompt } from '../judge-prompt.js';
import { MCQ_MATCH } from './reply.js';
import type { JudgeSession } from './session.js';

export interface JudgeItem {
  readonly index: string;
  readonly question: string;
  readonly choices: readonly Choice[];
  readonly prediction: string;
  readonly answer?: string;
  readonly fields?: Readonly<Record<string, string>>;
}

export interface JudgeStats {
  /** Rows handed to the judge (cached or asked). */
  readonly judged: number;
  readonly decided: number;
  readonly undecided: number;
  /** Judge requests that failed after their retries (rows left as the rules left them). */
  readonly failed: number;
  readonly cacheHits: number;
  readonly cacheMisses: number;
  /** The first failure message, for the one line the user sees. */
  readonly firstError: string | undefined;
}

export interface JudgeResult {
  /** index → option letter, or null when the judge could not decide. Failed rows are absent. */
  readonly verdicts: Map<string, string | null>;
  readonly stats: JudgeStats;
}

const REPLY_KEPT = 200;

type MutableStats = { -readonly [K in keyof JudgeStats]: JudgeStats[K] };

/** `prompt`: the judged protocol's (its authors' text, or our own), which decides how replies are read. */
export async function judgeItems(session: JudgeSession, items: readonly JudgeItem[], cacheFile: string, prompt: JudgePrompt = MCQ_MATCH): Promise<JudgeResult> {
  const verdicts = new Map<string, string | null>();
  const stats: MutableStats = { judged: items.length, decided: 0, undecided: 0, failed: 0, cacheHits: 0, cacheMisses: 0, firstError: undefined };
  if (items.length === 0) return { verdicts, stats };
  const record = (index: string, verdict: string | null): void => {
    verdicts.set(index, verdict);
    if (verdict === null) stats.undecided++;
    else stats.decided++;
  };
  const cache = await VerdictCache.open(cacheFile);
  try {
    const misses = lookUp(session, prompt, items, cache, record);
    stats.cacheHits = items.length - misses.length;
    stats.cacheMisses = misses.length;
    // Checked before the first request, so a judge that is down stops scoring with one clear error.
    if (misses.length > 0) await session.ready();
    await askAll(session, prompt, misses, cache, record, stats);
  } finally {
    await cache.close();
  }
  return { verdicts, stats };
}

interface Miss {
  readonly item: JudgeItem;
  readonly key: string;
}

/** Records every cached verdict; returns the items the judge has not seen. */
function lookUp(session: JudgeSession, prompt: JudgePrompt, items: readonly JudgeItem[], cache: VerdictCache, record: (index: string, verdict: string | null) => void): Miss[] {
  const misses: Miss[] = [];
  for (const item of items) {
    const gold = prompt.gold?.(item);
    const key = verdictKey({ judgeModel: session.spec.model, promptVersion: prompt.version, ...item, ...(gold !== undefined ? { gold } : {}) });
    const hit = cache.get(key);
    if (hit === undefined) misses.push({ item, key });
    else record(item.index, hit);
  }
  return misses;
}

async function askAll(
  session: JudgeSession,
  prompt: JudgePrompt,
  misses: readonly Miss[],
  cache: VerdictCache,
  record: (index: string, verdict: string | null) => void,
  stats: MutableStats,
): Promise<void> {
  const queue = new PQueue({ concurrency: session.capacity });
  let writeError: unknown;
  for (const { item, key } of misses) {
    void queue.add(async () => {
      const asked = await askJudge(session, prompt, item);
      if (asked.error !== undefined) {
        stats.failed++;
        stats.firstError ??= asked.error;
        return;
      }
      const line = { key, index: item.index, judge_model: session.spec.model, prompt_version: prompt.version };
      await cache.append({ ...line, verdict: asked.verdict, reply: asked.reply.slice(0, REPLY_KEPT), asks: asked.asks, time: new Date().toISOString() });
      record(item.index, asked.verdict);
    }).catch((err: unknown) => {
      writeError ??= err;
    });
  }
  await queue.onIdle();
  if (writeError !== undefined) throw writeError;
}

interface Asked {
  readonly verdict: string | null;
  readonly reply: string;
  readonly asks: number;
  readonly error?: string;
}

/** One question to the judge, asked again (up to the prompt's `asks`) while its reply cannot be read. */
async function askJudge(session: JudgeSession, prompt: JudgePrompt, item: JudgeItem): Promise<Asked> {
  const text = prompt.build(item);
  let reply = '';
  for (let asks = 1; asks <= prompt.asks; asks++) {
    const outcome = await session.ask(text, { system: prompt.system, temperature: prompt.temperature });
    if (outcome.status === 'failed') return { verdict: null, reply: '', asks, error: outcome.error };
    reply = outcome.content;
    const parsed = prompt.parse(reply, item.choices, item);
    if (parsed.kind === 'option') return { verdict: parsed.letter, reply, asks };
    if (parsed.kind === 'none') return { verdict: null, reply, asks };
  }
  return { verdict: null, reply, asks: prompt.asks };
}
