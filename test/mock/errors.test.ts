import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer, type MockOptions, type MockServerHandle } from '../../src/mock/server.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

const servers: MockServerHandle[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: MockOptions = {}): Promise<MockServerHandle> {
  const server = await startMockServer(options);
  servers.push(server);
  return server;
}

interface Reply {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

async function post(server: MockServerHandle, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const res = await fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await res.json(), headers: res.headers };
}

function image(url: string): Record<string, unknown> {
  return { model: 'mock-model', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }, { type: 'text', text: 'Q?' }] }] };
}

const png = `data:image/png;base64,${PNG}`;
const invalid: [name: string, body: unknown, status: number, message: RegExp, headers?: Record<string, string>][] = [
  ['invalid JSON', '{"messages": [', 400, /JSON decode error/],
  ['a body that is not an object', '[1]', 400, /valid dictionary/],
  ['a wrong content type', JSON.stringify({ messages: [] }), 400, /Only 'application\/json' is allowed/, { 'content-type': 'text/plain' }],
  ['missing messages', { model: 'mock-model' }, 400, /'messages'.*Field required/],
  ['empty messages', { model: 'mock-model', messages: [] }, 400, /at least one message/],
  ['an unknown model', { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] }, 404, /^The model `gpt-4o` does not exist\.$/],
  ['an unknown part type', { messages: [{ role: 'user', content: [{ type: 'input_audio' }] }] }, 400, /Unknown part type: input_audio/],
  ['a video part without a URL', { messages: [{ role: 'user', content: [{ type: 'video_url' }] }] }, 400, /'video_url', 'url'.*Field required/],
  ['a video data URL of an image type', { messages: [{ role: 'user', content: [{ type: 'video_url', video_url: { url: `data:image/png;base64,${PNG}` } }] }] }, 400, /a video data URL must be data:video/],
  ['an http image URL', image('https://example.com/a.png'), 400, /only base64 data URLs/],
  ['a non-base64 data URL', image('data:image/png,abcd'), 400, /Only base64 data URLs are supported/],
  ['a non-image data URL', image(`data:text/plain;base64,${PNG}`), 400, /cannot identify image file/],
  ['base64 with a bad character', image(`data:image/png;base64,${PNG.slice(0, 40)}!${PNG.slice(41)}`), 400, /Invalid base64/],
  ['base64 of a bad length', image(`data:image/png;base64,${PNG.slice(0, -3)}`), 400, /Invalid base64/],
  ['URL-safe base64', image('data:image/png;base64,ab-_'), 400, /Invalid base64/],
  ['an empty image', image('data:image/png;base64,'), 400, /Invalid base64/],
  ['max_tokens of 0', { messages: [{ role: 'user', content: 'hi' }], max_tokens: 0 }, 400, /^max_tokens must be at least 1, got 0\.$/],
  ['a fractional max_tokens', { messages: [{ role: 'user', content: 'hi' }], max_tokens: 1.5 }, 400, /valid integer/],
  [
    'max_tokens beyond the context',
    { messages: [{ role: 'user', content: 'hi' }], max_tokens: 5000 },
    400,
    /^'max_tokens' or 'max_completion_tokens' is too large: 5000\. This model's maximum context length is 4096 tokens and your request has 1 input tokens \(5000 > 4096 - 1\)\.$/,
  ],
  ['a prompt beyond the context', { messages: [{ role: 'user', content: 'x'.repeat(4 * 4096) }] }, 400, /^This model's maximum context length is 4096 tokens\. However, your request has 4096 input tokens/],
  [
    'too many images',
    { messages: [{ role: 'user', content: [1, 2, 3].map(() => ({ type: 'image_url', image_url: { url: png } })) }] },
    400,
    /^At most 2 image\(s\) may be provided in one prompt\. Set `--limit-mm-per-prompt` to increase this limit\.$/,
  ],
];

describe.each(['nested', 'flat'] as const)('validation errors, %s shape', (errorShape) => {
  it.each(invalid)('refuses %s', async (_name, body, status, message, headers) => {
    const server = await start({ errorShape, maxModelLen: 4096, maxImages: 2 });
    const reply = await post(server, body, headers);
    expect(reply.status).toBe(status);
    const info = errorShape === 'nested' ? (reply.body as { error: unknown }).error : reply.body;
    expect(info).toEqual({
      ...(errorShape === 'flat' ? { object: 'error' } : {}),
      message: expect.stringMatching(message),
      type: expect.stringMatching(status === 404 ? /^NotFoundError$/ : /^(BadRequestError|Bad Request)$/),
      param: null,
      code: status,
    });
    expect(Object.keys(reply.body as object)).toEqual(errorShape === 'nested' ? ['error'] : ['object', 'message', 'type', 'param', 'code']);
  });
});

describe('accepted edge cases', () => {
  it('accepts exactly maxImages images and max_tokens that just fit', async () => {
    const server = await start({ maxModelLen: 300, maxImages: 1 });
    const reply = await post(server, { ...image(png), max_tokens: 300 - 256 - 1 });
    expect(reply.status).toBe(200);
  });
});

describe('api key', () => {
  it('requires the bearer key on /v1 but not on /health', async () => {
    const server = await start({ apiKey: 'sekret', errorShape: 'flat' });
    const body = { messages: [{ role: 'user', content: 'hi' }] };
    for (const auth of [undefined, 'Bearer wrong', 'sekret', 'Bearer sekret2']) {
      const reply = await post(server, body, auth === undefined ? {} : { authorization: auth });
      expect(reply).toMatchObject({ status: 401, body: { error: 'Unauthorized' } });
    }
    expect((await fetch(`${server.url}/models`)).status).toBe(401);
    expect((await post(server, body, { authorization: 'Bearer sekret' })).status).toBe(200);
    expect((await fetch(new URL('/health', server.url))).status).toBe(200);
  });
});

describe('simulated failures', () => {
  const items = Array.from({ length: 60 }, (_, i) => ({ messages: [{ role: 'user', content: `item ${i}\nA. yes\nB. no` }] }));
  const statuses = async (server: MockServerHandle): Promise<Reply[]> => Promise.all(items.map((body) => post(server, body)));

  it('fails the same failRate items on every attempt', async () => {
    const server = await start({ failRate: 0.3, failStatus: 502, seed: 5 });
    const first = (await statuses(server)).map((r) => r.status);
    const failed = first.filter((s) => s === 502).length;
    expect(failed).toBeGreaterThan(6);
    expect(failed).toBeLessThan(30);
    expect(first.every((s) => s === 502 || s === 200)).toBe(true);
    expect((await statuses(server)).map((r) => r.status)).toEqual(first);
    expect(server.stats).toMatchObject({ requests: 120, completionsOk: 2 * (60 - failed), errorsByStatus: { 502: 2 * failed } });
  });

  it('fails flakyRate items once, then answers them', async () => {
    const server = await start({ flakyRate: 0.5, flakyStatus: 429, retryAfterS: 2 });
    const first = await statuses(server);
    const limited = first.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(15);
    expect(limited.length).toBeLessThan(45);
    expect(limited.every((r) => r.headers.get('retry-after') === '2')).toBe(true);
    expect(limited[0]?.body).toMatchObject({ error: { type: 'RateLimitError', code: 429 } });
    expect((await statuses(server)).every((r) => r.status === 200)).toBe(true);
  });

  it('sends no Retry-After with other statuses', async () => {
    const server = await start({ flakyRate: 1 });
    const reply = await post(server, items[0]);
    expect(reply.status).toBe(503);
    expect(reply.headers.get('retry-after')).toBeNull();
  });
});
