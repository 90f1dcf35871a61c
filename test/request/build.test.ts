import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../src/request/build.js';
import { stableJson } from '../../src/core/hash.js';
import type { GenerationSettings, Sample } from '../../src/core/types.js';
import { TINY_PNG } from '../../bench/synthetic.js';

const sample: Sample = {
  index: '1',
  parts: [{ kind: 'image', image: { data: TINY_PNG, mime: 'image/png' } }, { kind: 'text', text: 'Question: q' }],
  choices: [], answer: 'A', fields: {},
};
const settings: GenerationSettings = { model: 'm', temperature: 0, max_tokens: 16, system_prompt: 'sys', img_detail: 'high', extra: { top_p: 1 } };

describe('buildRequest', () => {
  it('sends the system prompt, then images as data URLs and text, with every setting', () => {
    const { body, texts } = buildRequest(sample, settings);
    expect(body).toMatchObject({ model: 'm', temperature: 0, max_tokens: 16, top_p: 1, n: 1 });
    expect(body.messages[0]).toEqual({ role: 'system', content: 'sys' });
    expect(body.messages[1]?.content).toEqual([
      { type: 'image_url', image_url: { url: `data:image/png;base64,${TINY_PNG.toString('base64')}`, detail: 'high' } },
      { type: 'text', text: 'Question: q' },
    ]);
    expect(texts).toEqual(['Question: q']);
  });
  it('hashes prompt and settings: equal inputs equal hashes, any change a new one', () => {
    const a = buildRequest(sample, settings).promptHash;
    expect(buildRequest(sample, { ...settings, extra: { top_p: 1 } }).promptHash).toBe(a);
    expect(buildRequest(sample, { ...settings, temperature: 0.5 }).promptHash).not.toBe(a);
    const otherImage: Sample = { ...sample, parts: [{ kind: 'image', image: { data: Buffer.from(TINY_PNG).fill(1, 40, 41), mime: 'image/png' } }, sample.parts[1]!] };
    expect(buildRequest(otherImage, settings).promptHash).not.toBe(a);
  });
  it('extra payload keys cannot replace the model or messages', () => {
    const { body } = buildRequest(sample, { ...settings, extra: { model: 'evil', messages: [] } });
    expect(body.model).toBe('m');
    expect(body.messages).toHaveLength(2);
  });
  it('stableJson sorts keys', () => {
    expect(stableJson({ b: 1, a: [{ d: 2, c: 3 }] })).toBe('{"a":[{"c":3,"d":2}],"b":1}');
  });
});
