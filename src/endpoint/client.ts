import type { Agent } from 'undici';
import type { Usage } from '../core/types.js';
import type { ChatBody } from '../request/build.js';
import { encodeChatBody } from '../request/wire.js';
import { AttemptTimeout, getJson, InvalidResponseError, postJson, type Endpoint } from './http.js';
import { isRecord } from './transport.js';
import { backoffMs, classify, type Classified } from './retry.js';

export interface ClientOptions {
  readonly baseURL: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  /** Total tries per request. */
  readonly tries: number;
  readonly backoffS: number;
  readonly agent: Agent;
}

export interface Answer {
  readonly content: string;
  readonly reasoning?: string;
  readonly finish_reason: string | null;
  readonly usage: Usage | null;
  readonly model: string;
}

export type Outcome =
  | ({ readonly status: 'ok'; readonly attempts: number; readonly latency_ms: number } & Answer)
  | {
      readonly status: 'failed';
      readonly attempts: number;
      readonly latency_ms: number;
      readonly error: string;
      readonly error_kind: 'transient' | 'permanent';
      readonly http_status?: number;
    };

/** One OpenAI-compatible endpoint: chat completions (one attempt, or with retries) and model discovery. */
export class ChatClient {
  private readonly endpoint: Endpoint;

  constructor(private readonly options: ClientOptions) {
    this.endpoint = { baseURL: options.baseURL.replace(/\/+$/, ''), apiKey: options.apiKey, agent: options.agent };
  }

  async listModels(): Promise<{ id: string; owned_by?: string; max_model_len?: number }[]> {
    const raw = await this.withDeadline(undefined, (signal) => getJson(this.endpoint, '/models', signal));
    const data = isRecord(raw) ? raw['data'] : undefined;
    if (!Array.isArray(data)) throw new InvalidResponseError('/models answered without a "data" list of models');
    return data.flatMap((m: unknown) => {
      if (!isRecord(m) || typeof m['id'] !== 'string') return [];
      return [
        {
          id: m['id'],
          ...(typeof m['owned_by'] === 'string' ? { owned_by: m['owned_by'] } : {}),
          ...(typeof m['max_model_len'] === 'number' ? { max_model_len: m['max_model_len'] } : {}),
        },
      ];
    });
  }

  /**
   * One attempt, no retry (the pool decides where and whether to try again): `wire` is the
   * serialised chat body (../request/wire.ts). `cancel` aborts it (its reason is thrown). The deadline covers the body
   * too, so an answer that trickles in after its headers cannot hold the request forever.
   */
  async send(wire: Buffer, cancel?: AbortSignal): Promise<Answer> {
    return parseAnswer(await this.withDeadline(cancel, (signal) => postJson(this.endpoint, '/chat/completions', wire, signal)));
  }

  /** With retries (exponential backoff with jitter, Retry-After honoured) for transient failures. */
  async complete(body: ChatBody, signal?: AbortSignal): Promise<Outcome> {
    const wire = encodeChatBody(body);
    let last: Classified = { kind: 'transient', message: 'not attempted', rule: 'no attempt was made' };
    let latency = 0;
    for (let attempt = 1; attempt <= this.options.tries; attempt++) {
      const started = performance.now();
      try {
        if (signal?.aborted === true) throw signal.reason;
        const answer = await this.send(wire, signal);
        latency = Math.round(performance.now() - started);
        return { status: 'ok', attempts: attempt, latency_ms: latency, ...answer };
      } catch (err) {
        latency = Math.round(performance.now() - started);
        if (signal?.aborted === true) throw err;
        last = classify(err);
        if (last.kind === 'permanent' || attempt === this.options.tries) return failed(last, attempt, latency);
      }
      await sleep(backoffMs(attempt, this.options.backoffS, last.retryAfterS), signal);
    }
    return failed(last, this.options.tries, latency);
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

/** The record says what failed and why it was, or was not, retried. */
function failed(c: Classified, attempts: number, latency: number): Outcome {
  const why = c.kind === 'permanent' ? `not retried: ${c.rule}` : `gave up after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${c.rule}`;
  return {
    status: 'failed',
    attempts,
    latency_ms: latency,
    error: `${c.message} [${why}]`,
    error_kind: c.kind,
    ...(c.status !== undefined ? { http_status: c.status } : {}),
  };
}

/**
 * Reads a chat.completion, tolerating extra keys; a response without a usable choice is invalid
 * (a server fault, retried). `content: null` is not: vLLM sends it when its reasoning parser took the
 * whole output (no closing </think>), so the model did answer, with no answer text. It is stored as
 * an empty answer (reasoning kept) and scored like any answer that names no option; asking again
 * would get the same output.
 */
export function parseAnswer(raw: unknown): Answer {
  if (!isRecord(raw)) throw new InvalidResponseError('server answered with something that is not a JSON object');
  const choices = raw['choices'];
  if (!Array.isArray(choices) || choices.length === 0) {
    throw new InvalidResponseError('server answered without choices');
  }
  const choice: unknown = choices[0];
  if (!isRecord(choice) || !isRecord(choice['message'])) {
    throw new InvalidResponseError('server answered with a choice that has no message');
  }
  const message = choice['message'];
  const content = message['content'];
  if (content !== null && content !== undefined && typeof content !== 'string') {
    throw new InvalidResponseError('server answered with a non-text message content');
  }
  const reasoning = pickString(message, ['reasoning', 'reasoning_content']);
  const finish = choice['finish_reason'];
  return {
    content: content ?? '',
    ...(reasoning !== undefined ? { reasoning } : {}),
    finish_reason: typeof finish === 'string' ? finish : null,
    usage: parseUsage(raw['usage']),
    model: typeof raw['model'] === 'string' ? raw['model'] : '',
  };
}

function pickString(obj: Record<string, unknown>, keys: readonly string[]): string | undefined {
  for (const k of keys) {
    const v = obj[k];
    if (typeof v === 'string' && v !== '') return v;
  }
  return undefined;
}

function parseUsage(raw: unknown): Usage | null {
  if (!isRecord(raw)) return null;
  const num = (k: string): number => (typeof raw[k] === 'number' ? (raw[k] as number) : 0);
  return { prompt_tokens: num('prompt_tokens'), completion_tokens: num('completion_tokens'), total_tokens: num('total_tokens') };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
