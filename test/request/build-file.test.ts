/**
 * buildRequest with the file transport: image parts carry the URL it is given (from the image's
 * sha256), the body stays plain JSON, and the resume key (prompt hash), the question hash and the
 * settings hash are those of the same sample sent as base64.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core/hash.js';
import type { GenerationSettings, ImageBytes, Sample } from '../../src/core/types.js';
import { buildRequest, type ImageUrlOf } from '../../src/request/build.js';
import { encodeChatBody } from '../../src/request/wire.js';
import { paddedJpeg, TINY_PNG } from '../../bench/synthetic.js';

const jpeg = paddedJpeg(4_000, 'build-file');
const sample: Sample = {
  index: '7',
  parts: [
    { kind: 'image', image: { data: jpeg, mime: 'image/jpeg' } },
    { kind: 'text', text: 'Which is closer?' },
    { kind: 'image', image: { data: TINY_PNG, mime: 'image/png', base64: TINY_PNG.toString('base64') } },
  ],
  choices: [], answer: 'A', fields: {},
};
const settings: GenerationSettings = { model: 'm', temperature: 0, max_tokens: 16, img_detail: 'low', extra: { top_p: 1 } };
const seen: [ImageBytes, string][] = [];
const byPath: ImageUrlOf = (image, digest) => {
  seen.push([image, digest]);
  return `file:///cache/${digest}.${image.mime === 'image/png' ? 'png' : 'jpg'}`;
};

describe('buildRequest with image URLs', () => {
  it('puts the given URL of each image, named from its sha256, and keeps detail', () => {
    seen.length = 0;
    const { body } = buildRequest(sample, settings, byPath);
    expect(seen.map(([image, digest]) => [image.mime, digest])).toEqual([['image/jpeg', sha256(jpeg)], ['image/png', sha256(TINY_PNG)]]);
    expect(body.messages[0]?.content).toEqual([
      { type: 'image_url', image_url: { url: `file:///cache/${sha256(jpeg)}.jpg`, detail: 'low' } },
      { type: 'text', text: 'Which is closer?' },
      { type: 'image_url', image_url: { url: `file:///cache/${sha256(TINY_PNG)}.png`, detail: 'low' } },
    ]);
    const wire = encodeChatBody(body);
    expect(wire.toString('utf8')).toBe(JSON.stringify(body));
    expect(wire.length).toBeLessThan(500);
  });

  it('gives the prompt, question and settings hashes of the same sample sent as base64', () => {
    const a = buildRequest(sample, settings);
    const b = buildRequest(sample, settings, byPath);
    expect(a.body.messages[0]?.content).not.toEqual(b.body.messages[0]?.content);
    expect([b.promptHash, b.questionHash, b.settingsHash, b.texts]).toEqual([a.promptHash, a.questionHash, a.settingsHash, a.texts]);
    const otherBytes: Sample = { ...sample, parts: [{ kind: 'image', image: { data: Buffer.from(jpeg).fill(7, 100, 101), mime: 'image/jpeg' } }, ...sample.parts.slice(1)] };
    expect(buildRequest(otherBytes, settings, byPath).promptHash).not.toBe(b.promptHash);
  });
});
