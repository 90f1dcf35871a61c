import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ChatClient } from '../../src/endpoint/client.js';
import type { EndpointPool } from '../../src/endpoint/pool/pool.js';
import { parseAnswer } from '../../src/endpoint/response.js';
import { createAgent } from '../../src/endpoint/transport.js';
import { backoffMs, parseRetryAfter } from '../../src/endpoint/retry.js';
import { startMockServer, type MockServerHandle } from '../../src/mock/server.js';
import type { MockOptions } from '../../src/mock/options.js';
import type { ChatBody } from '../../src/request/body.js';
import { poolOfOne } from './one-endpoint.js';

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

/** One mock endpoint behind the pool, which retries (the one retry policy). */
async function clientFor(mock: MockOptions, tries = 3, apiKey = 'EMPTY'): Promise<{ client: EndpointPool; server: MockServerHandle }> {
  const server = await startMockServer(mock);
  const client = poolOfOne(server.url, { tries, apiKey });
  closers.push(() => server.close(), () => client.close());
  return { client, server };
}

function onePool(url: string, tries: number, extra: { timeoutMs?: number; backoffS?: number; endpointWaitMs?: number } = {}): EndpointPool {
  const pool = poolOfOne(url, { tries, timeoutMs: 2000, ...extra });
  closers.push(() => pool.close());
  return pool;
}

/** A server whose answers the test writes by hand, for shapes the mock never sends. */
async function rawServer(handler: (n: number) => { status: number; body: string; headers?: Record<string, string> }): Promise<string> {
  let n = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const r = handler(++n);
      res.writeHead(r.status, { 'content-type': 'application/json', ...r.headers });
      res.end(r.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
}

describe('one endpoint against the mock server', () => {
  it('returns the answer with usage, finish reason and one attempt', async () => {
    const { client } = await clientFor({ style: 'paren' });
    const out = await client.complete(body);
    expect(out.status).toBe('ok');
    if (out.status !== 'ok') return;
    expect(out.content).toMatch(/^\([AB]\)$/);
    expect(out.finish_reason).toBe('stop');
    expect(out.usage?.completion_tokens).toBeGreaterThan(0);
    expect(out.attempts).toBe(1);
  });

  it('keeps message.reasoning', async () => {
    const { client } = await clientFor({ reasoning: true });
    const out = await client.complete(body);
    expect(out.status === 'ok' && typeof out.reasoning === 'string' && out.reasoning.length > 0).toBe(true);
  });

  it('retries a transient 503 and succeeds on the second attempt', async () => {
    const { client, server } = await clientFor({ flakyRate: 1, flakyStatus: 503 });
    const out = await client.complete(body);
    expect(out).toMatchObject({ status: 'ok', attempts: 2 });
    expect(server.stats.requests).toBe(2);
  });

  it('records a permanent 400 at once with the server message, in both error shapes', async () => {
    for (const errorShape of ['nested', 'flat'] as const) {
      const { client, server } = await clientFor({ errorShape }, 5);
      const out = await client.complete({ ...body, model: 'other-model' });
      expect(out).toMatchObject({ status: 'failed', error_kind: 'permanent', attempts: 1, http_status: 404 });
      if (out.status === 'failed') expect(out.error).toContain('The model `other-model` does not exist');
      expect(server.stats.requests).toBe(1);
    }
  });

  it('gives up on an item that always fails with 500 after the configured tries', async () => {
    const { client, server } = await clientFor({ failRate: 1, failStatus: 500 }, 3);
    const out = await client.complete(body);
    expect(out).toMatchObject({ status: 'failed', error_kind: 'transient', attempts: 3, http_status: 500 });
    expect(server.stats.completionsReceived).toBe(3);
  });

  it('records 401 with a wrong key and never puts the key in the error', async () => {
    const { client } = await clientFor({ apiKey: 'right-key-1234567' }, 2, 'wrong-key-SECRET-99');
    const out = await client.complete(body);
    expect(out).toMatchObject({ status: 'failed', http_status: 401, error_kind: 'permanent' });
    expect(JSON.stringify(out)).not.toContain('wrong-key-SECRET-99');
  });

  it('reports a refused connection as a transient failure once the endpoint stays down', async () => {
    const client = onePool('http://127.0.0.1:1/v1', 2, { endpointWaitMs: 200 });
    const out = await client.complete(body);
    expect(out).toMatchObject({ status: 'failed', error_kind: 'transient', attempts: 1 });
    if (out.status === 'failed') expect(out.error).toMatch(/^every endpoint is down \(http:\/\/127\.0\.0\.1:1\/v1: .+\) \[gave up waiting 0\.2 s for one to recover\]$/);
  });
});

describe('responses the mock does not send', () => {
  it('retries a 200 without choices, then records it', async () => {
    const url = await rawServer(() => ({ status: 200, body: '{"id":"x","choices":[]}' }));
    const client = onePool(url, 2);
    const out = await client.complete(body);
    expect(out).toMatchObject({ status: 'failed', attempts: 2, error_kind: 'transient' });
    if (out.status === 'failed') expect(out.error).toMatch(/^server answered without choices \[gave up after 2 attempts: /);
  });

  it('keeps the words of FastAPI detail, plain-text and empty error bodies, and answers a redirect with where to point api_base', async () => {
    const answers: { status: number; body: string; headers?: Record<string, string> }[] = [
      { status: 422, body: '{"detail":"Field required: messages"}' },
      { status: 502, body: '<html>Bad Gateway</html>', headers: { 'content-type': 'text/html' } },
      { status: 500, body: '' },
      { status: 307, body: '', headers: { location: 'https://gpu1.internal/v1/chat/completions' } },
    ];
    const url = await rawServer((n) => answers[n - 1] ?? { status: 500, body: '' });
    const client = onePool(url, 1);
    const errors: string[] = [];
    for (let i = 0; i < answers.length; i++) {
      const out = await client.complete(body);
      errors.push(out.status === 'failed' ? out.error : 'ok');
    }
    expect(errors[0]).toMatch(/^422 Field required: messages \[not retried: HTTP 422 is permanent/);
    expect(errors[1]).toMatch(/^502 <html>Bad Gateway<\/html> \[gave up after 1 attempt: HTTP 502 is transient/);
    expect(errors[2]).toMatch(/^500 HTTP 500 with an empty body/);
    expect(errors[3]).toMatch(/^307 redirected to https:\/\/gpu1\.internal\/v1\/chat\/completions: set api_base/);
  });

  it('reads /v1/models, and says what is wrong with a list that is not one', async () => {
    const url = await rawServer((n) =>
      n === 1
        ? { status: 200, body: '{"object":"list","data":[{"id":"qwen","owned_by":"vllm","max_model_len":32768},{"bad":1}]}' }
        : { status: 200, body: '{"object":"list"}' },
    );
    const agent = createAgent(1);
    closers.push(() => agent.close());
    const client = new ChatClient({ baseURL: url, apiKey: 'x', timeoutMs: 2000, agent });
    expect(await client.listModels()).toEqual([{ id: 'qwen', owned_by: 'vllm', max_model_len: 32768 }]);
    await expect(client.listModels()).rejects.toThrow(/\/models answered without a "data" list/);
  });

  it('keeps the message of a flat error and of {"error": "Unauthorized"}', async () => {
    const url = await rawServer((n) =>
      n === 1
        ? { status: 400, body: '{"object":"error","message":"This model\'s maximum context length is 32768 tokens.","type":"BadRequestError","code":400}' }
        : { status: 401, body: '{"error":"Unauthorized"}' },
    );
    const client = onePool(url, 1);
    const first = await client.complete(body);
    expect(first.status === 'failed' && first.error).toContain("maximum context length is 32768");
    const second = await client.complete(body);
    expect(second.status === 'failed' && second.error).toContain('Unauthorized');
  });

  it('honours Retry-After on 429', async () => {
    const url = await rawServer((n) =>
      n === 1
        ? { status: 429, body: '{"error":{"message":"slow down"}}', headers: { 'retry-after': '1' } }
        : { status: 200, body: JSON.stringify({ model: 'm', choices: [{ message: { content: 'B' }, finish_reason: 'stop' }] }) },
    );
    const client = onePool(url, 2, { timeoutMs: 5000, backoffS: 0.001 });
    const started = Date.now();
    const out = await client.complete(body);
    expect(out).toMatchObject({ status: 'ok', content: 'B', attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});

describe('retry policy', () => {
  it('parses Retry-After seconds and dates', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    const inTwo = new Date(Date.now() + 2000).toUTCString();
    expect(parseRetryAfter(inTwo)).toBeGreaterThan(0);
  });

  it('backs off exponentially with jitter in [half, full], never below Retry-After', () => {
    for (let attempt = 1; attempt <= 4; attempt++) {
      const ms = backoffMs(attempt, 1, undefined);
      expect(ms).toBeGreaterThanOrEqual(500 * 2 ** (attempt - 1));
      expect(ms).toBeLessThanOrEqual(1000 * 2 ** (attempt - 1));
    }
    expect(backoffMs(1, 0.01, 5)).toBe(5000);
  });
});

describe('parseAnswer', () => {
  it('takes content null as an empty answer and reasoning_content as reasoning', () => {
    const a = parseAnswer({ model: 'm', choices: [{ message: { content: null, reasoning_content: 'hmm' }, finish_reason: 'length' }] });
    expect(a).toMatchObject({ content: '', reasoning: 'hmm', finish_reason: 'length', usage: null });
  });
  it('rejects a message whose content is not text', () => {
    expect(() => parseAnswer({ choices: [{ message: { content: 5 } }] })).toThrow(/non-text/);
  });
});
