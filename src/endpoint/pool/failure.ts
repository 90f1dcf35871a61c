import { AttemptTimeout, HttpStatusError, InvalidResponseError } from '../http.js';
import { classify, type Classified } from '../retry.js';

/**
 * Whose fault a failed attempt is; this decides what the pool does next.
 * - `item`: a permanent answer (4xx such as "maximum context length"): the item's failure, recorded
 *   at once; the endpoint answered, so it is healthy.
 * - `endpoint`: no HTTP answer at all (connection refused, reset, closed mid-request): the endpoint
 *   is checked with /health at once. Down: the item is re-queued without using up one of its tries
 *   (an endpoint dying is not the item's failure). Up: the failure was the item's (a reset on a
 *   healthy server), and uses up a try as with one endpoint.
 * - `overload`: 408/429, retried after a backoff (honouring Retry-After); the endpoint is alive.
 * - `server`: 5xx, timeout, unreadable answer: retried after a backoff (using up a try, as with one
 *   endpoint); STREAK of them in a row make the endpoint suspect.
 */
export type Blame = 'item' | 'endpoint' | 'overload' | 'server';

export interface AttemptFailure extends Classified {
  readonly blame: Blame;
}

export function judgeFailure(err: unknown): AttemptFailure {
  const c = classify(err);
  // A slow answer is not a dead server.
  if (err instanceof AttemptTimeout || err instanceof InvalidResponseError) return { ...c, blame: 'server' };
  if (err instanceof HttpStatusError) {
    if (c.kind === 'permanent') return { ...c, blame: 'item' };
    return { ...c, blame: err.status === 408 || err.status === 429 ? 'overload' : 'server' };
  }
  // A ConnectionError, or anything else the wire did not explain: a broken connection.
  return { ...c, blame: 'endpoint' };
}
