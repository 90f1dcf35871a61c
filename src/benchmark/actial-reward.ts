/**
 * Actial's RL reward (src/extract/actial-reward.ts) as scoring protocols, for the datasets a
 * checkpoint was trained on (verl RL Parquet, LLaMA-Factory ShareGPT): its accuracy half, its
 * format half and the reward, each a mean over the answered rows.
 */
import type { Choice } from '../core/types.js';
import { actialAccuracyOf, actialAnswerContent, actialFormat } from '../extract/actial-reward.js';
import type { ExtractStep, Pipeline } from '../extract/types.js';
import type { MetricSpec, Protocol, Scorer } from './types.js';

/** A row field holding the reward's ground truth when it is not the row's gold answer. */
export const REWARD_TRUTH = 'reward_truth';

const FORMATTED = 'actial-format';

/** The first answer tag's content, when the whole response has Actial's think/answer format. */
const formatted: ExtractStep = {
  name: FORMATTED,
  run: (text: string, _choices: readonly Choice[]) => (actialFormat(text) === 1 ? actialAnswerContent(text) : null),
};

/** The first answer tag's content (reward_custom.extract_answer_content), whatever the format. */
const firstAnswer: ExtractStep = { name: 'actial-first-answer', run: (text: string) => actialAnswerContent(text) };

/** Extracts what the accuracy half reads; the method says whether the format half is earned. On the raw reply, as verl scores it. */
export const ACTIAL_REWARD_PIPELINE: Pipeline = {
  name: 'actial-reward',
  kind: 'text',
  input: 'raw',
  rule: "raw reply (before post_process): first <answer> content, Python-stripped; the method records reward_custom's think/answer format",
  narrowers: [],
  steps: [formatted, firstAnswer],
};

const truthOf = (answer: string, fields: Readonly<Record<string, string>>): string => fields[REWARD_TRUTH] ?? answer;

const accuracyHalf = (extracted: string | null, answer: string, fields: Readonly<Record<string, string>>): number =>
  actialAccuracyOf(extracted, truthOf(answer, fields));

export const ACTIAL_ACCURACY: Scorer = { name: 'actial-accuracy-reward', credit: accuracyHalf };
export const ACTIAL_FORMAT: Scorer = { name: 'actial-format-reward', credit: (_e, _a, _f, method) => (method === FORMATTED ? 1 : 0) };
export const ACTIAL_REWARD: Scorer = {
  name: 'actial-reward',
  credit: (extracted, answer, fields, method) => 0.5 * accuracyHalf(extracted, answer, fields) + 0.5 * (method === FORMATTED ? 1 : 0),
};

/**
 * The three protocols, each with its mean overall and per value of `byField` (e.g. verl's
 * `data_source`); `accuracyRoles` makes the accuracy half the dataset's primary number, or not.
 */
export function actialRewardProtocols(byField: string | undefined, accuracyRoles: Protocol['roles']): Protocol[] {
  const metrics = (name: string): MetricSpec[] => [{ kind: 'accuracy', name }, ...(byField === undefined ? [] : [{ kind: 'per-value' as const, field: byField }])];
  const base = { extract: ACTIAL_REWARD_PIPELINE, grouping: { kind: 'row' } } as const;
  return [
    { name: 'actial-accuracy', roles: accuracyRoles, ...base, scorer: ACTIAL_ACCURACY, metrics: metrics('accuracy'), headline: 'accuracy' },
    { name: 'actial-reward', roles: [], ...base, scorer: ACTIAL_REWARD, metrics: metrics('reward'), headline: 'reward' },
    { name: 'actial-format', roles: [], ...base, scorer: ACTIAL_FORMAT, metrics: metrics('format'), headline: 'format' },
  ];
}
