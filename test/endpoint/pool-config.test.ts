/** Endpoint lists in a model entry: `"api_base": [..]` and `"endpoints": [{api_base, key, max_concurrency}]`. */
import { describe, expect, it } from 'vitest';
import { credentialValues, resolveModel } from '../../src/config/models.js';
import { configSchema, type ModelEntry } from '../../src/config/schema.js';
import { InputError } from '../../src/core/errors.js';
import { endpointLabel } from '../../src/endpoint/pool/member.js';
import { healthURL } from '../../src/endpoint/pool/health.js';

const resolve = (entry: ModelEntry, env: Record<string, string> = {}) => resolveModel('m', entry, env);

describe('endpoint lists', () => {
  it('"api_base": [..] lists servers sharing the model key; the first is the primary URL', () => {
    const m = resolve({ class: 'GPT4V', model: 'qwen', key: 'k', api_base: ['http://a:8000/v1/chat/completions', 'http://b:8000/v1'] });
    expect(m.endpoint).toEqual({
      kind: 'http',
      baseURL: 'http://a:8000/v1',
      apiKey: 'k',
      modelId: 'qwen',
      endpoints: [
        { baseURL: 'http://a:8000/v1', apiKey: 'k', maxConcurrency: undefined },
        { baseURL: 'http://b:8000/v1', apiKey: 'k', maxConcurrency: undefined },
      ],
    });
    expect(m.pool).toEqual({ adaptive: false, routing: 'least-busy', endpointWaitS: 300 });
  });

  it('"endpoints" gives each server its own key and concurrency (key falls back to the class rule)', () => {
    const m = resolve(
      {
        class: 'ActialChat',
        endpoints: [{ api_base: 'http://a:1/v1', api_key: 'ka', max_concurrency: 8 }, { api_base: 'http://b:2/v1' }],
        concurrency: 'auto',
        routing: 'image-affinity',
        endpoint_wait: 20,
      },
      {},
    );
    expect(m.endpoint).toMatchObject({
      baseURL: 'http://a:1/v1',
      apiKey: 'ka',
      endpoints: [
        { baseURL: 'http://a:1/v1', apiKey: 'ka', maxConcurrency: 8 },
        { baseURL: 'http://b:2/v1', apiKey: 'EMPTY', maxConcurrency: undefined },
      ],
    });
    expect(m.pool).toEqual({ adaptive: true, routing: 'image-affinity', endpointWaitS: 20 });
  });

  it('pool keys configure the client: none reaches the payload, nested keys are masked', () => {
    const entry: ModelEntry = {
      class: 'GPT4V',
      endpoints: [{ api_base: 'http://a/v1', key: 'sk-one' }, { api_base: 'http://b/v1', key: 'sk-two' }],
      concurrency: 'auto',
      routing: 'least-busy',
      endpoint_wait: 5,
      key: 'sk-top',
    };
    const m = resolve(entry);
    for (const k of ['endpoints', 'concurrency', 'routing', 'endpoint_wait', 'api_base']) expect(m.settings.extra).not.toHaveProperty(k);
    expect(credentialValues(entry)).toEqual(expect.arrayContaining(['sk-top', 'sk-one', 'sk-two']));
  });

  it('refuses ambiguous or impossible lists with one line naming the model', () => {
    const cases: [ModelEntry, RegExp][] = [
      [{ class: 'GPT4V', api_base: 'http://a/v1', endpoints: [{ api_base: 'http://b/v1' }] }, /model 'm': set either "endpoints" or "api_base"\/"base_url", not both/],
      [{ class: 'GPT4V', api_base: ['http://a/v1', 'mock'] }, /"mock" starts one in-process mock server and cannot be part of an endpoint list/],
      [{ class: 'GPT4V', api_base: ['http://a/v1', 'http://a/v1/chat/completions'] }, /endpoint http:\/\/a\/v1 is listed twice/],
      [{ class: 'GPT4V', api_base: ['http://a/v1', 'a:8000'] }, /api_base 'a:8000'/],
      [{ class: 'GPT4V', api_base: ['http://a:1/v1', 'http://b:1/v1'], serve: { command: ['vllm', 'serve', 'x'] } }, /"serve" starts one server/],
    ];
    for (const [entry, message] of cases) {
      expect(() => resolve(entry)).toThrow(InputError);
      expect(() => resolve(entry)).toThrow(message);
    }
  });

  it('the schema accepts the shapes and refuses wrong ones', () => {
    const ok = (model: Record<string, unknown>): boolean => configSchema.safeParse({ model: { m: { class: 'GPT4V', ...model } }, data: { d: { class: 'ImageMCQDataset' } } }).success;
    expect(ok({ api_base: ['http://a/v1'] })).toBe(true);
    expect(ok({ endpoints: [{ api_base: 'http://a/v1', max_concurrency: 4 }], concurrency: 'auto' })).toBe(true);
    expect(ok({ api_base: [] })).toBe(false);
    expect(ok({ endpoints: [] })).toBe(false);
    expect(ok({ endpoints: [{ api_base: 'http://a/v1', weight: 2 }] })).toBe(false);
    expect(ok({ endpoints: [{ api_base: 'http://a/v1', max_concurrency: 0 }] })).toBe(false);
    expect(ok({ concurrency: 8 })).toBe(false);
    expect(ok({ routing: 'random' })).toBe(false);
  });

  it('endpoints are named without credentials; /health sits beside /v1', () => {
    expect(endpointLabel('http://user:secret@h:8000/v1?token=x')).toBe('http://h:8000/v1');
    expect(healthURL('http://h:8000/v1')).toBe('http://h:8000/health');
    expect(healthURL('http://h:8000/proxy')).toBe('http://h:8000/proxy/health');
  });
});
