/**
 * The port of Actial's reward against the original's own outputs (actial-reward-cases.ts, from
 * CPython on the published function), and the protocols built on it scoring those cases.
 */
import { describe, expect, it } from 'vitest';
import { actialAnswerContent, actialReward, NO_ANSWER } from '../../src/extract/actial-reward.js';
import { ACTIAL_ACCURACY, ACTIAL_FORMAT, ACTIAL_REWARD, ACTIAL_REWARD_PIPELINE } from '../../src/benchmark/actial-reward.js';
import { runPipeline } from '../../src/extract/pipelines.js';
import { REWARD_CASES } from './actial-reward-cases.js';

describe('Actial reward (reward_custom.compute_score), case by case as CPython computed it', () => {
  it.each(REWARD_CASES.map((c, i) => [i, c] as const))('case %i', (_i, c) => {
    const got = actialReward(c.response, c.groundTruth);
    expect(got).toEqual({ format: c.format, accuracy: c.accuracy, reward: c.reward });
    expect(actialAnswerContent(c.response) ?? NO_ANSWER).toBe(c.content);
  });

  it('the protocols credit each case as compute_score and its two halves do', () => {
    for (const c of REWARD_CASES) {
      const { answer, method } = runPipeline(ACTIAL_REWARD_PIPELINE, c.response, []);
      expect(ACTIAL_REWARD.credit(answer, c.groundTruth, {}, method), c.response).toBe(c.reward);
      expect(ACTIAL_ACCURACY.credit(answer, c.groundTruth, {}, method), c.response).toBe(c.accuracy);
      expect(ACTIAL_FORMAT.credit(answer, c.groundTruth, {}, method), c.response).toBe(c.format);
    }
  });

  it('a row whose reward truth differs from its gold answer is rewarded on the truth', () => {
    const { answer, method } = runPipeline(ACTIAL_REWARD_PIPELINE, '<think>x</think><answer>Red.</answer>', []);
    expect(ACTIAL_REWARD.credit(answer, 'red', { reward_truth: 'Red.' }, method)).toBe(1);
    expect(ACTIAL_REWARD.credit(answer, 'red', {}, method)).toBe(0.5);
  });
});
