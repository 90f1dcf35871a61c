import { describe, expect, it } from 'vitest';
import { judgeFlagSecrets, resolveJudge, type JudgeSources } from '../../../src/extract/judge/settings.js';

const none: JudgeSources = { entry: undefined, flags: {}, env: {} };

describe('judge settings', () => {
  it('is off unless the config has "judge" or --judge names a model; env alone never turns it on', () => {
    expect(resolveJudge(none)).toBeUndefined();
    expect(resolveJudge({ ...none, env: { LOCAL_LLM: 'qwen', OPENAI_API_BASE: 'http://127.0.0.1:9/v1' } })).toBeUndefined();
    expect(resolveJudge({ ...none, entry: { model: 'j' }, flags: { judge: 'exact_matching' } })).toBeUndefined();
  });

  it('defaults: OpenAI, OPENAI_API_KEY, 16 at once, 32 tokens, 120 s, 5 tries', () => {
    expect(resolveJudge({ ...none, flags: { judge: 'gpt-4o-mini' }, env: { OPENAI_API_KEY: 'sk-env-123456789' } })).toEqual({
      model: 'gpt-4o-mini',
      baseURLs: ['https://api.openai.com/v1'],
      apiKey: 'sk-env-123456789',
      concurrency: 16,
      adaptive: false,
      maxTokens: 32,
      timeoutMs: 120_000,
      tries: 5,
      backoffS: 1,
      endpointWaitMs: 300_000,
    });
  });

  it('env fills gaps (LOCAL_LLM, OPENAI_API_BASE, OPENAI_API_KEY) as VLMEvalKit reads them', () => {
    const spec = resolveJudge({
      entry: {},
      flags: {},
      env: { LOCAL_LLM: 'Qwen2.5-72B', OPENAI_API_BASE: 'http://10.0.0.2:8000/v1/chat/completions', OPENAI_API_KEY: 'k-env' },
    });
    expect(spec).toMatchObject({ model: 'Qwen2.5-72B', baseURLs: ['http://10.0.0.2:8000/v1'], apiKey: 'k-env' });
  });

  it('config beats env; --judge-args beats config; the dedicated flags beat both', () => {
    const src: JudgeSources = {
      entry: { model: 'cfg', api_base: 'http://cfg:1/v1', key: 'k-cfg', api_nproc: 2, max_tokens: 8, timeout: 30, retry: 2 },
      flags: {},
      env: { LOCAL_LLM: 'env', OPENAI_API_BASE: 'http://env:1/v1', OPENAI_API_KEY: 'k-env' },
      apiNproc: 64,
      retry: 9,
    };
    expect(resolveJudge(src)).toMatchObject({ model: 'cfg', baseURLs: ['http://cfg:1/v1'], apiKey: 'k-cfg', concurrency: 2, maxTokens: 8, timeoutMs: 30_000, tries: 2 });
    const args = { ...src, flags: { judgeArgs: '{"model": "args", "max_tokens": 4, "api_nproc": 3}' } };
    expect(resolveJudge(args)).toMatchObject({ model: 'args', maxTokens: 4, concurrency: 3 });
    const flags = { ...src, flags: { ...args.flags, judge: 'flag', judgeBaseUrl: 'http://flag:1/v1', judgeKey: 'k-flag', judgeApiNproc: '5' } };
    expect(resolveJudge(flags)).toMatchObject({ model: 'flag', baseURLs: ['http://flag:1/v1'], apiKey: 'k-flag', concurrency: 5, maxTokens: 4 });
  });

  it('maps several api_base URLs and "concurrency": "auto" onto the endpoint pool; a URL listed twice is refused', () => {
    const entry = { model: 'j', api_base: ['http://a:1/v1/chat/completions', 'http://b:1/v1'], api_nproc: 8, concurrency: 'auto' as const };
    expect(resolveJudge({ ...none, entry })).toMatchObject({ baseURLs: ['http://a:1/v1', 'http://b:1/v1'], concurrency: 8, adaptive: true });
    expect(resolveJudge({ ...none, flags: { judge: 'j', judgeArgs: '{"api_base": ["http://a:1/v1", "http://b:1/v1"]}' } })).toMatchObject({ baseURLs: ['http://a:1/v1', 'http://b:1/v1'] });
    expect(resolveJudge({ ...none, entry, flags: { judgeBaseUrl: 'http://c:1/v1' } })).toMatchObject({ baseURLs: ['http://c:1/v1'] });
    expect(() => resolveJudge({ ...none, entry: { model: 'j', api_base: ['http://a:1/v1', 'http://a:1/v1/'] } })).toThrow('judge: endpoint http://a:1/v1 is listed twice in "api_base"');
  });

  it('follows --api-nproc and --retry of the run when the judge sets neither (as VLMEvalKit)', () => {
    expect(resolveJudge({ ...none, flags: { judge: 'j' }, apiNproc: 7, retry: 3 })).toMatchObject({ concurrency: 7, tries: 3 });
  });

  it('refuses unusable settings with one line naming the flag or field', () => {
    expect(() => resolveJudge({ ...none, entry: {} })).toThrow(/^judge: no model named; pass --judge MODEL/);
    expect(() => resolveJudge({ ...none, flags: { judge: 'j', judgeBaseUrl: 'not a url' } })).toThrow(/^judge: api_base 'not a url' is not a URL/);
    expect(() => resolveJudge({ ...none, flags: { judge: 'j', judgeApiNproc: '0' } })).toThrow(/^--judge-api-nproc 0: expected a whole number/);
    expect(() => resolveJudge({ ...none, flags: { judge: 'j', judgeArgs: '{"temperature": 0.7}' } })).toThrow(/^--judge-args: unknown key\(s\) "temperature"; known: model, api_base/);
    expect(() => resolveJudge({ ...none, flags: { judge: 'j', judgeArgs: '{"key": "sk-secret-1234' } })).toThrow(/^--judge-args: not valid JSON/);
    expect(() => resolveJudge({ ...none, flags: { judge: 'j', judgeArgs: '{"key": "sk-secret-1234' } })).not.toThrow(/sk-secret/);
  });

  it('lists the keys among the flags, for masking', () => {
    expect(judgeFlagSecrets({ judgeKey: 'k1', judgeArgs: '{"key": "k2", "api_key": "k3"}' })).toEqual(['k1', 'k2', 'k3']);
    expect(judgeFlagSecrets({ judgeArgs: 'not json' })).toEqual([]);
  });
});
