import { describe, expect, it } from 'vitest';
import { resolveModel, toBaseURL } from '../../src/config/models.js';
import { InputError } from '../../src/core/errors.js';
import type { ModelEntry } from '../../src/config/schema.js';

const resolve = (entry: ModelEntry, env: Record<string, string> = {}) => resolveModel('m', entry, env);

describe('api_base', () => {
  it('accepts a full /chat/completions URL or a /v1 base', () => {
    expect(toBaseURL('http://h:8000/v1/chat/completions', 'x')).toBe('http://h:8000/v1');
    expect(toBaseURL('http://h:8000/v1/', 'x')).toBe('http://h:8000/v1');
  });
  it('refuses what is not an http URL, naming the model', () => {
    expect(() => resolve({ class: 'GPT4V', api_base: '127.0.0.1 8000' })).toThrow(/model 'm': api_base '127.0.0.1 8000' is not a URL/);
    expect(() => resolve({ class: 'GPT4V', api_base: 'localhost:8000' })).toThrow(/must be an http\(s\) URL/);
    expect(() => resolve({ class: 'GPT4V', api_base: 'ftp://h/v1' })).toThrow(/must be an http\(s\) URL/);
  });
});

describe('GPT4V / OpenAIWrapper', () => {
  it('uses VLMEvalKit defaults and copies extra keys into the payload', () => {
    const m = resolve({ class: 'GPT4V', model: 'qwen', api_base: 'http://h/v1/chat/completions', key: 'k', top_p: 0.8, seed: 3, img_size: -1 });
    expect(m.endpoint).toEqual({ kind: 'http', baseURL: 'http://h/v1', apiKey: 'k', modelId: 'qwen' });
    expect(m.settings).toMatchObject({ temperature: 0, max_tokens: 2048, img_detail: 'low', extra: { top_p: 0.8, seed: 3 } });
    expect(m.settings.extra).not.toHaveProperty('img_size');
    expect(m.settings.extra).not.toHaveProperty('key');
    expect(m.tries).toBe(5);
    expect(m.timeoutMs).toBe(300_000);
  });
  it('falls back to OPENAI_API_BASE and OPENAI_API_KEY', () => {
    const m = resolve({ class: 'OpenAIWrapper', model: 'x' }, { OPENAI_API_BASE: 'http://e:1/v1/chat/completions', OPENAI_API_KEY: 'sk-env' });
    expect(m.endpoint).toMatchObject({ baseURL: 'http://e:1/v1', apiKey: 'sk-env' });
  });
  it('refuses image resizing with the setting to use instead', () => {
    expect(() => resolve({ class: 'GPT4V', api_base: 'http://h/v1', img_size: 512 })).toThrow(/set "img_size": -1/);
  });
  it('names the embedded mock with api_base "mock"', () => {
    const m = resolve({ class: 'GPT4V', model: 'sim', api_base: 'mock', mock: { accuracy: 0.5 } });
    expect(m.endpoint).toEqual({ kind: 'mock', mock: { accuracy: 0.5 }, modelId: 'sim' });
  });
});

describe('LMDeployAPI', () => {
  it('needs an api_base', () => {
    expect(() => resolve({ class: 'LMDeployAPI' })).toThrow(/LMDEPLOY_API_BASE/);
    const m = resolve({ class: 'LMDeployAPI' }, { LMDEPLOY_API_BASE: 'http://l:23333/v1/chat/completions' });
    expect(m.settings.max_tokens).toBe(16384);
    expect(m.settings.img_detail).toBeUndefined();
  });
});

describe('ActialChat', () => {
  it('talks to $LOCAL_IP:$VLLM_LOCAL_PORT, discovers the model, and post-processes <answer>', () => {
    const m = resolve(
      { class: 'ActialChat', model: 'actial-r1', model_path: '/x/Qwen2.5-VL-7B', temperature: 0, top_p: 0.95, post_process: true, img_detail: 'high' },
      { LOCAL_IP: '10.0.0.5', VLLM_LOCAL_PORT: '9000' },
    );
    expect(m.endpoint).toEqual({ kind: 'http', baseURL: 'http://10.0.0.5:9000/v1', apiKey: 'EMPTY', modelId: undefined });
    expect(m.postProcess).toBe('answer-tag');
    // max_tokens 32000: hard-coded in ActialChat's vLLM call (actial_r1.py generate_inner_vllm).
    expect(m.settings).toMatchObject({ temperature: 0, max_tokens: 32000, extra: { top_p: 0.95 } });
    expect(m.settings.img_detail).toBeUndefined();
    expect(m.settings.extra).not.toHaveProperty('model_path');
  });
  it('defaults to 0.0.0.0:8000 and takes model_name and max_new_tokens', () => {
    const m = resolve({ class: 'ActialChat', model_name: 'served', max_new_tokens: 1024 });
    expect(m.endpoint).toMatchObject({ baseURL: 'http://0.0.0.0:8000/v1', modelId: 'served' });
    expect(m.settings.max_tokens).toBe(1024);
  });
});

describe('classes actial-eval cannot serve', () => {
  it('explains how to serve an in-process class with vLLM', () => {
    let err: unknown;
    try {
      resolve({ class: 'Qwen2VLChat', model_path: 'Qwen/Qwen2.5-VL-7B-Instruct' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const msg = (err as Error).message;
    expect(msg).toContain('loads weights in-process');
    expect(msg).toContain('vllm serve Qwen/Qwen2.5-VL-7B-Instruct');
    expect(msg).toContain('"class": "OpenAIWrapper"');
  });
  it('lists the supported classes for an unknown one', () => {
    expect(() => resolve({ class: 'Gemini' })).toThrow(/unknown class 'Gemini'; supported: GPT4V, OpenAIWrapper, LMDeployAPI, ActialChat/);
  });
});

describe('credentials', () => {
  it('never copies key-like fields into the payload; api_key is an alias of key', () => {
    const m = resolve({ class: 'GPT4V', api_base: 'http://h/v1', api_key: 'sk-secret-1', hf_token: 't', my_password: 'p' });
    expect(m.endpoint).toMatchObject({ apiKey: 'sk-secret-1' });
    expect(JSON.stringify(m.settings)).not.toMatch(/sk-secret-1|hf_token|my_password/);
  });
});
