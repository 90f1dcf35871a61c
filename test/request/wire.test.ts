import { describe, expect, it } from 'vitest';
import type { ChatBody } from '../../src/request/body.js';
import { buildRequest } from '../../src/request/build.js';
import { encodeChatBody } from '../../src/request/wire.js';
import type { GenerationSettings, PromptPart, Sample } from '../../src/core/types.js';
import { TINY_PNG } from '../../bench/synthetic.js';

const image = (fill: number): PromptPart => ({ kind: 'image', image: { data: Buffer.from(TINY_PNG).fill(fill, 60, 61), mime: 'image/png' } });
const text = (t: string): PromptPart => ({ kind: 'text', text: t });

function sample(parts: readonly PromptPart[]): Sample {
  return { index: '1', parts, choices: [], answer: 'A', fields: {} };
}

const base: GenerationSettings = { model: 'm', temperature: 0, max_tokens: 16, extra: {} };

/** Bodies whose bytes must equal JSON.stringify's: what a server parses is what was built. */
const CASES: readonly [string, Sample, GenerationSettings][] = [
  ['text only', sample([text('Question: which is closer?\nA. x\nB. y')]), base],
  ['one image then text', sample([image(1), text('Q')]), base],
  ['images interleaved with text, system prompt, detail, extras', sample([text('first'), image(2), text('then'), image(3), image(4), text('last')]), {
    ...base,
    system_prompt: 'Think in <think></think>, answer in <answer></answer>.',
    img_detail: 'high',
    extra: { top_p: 1, top_k: -1, stop: ['</answer>'], nested: { a: [1, null, 'x'] }, dropped: undefined },
  }],
  ['text that needs escaping: quotes, backslashes, control characters, NUL, unicode, lone surrogate', sample([
    text('say "\u0000" \\u0000 \t\r\n \u2028 \u{1F600} 中文 \ud800 end'),
    image(5),
    text('"'),
  ]), { ...base, extra: { 'we"ird': 'k\\ey' } }],
  ['an image in the base64 form the dataset held', sample([{ kind: 'image', image: { data: TINY_PNG, mime: 'image/png', base64: TINY_PNG.toString('base64') } }, text('Q')]), base],
];

describe('encodeChatBody', () => {
  for (const [name, s, settings] of CASES) {
    it(`writes the bytes JSON.stringify writes: ${name}`, () => {
      const { body } = buildRequest(s, settings);
      const wire = encodeChatBody(body);
      expect(wire.toString('utf8')).toBe(JSON.stringify(body));
      expect(JSON.parse(wire.toString('utf8'))).toEqual(JSON.parse(JSON.stringify(body)));
    });
  }

  it('serialises bodies it did not build (image URLs not from buildRequest) the same way', () => {
    const body: ChatBody = {
      model: 'judge',
      messages: [
        { role: 'system', content: 'be "strict"' },
        { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/a "b".png', detail: 'low' } }, { type: 'text', text: 'x' }] },
      ],
      temperature: 0,
      max_tokens: 8,
      n: 1,
    };
    expect(encodeChatBody(body).toString('utf8')).toBe(JSON.stringify(body));
  });

  it('copies a built data URL as bytes only while the body still holds that exact object', () => {
    const { body } = buildRequest(sample([image(6), text('Q')]), base);
    const parts = body.messages[0]?.content;
    if (typeof parts === 'string' || parts === undefined) throw new Error('expected parts');
    // A caller that swaps the URL gets its own URL on the wire, not the registered image.
    const swapped: ChatBody = { ...body, messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } }, parts[1]!] }] };
    expect(encodeChatBody(swapped).toString('utf8')).toBe(JSON.stringify(swapped));
  });
});
