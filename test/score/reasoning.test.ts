import { describe, expect, it } from 'vitest';
import { ACTIAL_FORMAT, reasoningMetrics } from '../../src/score/reasoning.js';
import type { PredictionRecord } from '../../src/workdir/records.js';
import type { ScoredItem } from '../../src/workdir/scores.js';

function rec(index: string, raw: string, finish: string, tokens: number, status: 'ok' | 'failed' = 'ok', prediction = raw): PredictionRecord {
  return {
    index, prompt_hash: 'h', settings_hash: 's', status, prediction, raw_prediction: raw, finish_reason: finish,
    usage: { prompt_tokens: 10, completion_tokens: tokens, total_tokens: 10 + tokens }, latency_ms: 1, attempts: 1,
    time: 't', answer: 'A', choices: [], fields: {},
  };
}
const hit = (index: string, h: boolean): ScoredItem => ({ index, answer: 'A', extracted: h ? 'A' : null, method: 'm', hit: h, fields: {} });

describe('Actial format reward', () => {
  it.each([
    ['<think>a</think><answer>B</answer>', true],
    ['  <THINK>multi\nline</THINK>\n<Answer>B</Answer>\n', true],
    ['<answer>B</answer><think>a</think>', false],
    ['<think>a</think>B', false],
    ['<think>a<answer>B</answer>', false],
    ['B', false],
  ])('%j → %s', (text, ok) => {
    expect(ACTIAL_FORMAT.test(text)).toBe(ok);
  });
});

describe('reasoningMetrics', () => {
  it('counts format, truncation (and its accuracy), tokens and empty answers over answered rows only', () => {
    const records = [
      rec('1', '<think>x</think><answer>A</answer>', 'stop', 10, 'ok', 'A'),
      rec('2', '<think>very long', 'length', 100, 'ok', '<think>very long'),
      rec('3', '<think>long too</think><answer>A', 'length', 100, 'ok', 'A'),
      rec('4', '', 'stop', 0, 'ok', ''),
      rec('5', '', 'stop', 999, 'failed', ''),
    ];
    const m = reasoningMetrics(records, [hit('1', true), hit('2', false), hit('3', true), hit('4', false)]);
    expect(m).toEqual({
      answered: 4,
      format_ok: 0.25,
      truncated: 0.5,
      truncated_count: 2,
      truncated_accuracy: 0.5,
      completion_tokens_mean: 52.5,
      completion_tokens_median: 55,
      empty: 0.25,
      // Accuracy reward: only row 1 has a closed <answer> equal to the gold letter.
      actial_reward: { format: 0.25, accuracy: 0.25, reward: 0.25 },
    });
  });
  it('has nulls, not zeros, when nothing was answered', () => {
    expect(reasoningMetrics([], [])).toMatchObject({ answered: 0, format_ok: null, truncated: null, completion_tokens_mean: null });
  });
});

describe('Actial accuracy reward', () => {
  it.each([
    ['<think>x</think><answer>B</answer>', 'B', 1],
    ['<answer> B </answer>', 'B', 1],
    ['<answer>b</answer>', 'B', 0],
    ['<answer>B</answer><answer>C</answer>', 'C', 0],
    ['<answer>(B)</answer>', 'B', 0],
    ['B', 'B', 0],
  ])('%j with gold %s → %d', async (raw, gold, reward) => {
    const { actialAccuracyReward } = await import('../../src/score/reasoning.js');
    expect(actialAccuracyReward(raw, gold)).toBe(reward);
  });
});
