/**
 * The endpoint pool against real mock servers on loopback (no fetch mocks): routing, per-endpoint
 * concurrency, an endpoint dying mid-run, all endpoints down, recovery, model-id checks.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { startMockServer, type MockOptions, type MockServerHandle } from '../../src/mock/server.js';
import { discoverModel } from '../../src/endpoint/pool/discover.js';
import { endpointLabel, Member } from '../../src/endpoint/pool/member.js';
import { EndpointPool, type PoolOptions, type PoolOutcome } from '../../src/endpoint/pool/pool.js';
import { affinityKey } from '../../src/endpoint/pool/route.js';
import type { ChatBody } from '../../src/request/body.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.().catch(() => undefined);
});

async function servers(n: number, options: MockOptions = {}): Promise<MockServerHandle[]> {
  const out: MockServerHandle[] = [];
  for (let i = 0; i < n; i++) {
    const s = await startMockServer({ modelId: 'mock-model', ...options });
    closers.push(() => s.close());
    out.push(s);
  }
  return out;
}

interface Opened {
  readonly pool: EndpointPool;
  readonly members: readonly Member[];
  readonly log: string[];
}

async function openPool(urls: readonly string[], opts: Partial<PoolOptions> & { perEndpoint?: number; timeoutMs?: number } = {}): Promise<Opened> {
  const members = urls.map((baseURL) => new Member({ baseURL, apiKey: 'EMPTY', maxConcurrency: opts.perEndpoint ?? 2 }, { timeoutMs: opts.timeoutMs ?? 5_000, adaptive: false }));
  const log: string[] = [];
  const found = await discoverModel(members, 'm', 'mock-model').catch(async (err: unknown) => {
    await Promise.all(members.map((m) => m.agent.close()));
    throw err;
  });
  const pool = new EndpointPool(members, {
    modelId: found.id,
    tries: 3,
    backoffS: 0.01,
    timeoutMs: opts.timeoutMs ?? 5_000,
    endpointWaitMs: 30_000,
    routing: 'least-busy',
    log: (line) => log.push(line),
    recheck: { firstMs: 20, maxMs: 100 },
    ...opts,
  });
  for (const [m, reason] of found.unreachable) pool.startDown(m, reason);
  closers.push(() => pool.close());
  return { pool, members, log };
}

function body(i: number, image?: string): ChatBody {
  const content = [
    ...(image !== undefined ? [{ type: 'image_url' as const, image_url: { url: `data:image/png;base64,${image}` } }] : []),
    { type: 'text' as const, text: `Question: item ${i}\nOptions:\nA. x\nB. y\n` },
  ];
  return { model: 'mock-model', messages: [{ role: 'user', content }], temperature: 0, max_tokens: 16, n: 1 };
}

const received = (s: MockServerHandle): number => s.stats.completionsReceived;

describe('EndpointPool', () => {
  it('spreads requests over four endpoints within each one’s concurrency', async () => {
    const four = await servers(4, { latencyMs: 30 });
    const { pool } = await openPool(four.map((s) => s.url), { perEndpoint: 3 });
    expect(pool.capacity).toBe(12);
    const outcomes = await Promise.all(Array.from({ length: 48 }, (_, i) => pool.complete(body(i))));
    expect(outcomes.every((o) => o.status === 'ok' && o.attempts === 1)).toBe(true);
    for (const s of four) {
      expect(s.stats.maxInFlight).toBeLessThanOrEqual(3 + 1); // + the discovery request
      expect(s.stats.completionsOk).toBeGreaterThanOrEqual(6);
    }
    expect(four.reduce((n, s) => n + s.stats.completionsOk, 0)).toBe(48);
    const labels = new Set(outcomes.map((o) => o.endpoint));
    expect(labels).toEqual(new Set(four.map((s) => endpointLabel(s.url))));
    const counts = pool.counts();
    expect(counts.reduce((n, c) => n + c.answered, 0)).toBe(48);
    expect(counts.every((c) => c.maxInFlight <= 3 && c.requeued === 0 && c.state === 'up')).toBe(true);
  });

  it('re-asks the requests in flight on an endpoint that dies, without using up their tries', async () => {
    const four = await servers(4, { latencyMs: 150 });
    const { pool, log } = await openPool(four.map((s) => s.url), { perEndpoint: 4 });
    const dying = four[1];
    if (dying === undefined) throw new Error('no server');
    const pending = Array.from({ length: 64 }, (_, i) => pool.complete(body(i)));
    // Kill it while it holds requests (its first ones are sleeping in their 150 ms latency).
    while (dying.stats.completionsInFlight < 4) await new Promise((r) => setTimeout(r, 5));
    await dying.close();
    const outcomes: PoolOutcome[] = await Promise.all(pending);

    expect(outcomes.every((o) => o.status === 'ok')).toBe(true);
    const dead = pool.counts()[1];
    expect(dead?.state).toBe('down');
    expect(dead?.requeued).toBeGreaterThanOrEqual(4);
    const extra = outcomes.reduce((n, o) => n + o.attempts - 1, 0);
    expect(extra).toBe(dead?.requeued);
    // Every request reached a server once, plus once more for each re-queued one.
    expect(four.reduce((n, s) => n + received(s), 0)).toBe(64 + extra);
    expect(four.reduce((n, s) => n + s.stats.completionsOk, 0)).toBe(64);
    expect(outcomes.filter((o) => o.endpoint === endpointLabel(dying.url))).toHaveLength(0);
    expect(log.join('\n')).toMatch(new RegExp(`endpoint ${endpointLabel(dying.url).replace(/[.]/g, '\\.')} taken out .*ECONNREFUSED`));
  });

  it('brings an endpoint back once /health answers again', async () => {
    const [a, b] = await servers(2, { latencyMs: 20 });
    if (a === undefined || b === undefined) throw new Error('no server');
    const { pool, log } = await openPool([a.url, b.url]);
    await b.close();
    // A request that meets the dead endpoint takes it out (or finds it out already).
    const before = await Promise.all(Array.from({ length: 8 }, (_, i) => pool.complete(body(i))));
    expect(before.every((o) => o.status === 'ok')).toBe(true);
    await expect.poll(() => pool.counts()[1]?.state).toBe('down');
    const back = await startMockServer({ modelId: 'mock-model', port: b.port });
    closers.push(() => back.close());
    await expect.poll(() => pool.counts()[1]?.state, { timeout: 5_000 }).toBe('up');
    expect(log.join('\n')).toMatch(/is back \(\/health ok, serves "mock-model"\)/);
    await Promise.all(Array.from({ length: 8 }, (_, i) => pool.complete(body(100 + i))));
    expect(back.stats.completionsOk).toBeGreaterThan(0);
  });

  it('keeps out an endpoint that comes back serving another model', async () => {
    const [a, b] = await servers(2);
    if (a === undefined || b === undefined) throw new Error('no server');
    const { pool } = await openPool([a.url, b.url]);
    await b.close();
    await Promise.all(Array.from({ length: 4 }, (_, i) => pool.complete(body(i))));
    await expect.poll(() => pool.counts()[1]?.state).toBe('down');
    const other = await startMockServer({ modelId: 'other-model', port: b.port });
    closers.push(() => other.close());
    await new Promise((r) => setTimeout(r, 300));
    expect(pool.counts()[1]?.state).toBe('down');
    expect(other.stats.completionsReceived).toBe(0);
  });

  it('records a permanent 4xx as the item’s failure at once and keeps the endpoint', async () => {
    const [a, b] = await servers(2, { faults: [{ kind: '400-context', items: ['item 3\n'] }] });
    if (a === undefined || b === undefined) throw new Error('no server');
    const { pool } = await openPool([a.url, b.url]);
    const outcomes = await Promise.all(Array.from({ length: 6 }, (_, i) => pool.complete(body(i))));
    const bad = outcomes[3];
    expect(bad).toMatchObject({ status: 'failed', error_kind: 'permanent', attempts: 1, http_status: 400 });
    expect(outcomes.filter((o) => o.status === 'ok')).toHaveLength(5);
    expect(pool.counts().every((c) => c.state === 'up' && c.downs === 0)).toBe(true);
  });

  it('uses up tries on 5xx from a healthy endpoint (as with one endpoint) and checks its health after a streak', async () => {
    const [a] = await servers(1, { faults: [{ kind: '500' }] });
    if (a === undefined) throw new Error('no server');
    const { pool } = await openPool([a.url]);
    const outcomes = await Promise.all(Array.from({ length: 4 }, (_, i) => pool.complete(body(i))));
    for (const o of outcomes) {
      expect(o).toMatchObject({ status: 'failed', error_kind: 'transient', attempts: 3, http_status: 500 });
      if (o.status === 'failed') expect(o.error).toMatch(/\[gave up after 3 attempts: HTTP 500 is transient\]$/);
      expect(o.endpoint).toBeUndefined();
    }
    expect(pool.counts()[0]).toMatchObject({ downs: 0, failed: 12 });
    // The streak of 500s asked /health, which said the server is fine: it stays in.
    await expect.poll(() => pool.counts()[0]?.state).toBe('up');
  });

  it('when every endpoint is down, waits for a recovery up to endpoint_wait, then fails as transient', async () => {
    const [a, b] = await servers(2);
    if (a === undefined || b === undefined) throw new Error('no server');
    const { pool } = await openPool([a.url, b.url], { endpointWaitMs: 300 });
    await a.close();
    await b.close();
    const started = performance.now();
    const outcomes = await Promise.all(Array.from({ length: 5 }, (_, i) => pool.complete(body(i))));
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    for (const o of outcomes) {
      expect(o).toMatchObject({ status: 'failed', error_kind: 'transient' });
      if (o.status === 'failed') expect(o.error).toMatch(/^every endpoint is down \(.*\) \[gave up waiting 0\.3 s for one to recover\]$/);
    }
    // Once given up, new requests fail at once, unsent, until an endpoint is back.
    const late = await pool.complete(body(99));
    expect(late).toMatchObject({ status: 'failed', attempts: 0 });
  });

  it('a request waiting while every endpoint is down is answered when one recovers in time', async () => {
    const [a] = await servers(1);
    if (a === undefined) throw new Error('no server');
    const { pool } = await openPool([a.url], { endpointWaitMs: 10_000 });
    await a.close();
    const pending = pool.complete(body(1));
    await expect.poll(() => pool.counts()[0]?.state).toBe('down');
    const back = await startMockServer({ modelId: 'mock-model', port: a.port });
    closers.push(() => back.close());
    const outcome = await pending;
    expect(outcome).toMatchObject({ status: 'ok', attempts: 2 });
  });

  it('image-affinity sends the same images to the same endpoint (while it has room)', async () => {
    const four = await servers(4, { latencyMs: 5 });
    const { pool } = await openPool(four.map((s) => s.url), { routing: 'image-affinity', perEndpoint: 24 });
    const images = ['QUFBQQ==', 'QkJCQg==', 'Q0NDQw==', 'RERERA==', 'RUVFRQ==', 'RkZGRg=='];
    const outcomes = await Promise.all(images.flatMap((img, k) => Array.from({ length: 4 }, (_, r) => pool.complete(body(k * 10 + r, img)))));
    images.forEach((_, k) => {
      const where = new Set(outcomes.slice(k * 4, k * 4 + 4).map((o) => o.endpoint));
      expect(where.size, `image ${k}`).toBe(1);
    });
    expect(affinityKey(body(1))).toBeUndefined();
    expect(affinityKey(body(1, 'QUFBQQ=='))).toBe(affinityKey(body(2, 'QUFBQQ==')));
  });

  it('refuses endpoints that serve different models, and starts without one that does not answer', async () => {
    const [a] = await servers(1);
    const [b] = await servers(1, { modelId: 'other-model' });
    if (a === undefined || b === undefined) throw new Error('no server');
    await expect(openPool([a.url, b.url])).rejects.toThrow(InputError);
    await expect(openPool([a.url, b.url])).rejects.toThrow(/serve different models: .* serves "mock-model" but .* serves "other-model"/);

    const [c, gone] = await servers(2);
    if (c === undefined || gone === undefined) throw new Error('no server');
    await gone.close();
    const { pool, log } = await openPool([c.url, gone.url]);
    expect(pool.counts()[1]?.state).toBe('down');
    expect(log[0]).toMatch(/taken out \(not reachable at start: connection error: .*ECONNREFUSED/);
    const outcomes = await Promise.all(Array.from({ length: 4 }, (_, i) => pool.complete(body(i))));
    expect(outcomes.every((o) => o.status === 'ok')).toBe(true);
  });
});
