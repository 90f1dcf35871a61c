import { AttemptTimeout, ConnectionError, HttpStatusError, InvalidResponseError } from './http.js';

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

/** A timeout of the whole attempt (headers and body), whoever noticed it first. */
export function timedOut(timeoutMs: number): Classified {
  const seconds = Number((timeoutMs / 1000).toFixed(3));
  return { kind: 'transient', message: `request timed out after ${seconds} s (no complete answer within the timeout)`, rule: 'timeouts are transient' };
}

export function classify(err: unknown): Classified {
  if (err instanceof AttemptTimeout) return timedOut(err.timeoutMs);
  if (err instanceof ConnectionError) return { kind: 'transient', message: err.message, rule: 'connection errors are transient' };
  if (err instanceof HttpStatusError) return classifyStatus(err);
  if (err instanceof InvalidResponseError) {
    return { kind: 'transient', message: err.message, rule: 'a 200 without a usable answer is a server fault, transient' };
  }
  return { kind: 'transient', message: err instanceof Error ? err.message : String(err), rule: 'unrecognised errors are treated as transient' };
}

/** 408, 429 and 5xx are the server's state and may pass; any other 4xx refuses the request itself. */
function classifyStatus(err: HttpStatusError): Classified {
  const status = err.status;
  const retryAfterS = parseRetryAfter(err.retryAfter);
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
