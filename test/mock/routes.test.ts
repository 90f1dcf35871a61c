import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockOptions, type MockServerHandle } from '../../src/mock/server.js';

const servers: MockServerHandle[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: MockOptions = {}): Promise<MockServerHandle> {
  const server = await startMockServer(options);
  servers.push(server);
  return server;
}

function chat(server: MockServerHandle): Promise<Response> {
  return fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
  });
}

describe('routes', () => {
  it('serves /v1/models like vLLM', async () => {
    const server = await start({ modelId: 'qwen-sft', maxModelLen: 8192 });
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/v1`);
    const res = await fetch(`${server.url}/models`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { created: number }[] };
    expect(body).toEqual({
      object: 'list',
      data: [{ id: 'qwen-sft', object: 'model', created: body.data[0]?.created, owned_by: 'vllm', root: 'qwen-sft', parent: null, max_model_len: 8192 }],
    });
    expect(Number.isInteger(body.data[0]?.created)).toBe(true);
  });

  it('answers /health with 200 and an empty body', async () => {
    const server = await start();
    const res = await fetch(new URL('/health', server.url));
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });

  it('answers unknown routes with a JSON 404 and wrong methods with 405', async () => {
    const server = await start();
    const missing = await fetch(`${server.url}/completions`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ detail: 'Not Found' });
    const wrong = await fetch(`${server.url}/chat/completions`);
    expect(wrong.status).toBe(405);
    expect(await wrong.json()).toEqual({ detail: 'Method Not Allowed' });
  });

  it('counts requests, completions and errors', async () => {
    const server = await start();
    await Promise.all([chat(server), chat(server), fetch(`${server.url}/nope`)]);
    expect(server.stats).toMatchObject({ requests: 3, completionsOk: 2, errorsByStatus: { 404: 1 }, inFlight: 0 });
    expect(server.stats.maxInFlight).toBeGreaterThanOrEqual(1);
  });
});

describe('latency and closing', () => {
  it('adds latencyMs to completions', async () => {
    const server = await start({ latencyMs: 150 });
    const t0 = performance.now();
    expect((await chat(server)).status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
  });

  it('closes promptly with keep-alive sockets open and a completion still waiting', async () => {
    const server = await start({ latencyMs: 60_000 });
    await fetch(`${server.url}/models`); // leaves an idle keep-alive socket in fetch's pool
    const pending = new Promise<string>((resolve) => {
      const req = request(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' } });
      req.on('error', (error) => resolve(error.message));
      req.on('response', () => resolve('answered'));
      req.end(JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }));
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const t0 = performance.now();
    await server.close();
    expect(performance.now() - t0).toBeLessThan(10_000);
    expect(await pending).toMatch(/socket hang up|ECONNRESET/);
    await server.close(); // idempotent
  });
});
