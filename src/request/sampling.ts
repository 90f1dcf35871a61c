import type { ChatBody } from './body.js';

/** Neutral values of the sampling settings that OpenAI-compatible servers accept. */
const NEUTRAL = { top_p: 1 } as const satisfies Partial<ChatBody>;

/** Neutral values of vLLM's own sampling extensions: no top-k cut, no repetition penalty. */
const VLLM_NEUTRAL = { top_k: -1, repetition_penalty: 1 } as const satisfies Partial<ChatBody>;

/**
 * The payload settings to send, every sampling setting explicit: vLLM fills unsent ones from the
 * model's generation_config (Qwen2.5-VL: top_p 0.001, top_k 1, repetition_penalty 1.05), so a
 * setting not configured is sent with its neutral value. top_k and repetition_penalty are vLLM
 * extensions, sent only to vLLM servers (`owned_by` "vllm" in /v1/models). Used for the evaluated
 * models and the judge alike.
 */
export function explicitSampling(configured: Readonly<Record<string, unknown>>, ownedBy: string): Record<string, unknown> {
  const extra: Record<string, unknown> = { ...NEUTRAL, ...configured };
  if (ownedBy === 'vllm') {
    extra['top_k'] ??= VLLM_NEUTRAL.top_k;
    extra['repetition_penalty'] ??= VLLM_NEUTRAL.repetition_penalty;
  }
  return extra;
}
