import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockOptionsFromFlags, mockServerCommand } from '../../src/cli/mock-server.js';
import { InputError } from '../../src/core/errors.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('mockOptionsFromFlags', () => {
  it('converts flags, defaulting the port to 8000 and reading MOCK_API_KEY', async () => {
    const options = await mockOptionsFromFlags(
      { host: '0.0.0.0', modelId: 'm', latencyMs: '5', seed: '7', style: 'think', failRate: '0.1', failStatus: '502', flakyRate: '0', flakyStatus: '429', retryAfter: '3', errorShape: 'flat', maxImages: '8', maxModelLen: '4096', reasoning: true },
      { MOCK_API_KEY: 'from-env' },
    );
    expect(options).toMatchObject({ host: '0.0.0.0', port: 8000, modelId: 'm', latencyMs: 5, seed: 7, style: 'think', failRate: 0.1, failStatus: 502, flakyRate: 0, flakyStatus: 429, retryAfterS: 3, apiKey: 'from-env', errorShape: 'flat', maxImages: 8, maxModelLen: 4096, reasoning: true });
    expect((await mockOptionsFromFlags({ apiKey: 'flag' }, { MOCK_API_KEY: 'env' })).apiKey).toBe('flag');
  });

  it('loads --answer-key and accepts --accuracy with it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mock-cli-'));
    try {
      const file = join(dir, 'key.jsonl');
      await writeFile(file, '{"key":"k","answer":"A","letters":["A","B"]}\n');
      const options = await mockOptionsFromFlags({ answerKey: file, accuracy: '0.25' }, {});
      expect(options.accuracy).toBe(0.25);
      expect(options.answerKey?.('k')).toEqual({ answer: 'A', letters: ['A', 'B'] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  const bad: [Record<string, string>, RegExp][] = [
    [{ port: '70000' }, /^--port must be an integer from 0 to 65535, got 70000$/],
    [{ port: 'http' }, /^--port must be a number, got 'http'$/],
    [{ failRate: '1.5' }, /^--fail-rate must be a number from 0 to 1, got 1.5$/],
    [{ flakyRate: '-0.1' }, /^--flaky-rate must be a number from 0 to 1/],
    [{ failStatus: '200' }, /^--fail-status must be an integer from 400 to 599/],
    [{ flakyStatus: '' }, /^--flaky-status must be a number, got ''$/],
    [{ latencyMs: '-1' }, /^--latency-ms must be/],
    [{ seed: '1.5' }, /^--seed must be an integer/],
    [{ retryAfter: 'soon' }, /^--retry-after must be a number/],
    [{ maxImages: '-1' }, /^--max-images must be an integer >= 0/],
    [{ maxModelLen: '0' }, /^--max-model-len must be an integer >= 1/],
    [{ style: 'haiku' }, /^--style must be one of letter, paren, sentence, think, option, prose, mixed, got 'haiku'$/],
    [{ errorShape: 'deep' }, /^--error-shape must be one of nested, flat/],
    [{ accuracy: '0.5' }, /^--accuracy needs --answer-key/],
    [{ answerKey: '/nonexistent/key.jsonl' }, /^cannot read answer key \/nonexistent\/key.jsonl/],
  ];
  it.each(bad)('refuses %j with an InputError naming the flag', async (flags, message) => {
    const error = await mockOptionsFromFlags(flags, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('mock-server command', () => {
  it('prints one line, serves, and stops on SIGTERM without printing the key', async () => {
    const out: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
    const command = mockServerCommand();
    expect(command.name()).toBe('mock-server');
    const done = command.parseAsync(['--port', '0', '--model-id', 'ckpt', '--api-key', 'topsecret'], { from: 'user' });
    await vi.waitFor(() => expect(out.length).toBeGreaterThan(0));
    const match = /^mock server listening on (http:\/\/127\.0\.0\.1:\d+\/v1) \(model ckpt\)\n$/.exec(out[0] ?? '');
    expect(match).not.toBeNull();
    const res = await fetch(`${match?.[1]}/models`, { headers: { authorization: 'Bearer topsecret' } });
    expect(res.status).toBe(200);
    process.emit('SIGTERM');
    await done;
    expect(out.join('')).not.toContain('topsecret');
    expect(out[1]).toMatch(/^mock server stopped: 1 requests, 0 completions/);
    expect(process.listenerCount('SIGTERM')).toBe(0);
  });
});
