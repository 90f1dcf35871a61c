import type { PredictionRecord } from '../workdir/records.js';
import type { ScoredItem } from '../workdir/scores.js';

/**
 * How a reasoning model behaved, beside its accuracy: the Actial format (think then answer, tags
 * closed and ordered), answers cut by the token limit and how they scored, output length, empty
 * answers. Over answered rows; failed requests are not answers.
 */
export interface ReasoningMetrics {
  readonly answered: number;
  /** Share whose raw output matches Actial's format reward: <think>…</think><answer>…</answer>. */
  readonly format_ok: number | null;
  /** Share with finish_reason 'length'. */
  readonly truncated: number | null;
  readonly truncated_count: number;
  /** Official-protocol accuracy of the truncated rows. */
  readonly truncated_accuracy: number | null;
  readonly completion_tokens_mean: number | null;
  readonly completion_tokens_median: number | null;
  /** Share whose answer text (after post-processing) is empty. */
  readonly empty: number | null;
  /** Actial's RL reward on these answers: means of the format and accuracy rewards and of their 0.5/0.5 sum. */
  readonly actial_reward: { readonly format: number | null; readonly accuracy: number | null; readonly reward: number | null };
}

/** Actial's format reward (verl reward_custom): the whole response, case-insensitive, dot matches newlines. */
export const ACTIAL_FORMAT = /^\s*<think>.*?<\/think>\s*<answer>.*?<\/answer>\s*$/is;

const FIRST_ANSWER = /<answer>(.*?)<\/answer>/s;

/**
 * Actial's accuracy reward: the first <answer>…</answer> content, stripped, equals the ground truth
 * exactly (case-sensitive); no tag, no reward. The ground truth of an MCQ item is its letter.
 */
export function actialAccuracyReward(raw: string, gold: string): number {
  const m = FIRST_ANSWER.exec(raw);
  return m !== null && (m[1] ?? '').trim() === gold ? 1 : 0;
}

export function actialFormatReward(raw: string): number {
  return ACTIAL_FORMAT.test(raw) ? 1 : 0;
}

export function reasoningMetrics(records: readonly PredictionRecord[], rowItems: readonly ScoredItem[]): ReasoningMetrics {
  const c = countAnswered(records);
  const n = c.answered;
  const share = (k: number): number | null => (n === 0 ? null : k / n);
  const truncHits = truncatedHits(c.truncated, rowItems);
  const tokens = c.tokens;
  return {
    answered: n,
    format_ok: share(c.format),
    truncated: share(c.truncated.length),
    truncated_count: c.truncated.length,
    truncated_accuracy: c.truncated.length === 0 ? null : truncHits / c.truncated.length,
    completion_tokens_mean: tokens.length === 0 ? null : tokens.reduce((a, b) => a + b, 0) / tokens.length,
    completion_tokens_median: median(tokens),
    empty: share(c.empty),
    actial_reward: {
      format: share(c.format),
      accuracy: share(c.accuracy),
      reward: n === 0 ? null : (0.5 * c.accuracy + 0.5 * c.format) / n,
    },
  };
}

interface AnsweredCounts {
  answered: number;
  /** Indices of the answered rows cut by the token limit. */
  readonly truncated: string[];
  readonly tokens: number[];
  format: number;
  accuracy: number;
  empty: number;
}

/** One pass over the answered records (a pass per count allocated an array each on 100k rows). */
function countAnswered(records: readonly PredictionRecord[]): AnsweredCounts {
  const c: AnsweredCounts = { answered: 0, truncated: [], tokens: [], format: 0, accuracy: 0, empty: 0 };
  for (const r of records) {
    if (r.status !== 'ok') continue;
    c.answered++;
    if (r.finish_reason === 'length') c.truncated.push(r.index);
    if (r.usage !== null) c.tokens.push(r.usage.completion_tokens);
    const raw = r.raw_prediction ?? r.prediction;
    c.format += actialFormatReward(raw);
    c.accuracy += actialAccuracyReward(raw, r.answer);
    if (r.prediction.trim() === '') c.empty++;
  }
  return c;
}

/** Truncated rows scored as hits (the last row item of an index decides); no map of every row. */
function truncatedHits(truncated: readonly string[], rowItems: readonly ScoredItem[]): number {
  if (truncated.length === 0) return 0;
  const wanted = new Set(truncated);
  const hit = new Map<string, boolean>();
  for (const it of rowItems) if (wanted.has(it.index)) hit.set(it.index, it.hit);
  return truncated.filter((index) => hit.get(index) === true).length;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  // Token counts are finite numbers, which a typed array sorts natively; anything else as before.
  const sorted = values.every(Number.isFinite) ? Float64Array.from(values).sort() : [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
