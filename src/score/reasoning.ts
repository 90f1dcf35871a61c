import type { PredictionRecord, ScoredItem } from '../core/types.js';

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
  const ok = records.filter((r) => r.status === 'ok');
  const n = ok.length;
  const share = (k: number): number | null => (n === 0 ? null : k / n);
  const truncated = ok.filter((r) => r.finish_reason === 'length');
  const hits = new Map(rowItems.map((it) => [it.index, it.hit]));
  const truncHits = truncated.filter((r) => hits.get(r.index) === true).length;
  const tokens = ok.flatMap((r) => (r.usage !== null ? [r.usage.completion_tokens] : []));
  const raw = (r: PredictionRecord): string => r.raw_prediction ?? r.prediction;
  const format = ok.reduce((s, r) => s + actialFormatReward(raw(r)), 0);
  const accuracy = ok.reduce((s, r) => s + actialAccuracyReward(raw(r), r.answer), 0);
  return {
    answered: n,
    format_ok: share(format),
    truncated: share(truncated.length),
    truncated_count: truncated.length,
    truncated_accuracy: truncated.length === 0 ? null : truncHits / truncated.length,
    completion_tokens_mean: tokens.length === 0 ? null : tokens.reduce((a, b) => a + b, 0) / tokens.length,
    completion_tokens_median: median(tokens),
    empty: share(ok.filter((r) => r.prediction.trim() === '').length),
    actial_reward: {
      format: share(format),
      accuracy: share(accuracy),
      reward: n === 0 ? null : (0.5 * accuracy + 0.5 * format) / n,
    },
  };
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
