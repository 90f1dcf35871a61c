import { APIConnectionError, APIConnectionTimeoutError, APIError } from 'openai';

/** How a failed attempt is treated: retried (transient) or recorded at once (permanent). */
export interface Classified {
  readonly kind: 'transient' | 'permanent';
  readonly message: string;
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

export function classify(err: unknown): Classified {
  if (err instanceof APIConnectionTimeoutError) return { kind: 'transient', message: 'request timed out' };
  if (err instanceof APIConnectionError) {
    return { kind: 'transient', message: `connection error: ${causeMessage(err)}` };
  }
  if (err instanceof APIError && err.status !== undefined) {
    const status = err.status;
    const retryAfterS = parseRetryAfter(err.headers?.get('retry-after') ?? null);
    const transient = status === 408 || status === 429 || status >= 500;
    return {
      kind: transient ? 'transient' : 'permanent',
      message: err.message,
      status,
      ...(retryAfterS !== undefined ? { retryAfterS } : {}),
    };
  }
  if (err instanceof InvalidResponseError) return { kind: 'transient', message: err.message };
  return { kind: 'transient', message: err instanceof Error ? err.message : String(err) };
}

function causeMessage(err: Error): string {
  const cause = (err as { cause?: unknown }).cause;
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? `${code} ${cause.message}` : cause.message;
  }
  return err.message;
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
