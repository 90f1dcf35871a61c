/**
 * One endpoint behind the pool, as the run and the judge use it (no discovery request, so scripted
 * servers see only the completions the test sends). The pool is the one retry policy.
 */
import { EndpointPool } from '../../src/endpoint/pool/pool.js';
import { Member } from '../../src/endpoint/pool/member.js';

export interface OneEndpointOptions {
  readonly tries: number;
  readonly timeoutMs?: number;
  readonly backoffS?: number;
  readonly apiKey?: string;
  readonly endpointWaitMs?: number;
}

export function poolOfOne(baseURL: string, opts: OneEndpointOptions): EndpointPool {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const member = new Member({ baseURL, apiKey: opts.apiKey ?? 'EMPTY', maxConcurrency: 4 }, { timeoutMs, adaptive: false });
  return new EndpointPool([member], {
    modelId: 'mock-model',
    tries: opts.tries,
    backoffS: opts.backoffS ?? 0.01,
    timeoutMs,
    endpointWaitMs: opts.endpointWaitMs ?? 30_000,
    routing: 'least-busy',
    log: () => undefined,
    recheck: { firstMs: 20, maxMs: 100 },
  });
}
