import { request, type Agent } from 'undici';
import { errorBodyMessage } from './transport.js';

/**
 * The wire: JSON over HTTP to an OpenAI-compatible server, with undici's request() on the
 * endpoint's keep-alive pool. Not the OpenAI SDK: its request pipeline (web streams, a second
 * JSON encoding of every body, header merging) cost ~1.2 ms of CPU per 100 KB-image request here,
 * more than twice the rest of the harness (bench/ figure 1). A request body is serialised once by
 * the caller and sent as is on every try.
 */

/** The server answered with an HTTP error; `message` is `<status> <server's words>`. */
export class HttpStatusError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly retryAfter: string | null,
  ) {
    super(message);
    this.name = 'HttpStatusError';
  }
}

/** No complete HTTP answer: refused, reset, closed, or cut off mid-body. */
export class ConnectionError extends Error {
  constructor(readonly reason: unknown) {
    super(`connection error: ${causeMessage(reason)}`);
    this.name = 'ConnectionError';
  }
}

/** A 200 whose body is not a usable answer: a server fault. */
export class InvalidResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidResponseError';
  }
}

/** Thrown when an attempt ran past its deadline (headers and body together). */
export class AttemptTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`request timed out after ${Number((timeoutMs / 1000).toFixed(3))} s (no complete answer within the timeout)`);
    this.name = 'AttemptTimeout';
  }
}

export interface Endpoint {
  /** The OpenAI base URL (…/v1). */
  readonly baseURL: string;
  readonly apiKey: string;
  readonly agent: Agent;
}

const USER_AGENT = 'actial-eval';

function headers(endpoint: Endpoint, json: boolean): Record<string, string> {
  const h: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
  if (json) h['content-type'] = 'application/json';
  // Servers started without --api-key ignore the header; VLMEvalKit sends it whatever the key.
  h['authorization'] = `Bearer ${endpoint.apiKey === '' ? 'EMPTY' : endpoint.apiKey}`;
  return h;
}

/** POST `json` (already serialised) to `path` under the base URL; resolves with the parsed 2xx body. */
export function postJson(endpoint: Endpoint, path: string, json: Buffer | string, signal: AbortSignal): Promise<unknown> {
  return exchange(endpoint, path, 'POST', json, signal);
}

export function getJson(endpoint: Endpoint, path: string, signal: AbortSignal): Promise<unknown> {
  return exchange(endpoint, path, 'GET', undefined, signal);
}

async function exchange(endpoint: Endpoint, path: string, method: 'GET' | 'POST', body: Buffer | string | undefined, signal: AbortSignal): Promise<unknown> {
  let status: number;
  let text: string;
  let retryAfter: string | null = null;
  let location: string | undefined;
  try {
    const res = await request(`${endpoint.baseURL}${path}`, {
      method,
      headers: headers(endpoint, body !== undefined),
      ...(body !== undefined ? { body } : {}),
      dispatcher: endpoint.agent,
      signal,
    });
    status = res.statusCode;
    const ra = res.headers['retry-after'];
    if (typeof ra === 'string') retryAfter = ra;
    const to = res.headers['location'];
    if (typeof to === 'string') location = to;
    text = await res.body.text();
  } catch (err) {
    // Whoever aborted says why (the attempt's deadline, or the pool taking the endpoint out).
    if (signal.aborted) throw signal.reason;
    throw new ConnectionError(err);
  }
  if (status >= 300 && status < 400) {
    // Not followed: a POST re-sent elsewhere is a guess about the server's intent.
    throw new HttpStatusError(status, `${status} redirected to ${location ?? '(no Location)'}: set api_base to the address the server answers at`, null);
  }
  if (status < 200 || status >= 300) throw statusError(status, text, retryAfter);
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new InvalidResponseError(`server answered with malformed JSON (${err instanceof Error ? err.message : String(err)})`);
  }
}

/** `<status> <server's words>`, whichever error shape the server uses (transport.ts). */
function statusError(status: number, text: string, retryAfter: string | null): HttpStatusError {
  return new HttpStatusError(status, `${status} ${errorBodyMessage(text, status)}`, retryAfter);
}

/**
 * The innermost cause says what happened (ECONNRESET, ECONNREFUSED, "other side closed"); outer
 * layers often say nothing.
 */
export function causeMessage(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  let inner: Error = err;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (inner as { cause?: unknown }).cause;
    if (!(cause instanceof Error)) break;
    inner = cause;
  }
  const code = (inner as { code?: unknown }).code;
  return typeof code === 'string' && !inner.message.includes(code) ? `${code} ${inner.message}` : inner.message;
}
