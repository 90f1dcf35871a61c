import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';

/** How a failed attempt is treated: retried (transient) or recorded at once (permanent). */
export interface Classified {
  readonly kind: 'transient' | 'permanent';
  readonly message: string;
  /** The rule that decided `kind`, written into the failure record so it says why. */
  readonly rule: string;
  readonly status?: number;
  /** Seconds the server asked us to wait (Retry-After). */
  readonly retryAfterS?: number;
}

export class InvalidResponseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidResponseError';
  }
}

/** A timeout of the whole attempt (headers and body), whoever noticed it first. */
export function timedOut(timeoutMs: number): Classified {
  const seconds = Number((timeoutMs / 1000).toFixed(3));
  return { kind: 'transient', message: `request timed out after ${seconds} s (no complete answer within the timeout)`, rule: 'timeouts are transient' };
}

export function classify(err: unknown, timeoutMs: number): Classified {
  if (err instanceof APIConnectionTimeoutError) return timedOut(timeoutMs);
  if (err instanceof APIConnectionError) {
    return { kind: 'transient', message: `connection error: ${causeMessage(err)}`, rule: 'connection errors are transient' };
  }
  if (err instanceof APIError && err.status !== undefined) return classifyStatus(err, err.status);
  if (err instanceof InvalidResponseError) {
    return { kind: 'transient', message: err.message, rule: 'a 200 without a usable answer is a server fault, transient' };
  }
  // The SDK reads a 200's body with response.json(): a body cut short or garbled lands here.
  if (err instanceof SyntaxError) {
    return { kind: 'transient', message: `server answered with malformed JSON (${err.message})`, rule: 'a 200 without a usable answer is a server fault, transient' };
  }
  // undici rejects a body read with TypeError('terminated') when the connection drops mid-body.
  if (err instanceof TypeError && err.message === 'terminated') {
    return { kind: 'transient', message: `connection error: the response was cut off (${causeMessage(err)})`, rule: 'connection errors are transient' };
  }
  return { kind: 'transient', message: err instanceof Error ? err.message : String(err), rule: 'unrecognised errors are treated as transient' };
}

/** 408, 429 and 5xx are the server's state and may pass; any other 4xx refuses the request itself. */
function classifyStatus(err: APIError, status: number): Classified {
  const retryAfterS = parseRetryAfter(err.headers?.get('retry-after') ?? null);
  const transient = status === 408 || status === 429 || status >= 500;
  const rule = transient
    ? `HTTP ${status} is transient${status === 429 ? ' (Retry-After honoured)' : ''}`
    : `HTTP ${status} is permanent: the server refused this request, and would again`;
  return {
    kind: transient ? 'transient' : 'permanent',
    message: err.message,
    rule,
    status,
    ...(retryAfterS !== undefined ? { retryAfterS } : {}),
  };
}

/**
 * The innermost cause says what happened (ECONNRESET, ECONNREFUSED, "other side closed"); the outer
 * layers (the SDK's "Connection error.", fetch's "fetch failed") say nothing.
 */
function causeMessage(err: Error): string {
  let inner: Error = err;
  for (let depth = 0; depth < 5; depth++) {
    const cause = (inner as { cause?: unknown }).cause;
    if (!(cause instanceof Error)) break;
    inner = cause;
  }
  if (inner === err) return err.message;
  const code = (inner as { code?: unknown }).code;
  return typeof code === 'string' && !inner.message.includes(code) ? `${code} ${inner.message}` : inner.message;
}

export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

const MAX_DELAY_S = 60;

/** Exponential backoff with full jitter in [½, 1]·base·2^(n-1); a Retry-After is a floor. */
export function backoffMs(attempt: number, baseS: number, retryAfterS: number | undefined): number {
  const exp = Math.min(MAX_DELAY_S, baseS * 2 ** (attempt - 1));
  const jittered = exp * (0.5 + Math.random() * 0.5);
  const floor = retryAfterS !== undefined ? Math.min(MAX_DELAY_S, retryAfterS) : 0;
  return Math.round(Math.max(jittered, floor) * 1000);
}
