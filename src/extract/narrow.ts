/**
 * Narrowers: cut a reasoning model's output down to the region that carries its final answer, so
 * that letters mentioned while reasoning do not count. Tags are matched case-insensitively, as
 * Actial's format reward (verl reward_custom.format_reward) accepts any case.
 */
import type { Narrower } from './types.js';

const ANSWER_TAG = /<(\/?)answer>/gi;
const THINK_TAG = /<(\/?)think>/gi;

/**
 * The content of the LAST `<answer>` tag: up to the next `</answer>`, or to the end when it is
 * unclosed (vLLM drops a matched stop string such as "</answer>", and truncated outputs end
 * early). The last tag wins because a model that answers twice has revised its answer.
 * (Actial's ActialChat post_process instead keeps the raw text when there is not exactly one
 * complete tag, and its RL reward reads the first one.)
 */
export function answerTagContent(text: string): string | null {
  if (!text.includes('<')) return null;
  let start = -1;
  let end = -1;
  for (const m of text.matchAll(ANSWER_TAG)) {
    if (m[1] === '') {
      start = m.index + m[0].length;
      end = -1;
    } else if (start >= 0 && end < 0) {
      end = m.index;
    }
  }
  if (start < 0) return null;
  return text.slice(start, end < 0 ? text.length : end).trim();
}

/**
 * The text outside the reasoning: after the last `</think>` (the opening tag may be absent when the
 * chat template put it in the prompt), cut at any `<think>` opened after it and never closed
 * (unfinished reasoning is not an answer, so a truncated `<think>…` yields '').
 */
export function outsideThink(text: string): string | null {
  if (!text.includes('<')) return null;
  let seen = false;
  let start = 0;
  let cut = -1;
  for (const m of text.matchAll(THINK_TAG)) {
    seen = true;
    if (m[1] === '/') {
      start = m.index + m[0].length;
      cut = -1;
    } else if (cut < 0) {
      cut = m.index;
    }
  }
  if (!seen) return null;
  return text.slice(start, cut < 0 ? text.length : cut).trim();
}

export const answerTag: Narrower = { name: 'answer-tag', narrow: answerTagContent };
export const think: Narrower = { name: 'think', narrow: outsideThink };
