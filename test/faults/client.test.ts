/** The client's side of the faults that are about time (timeouts over the body, Retry-After), one endpoint behind the pool. */
import { afterEach, describe, expect, it } from 'vitest';
import { parseFault } from '../../src/mock/faults.js';
import { startMockServer, type MockOptions, type MockServerHandle } from '../../src/mock/server.js';
import type { EndpointPool } from '../../src/endpoint/pool/pool.js';
import type { ChatBody } from '../../src/request/body.js';
import { poolOfOne } from '../endpoint/one-endpoint.js';

const body: ChatBody = {
  model: 'mock-model',
  messages: [{ role: 'user', content: [{ type: 'text', text: 'Question: q\nOptions:\nA. x\nB. y\n' }] }],
  temperature: 0,
  max_tokens: 64,
  n: 1,
};

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

async function clientFor(faults: string[], opts: { tries: number; timeoutMs: number; mock?: MockOptions }): Promise<{ client: EndpointPool; server: MockServerHandle }> {
  const server = await startMockServer({ ...opts.mock, faults: faults.map((f) => parseFault(f)) });
  const client = poolOfOne(server.url, { tries: opts.tries, timeoutMs: opts.timeoutMs, apiKey: 'x' });
  closers.push(() => server.close(), () => client.close());
  return { client, server };
}

describe('faults against the client', () => {
  it('a hang is cut by the timeout on every attempt, then recorded', async () => {
    const { client, server } = await clientFor(['hang'], { tries: 2, timeoutMs: 300 });
    const started = Date.now();
    const out = await client.complete(body);
    const elapsed = Date.now() - started;
    expect(out).toMatchObject({ status: 'failed', error_kind: 'transient', attempts: 2 });
    if (out.status === 'failed') expect(out.error).toBe('request timed out after 0.3 s (no complete answer within the timeout) [gave up after 2 attempts: timeouts are transient]');
    expect(elapsed).toBeGreaterThanOrEqual(600);
    expect(elapsed).toBeLessThan(3000);
    expect(server.stats.faults).toEqual({ hang: 2 });
  });

  it('a body that trickles past the timeout after the headers is cut too (a headers timeout alone would wait)', async () => {
    const { client, server } = await clientFor(['slow:ms=5000:first=1'], { tries: 2, timeoutMs: 800 });
    const started = Date.now();
    const out = await client.complete(body);
    expect(out).toMatchObject({ status: 'ok', attempts: 2, finish_reason: 'stop' });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(server.stats.faults).toEqual({ slow: 1 });
  });

  it('a slow body within the timeout is an answer', async () => {
    const { client } = await clientFor(['slow:ms=300'], { tries: 1, timeoutMs: 2000 });
    const out = await client.complete(body);
    expect(out).toMatchObject({ status: 'ok', attempts: 1 });
    expect(out.latency_ms).toBeGreaterThanOrEqual(250);
  });

  it("429 waits the server's Retry-After before the next attempt", async () => {
    const { client } = await clientFor(['429:first=1'], { tries: 2, timeoutMs: 5000, mock: { retryAfterS: 1 } });
    const started = Date.now();
    const out = await client.complete(body);
    expect(out).toMatchObject({ status: 'ok', attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});
