import OpenAI from 'openai';
import type { Agent } from 'undici';
import type { ChatBody } from '../../request/build.js';
import { parseAnswer, type Answer } from '../client.js';
import { createFetch } from '../transport.js';

/** Thrown when an attempt ran past its deadline (headers and body together). */
export class AttemptTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`request timed out after ${Number((timeoutMs / 1000).toFixed(3))} s (no complete answer within the timeout)`);
    this.name = 'AttemptTimeout';
  }
}

/**
 * Sends one chat completion to one endpoint, no retry: the pool decides where and whether to try
 * again. The deadline covers the body too (the SDK's own timeout stops at the headers, and undici's
 * body timeout is off so long generations are not cut).
 */
export class Sender {
  private readonly sdk: OpenAI;

  constructor(baseURL: string, apiKey: string, private readonly timeoutMs: number, agent: Agent) {
    this.sdk = new OpenAI({
      baseURL,
      // The SDK refuses an empty key; servers without --api-key ignore the header.
      apiKey: apiKey === '' ? 'EMPTY' : apiKey,
      maxRetries: 0,
      timeout: timeoutMs,
      fetch: createFetch(agent),
    });
  }

  /** `cancel` aborts the attempt (the pool took its endpoint out); the rejection is then ignored. */
  async send(body: ChatBody, cancel: AbortSignal): Promise<Answer> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new AttemptTimeout(this.timeoutMs)), this.timeoutMs);
    const forward = (): void => deadline.abort(cancel.reason);
    cancel.addEventListener('abort', forward, { once: true });
    try {
      const raw: unknown = await this.sdk.chat.completions.create(
        body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming,
        { signal: deadline.signal },
      );
      return parseAnswer(raw);
    } catch (err) {
      if (deadline.signal.reason instanceof AttemptTimeout) throw deadline.signal.reason;
      throw err;
    } finally {
      clearTimeout(timer);
      cancel.removeEventListener('abort', forward);
    }
  }
}
