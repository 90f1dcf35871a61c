import type { Agent } from 'undici';
import { AttemptTimeout, getJson, InvalidResponseError, postJson, type Endpoint } from './http.js';
import { parseAnswer, readModelList, type Answer, type ListedModel } from './response.js';

export interface ClientOptions {
  readonly baseURL: string;
  readonly apiKey: string;
  /** Deadline of one attempt, body included. */
  readonly timeoutMs: number;
  readonly agent: Agent;
}

/**
 * One OpenAI-compatible endpoint: one chat completion attempt at a time, and model discovery.
 * It never retries: whether and where to try again is the pool's decision (pool/pool.ts, with the
 * policy of ../retry.ts), the one retry policy for models and the judge alike.
 */
export class ChatClient {
  private readonly endpoint: Endpoint;

  constructor(private readonly options: ClientOptions) {
    this.endpoint = { baseURL: options.baseURL.replace(/\/+$/, ''), apiKey: options.apiKey, agent: options.agent };
  }

  async listModels(): Promise<ListedModel[]> {
    const raw = await this.withDeadline(undefined, (signal) => getJson(this.endpoint, '/models', signal));
    const models = readModelList(raw);
    if (models === undefined) throw new InvalidResponseError('/models answered without a "data" list of models');
    return models;
  }

  /**
   * One attempt: `wire` is the serialised chat body (../request/wire.ts). `cancel` aborts it (its
   * reason is thrown). The deadline covers the body too, so an answer that trickles in after its
   * headers cannot hold the request forever.
   */
  async send(wire: Buffer, cancel?: AbortSignal): Promise<Answer> {
    return parseAnswer(await this.withDeadline(cancel, (signal) => postJson(this.endpoint, '/chat/completions', wire, signal)));
  }

  private async withDeadline<T>(outer: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(new AttemptTimeout(this.options.timeoutMs)), this.options.timeoutMs);
    const forward = (): void => deadline.abort(outer?.reason);
    if (outer?.aborted === true) forward();
    else outer?.addEventListener('abort', forward, { once: true });
    try {
      return await fn(deadline.signal);
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', forward);
    }
  }
}
