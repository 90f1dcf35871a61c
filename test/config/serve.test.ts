import { describe, expect, it } from 'vitest';
import { credentialValues, resolveModel } from '../../src/config/models.js';
import { configSchema, type ModelEntry } from '../../src/config/schema.js';
import { DEFAULT_READY_TIMEOUT_S, DEFAULT_STOP_TIMEOUT_S } from '../../src/config/serve.js';

const resolve = (entry: ModelEntry, env: Record<string, string> = {}) => resolveModel('m', entry, env);
const command = ['vllm', 'serve', 'Qwen/Qwen2.5-VL-7B-Instruct', '--port', '{port}', '--served-model-name', 'q'];

describe('"serve" on a model entry', () => {
  it('takes the port from the model URL and defaults the timeouts', () => {
    const m = resolve({ class: 'GPT4V', model: 'q', api_base: 'http://127.0.0.1:8123/v1/chat/completions', serve: { command } });
    expect(m.serve).toMatchObject({ command, port: 8123, readyTimeoutMs: DEFAULT_READY_TIMEOUT_S * 1000, stopTimeoutMs: DEFAULT_STOP_TIMEOUT_S * 1000 });
    expect(m.endpoint).toMatchObject({ kind: 'http', baseURL: 'http://127.0.0.1:8123/v1' });
  });

  it('is never sent in the request payload', () => {
    const m = resolve({ class: 'GPT4V', model: 'q', api_base: 'http://127.0.0.1:8123/v1', serve: { command } });
    expect(m.settings.extra).not.toHaveProperty('serve');
  });

  it('fills {port} in the URL from "port"; 0 is picked at start', () => {
    const fixed = resolve({ class: 'GPT4V', model: 'q', api_base: 'http://127.0.0.1:{port}/v1', serve: { command, port: 9001 } });
    expect(fixed.serve?.port).toBe(9001);
    expect(fixed.endpoint).toMatchObject({ baseURL: 'http://127.0.0.1:9001/v1' });
    const auto = resolve({ class: 'GPT4V', model: 'q', api_base: 'http://127.0.0.1:{port}/v1', serve: { command, port: 0, ready_timeout_s: 5, stop_timeout_s: 1 } });
    expect(auto.serve).toMatchObject({ port: 0, readyTimeoutMs: 5000, stopTimeoutMs: 1000 });
  });

  it('moves ActialChat\'s default URL to "port"', () => {
    const m = resolve({ class: 'ActialChat', serve: { command, port: 9002 } }, { LOCAL_IP: '127.0.0.1' });
    expect(m.endpoint).toMatchObject({ baseURL: 'http://127.0.0.1:9002/v1' });
    expect(m.serve?.port).toBe(9002);
  });

  it('refuses {port} without "port", a URL naming another port, the mock, and no URL at all', () => {
    expect(() => resolve({ class: 'GPT4V', api_base: 'http://127.0.0.1:{port}/v1', serve: { command } })).toThrow(/uses \{port\}.*"port": N/);
    expect(() => resolve({ class: 'GPT4V', api_base: 'http://127.0.0.1:{port}/v1' })).toThrow(/uses \{port\}/);
    expect(() => resolve({ class: 'GPT4V', api_base: 'http://127.0.0.1:8000/v1', serve: { command, port: 9000 } })).toThrow(/"port": 9000 disagrees with the URL/);
    expect(() => resolve({ class: 'GPT4V', api_base: 'mock', serve: { command } })).toThrow(/"api_base": "mock" uses the built-in one/);
    expect(() => resolve({ class: 'GPT4V', serve: { command } })).toThrow(/needs "api_base"/);
  });

  it('is strict: an unknown key or an empty command is refused', () => {
    const config = (serve: unknown) => ({ model: { m: { class: 'GPT4V', api_base: 'http://h:1/v1', serve } }, data: { d: { class: 'ImageMCQDataset' } } });
    expect(configSchema.safeParse(config({ command, ready_timeout: 5 })).success).toBe(false);
    expect(configSchema.safeParse(config({ command: [] })).success).toBe(false);
    expect(configSchema.safeParse(config({ command, env: { A: '1' }, port: 0, ready_timeout_s: 1, stop_timeout_s: 0 })).success).toBe(true);
  });

  it('counts key-like env values and --api-key as credentials, to be masked', () => {
    const entry: ModelEntry = {
      class: 'GPT4V',
      api_base: 'http://127.0.0.1:8000/v1',
      serve: {
        command: ['vllm', 'serve', 'x', '--api-key', 'server-key-1234', '--api-key=other-key-5678'],
        env: { HF_TOKEN: 'hf-token-value', CUDA_VISIBLE_DEVICES: '0,1,2,3,4,5', SOME_VAR: 'hf_lookslikeakey', PYTORCH_CUDA_ALLOC_CONF: 'expandable_segments:True' },
      },
    };
    expect(credentialValues(entry).sort()).toEqual(['hf-token-value', 'hf_lookslikeakey', 'other-key-5678', 'server-key-1234']);
  });
});
