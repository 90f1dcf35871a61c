/** A chat.completion response body in vLLM's shape, with usage and max_tokens truncation. */
import { randomUUID } from 'node:crypto';
import type { MockAnswer } from './answer.js';
import { textTokens, type ChatRequest } from './request.js';

interface Generated {
  readonly content: string;
  readonly reasoning: string | undefined;
  readonly finishReason: 'stop' | 'length';
}

/**
 * Generation emits the reasoning before the content, so a small max_tokens budget is spent on the
 * reasoning first; whatever is cut ends with finish_reason 'length', as vLLM reports it.
 */
function truncate(answer: MockAnswer, maxTokens: number | undefined): Generated {
  const reasoning = answer.reasoning ?? '';
  const budget = maxTokens === undefined ? Infinity : maxTokens * 4;
  if (reasoning.length + answer.content.length <= budget) return { ...answer, finishReason: 'stop' };
  const keptReasoning = reasoning.slice(0, budget);
  return {
    content: answer.content.slice(0, Math.max(0, budget - keptReasoning.length)),
    reasoning: answer.reasoning === undefined ? undefined : keptReasoning,
    finishReason: 'length',
  };
}

export function completionBody(answer: MockAnswer, request: ChatRequest, modelId: string): string {
  const out = truncate(answer, request.maxTokens);
  const completionTokens = textTokens(out.content.length + (out.reasoning?.length ?? 0));
  const message = {
    role: 'assistant',
    content: out.content,
    ...(out.reasoning === undefined ? {} : { reasoning: out.reasoning }),
    tool_calls: [],
  };
  return JSON.stringify({
    id: `chatcmpl-${randomUUID().replaceAll('-', '')}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: modelId,
    choices: [{ index: 0, message, logprobs: null, finish_reason: out.finishReason, stop_reason: null }],
    usage: {
      prompt_tokens: request.promptTokens,
      completion_tokens: completionTokens,
      total_tokens: request.promptTokens + completionTokens,
    },
    prompt_logprobs: null,
  });
}
