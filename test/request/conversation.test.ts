/**
 * A sample's own conversation (system message, earlier turns) is part of what is asked: it is sent
 * before the question and it keys the resume hash, while a sample without one hashes as before.
 */
import { describe, expect, it } from 'vitest';
import { buildRequest } from '../../src/request/build.js';
import type { GenerationSettings, Sample } from '../../src/core/types.js';

const settings: GenerationSettings = { model: 'm', temperature: 0, max_tokens: 8, system_prompt: 'model system', extra: {} };
const plain: Sample = { index: '0', parts: [{ kind: 'text', text: 'Q?' }], choices: [], answer: 'A', fields: {} };

describe('conversation samples', () => {
  it('the data system replaces the model one; earlier turns go first, in order', () => {
    const s: Sample = { ...plain, conversation: { system: 'data system', turns: [{ role: 'user', parts: [{ kind: 'text', text: 'Hi' }] }, { role: 'assistant', parts: [{ kind: 'text', text: 'Hello' }] }] } };
    expect(buildRequest(s, settings).body.messages).toEqual([
      { role: 'system', content: 'data system' },
      { role: 'user', content: [{ type: 'text', text: 'Hi' }] },
      { role: 'assistant', content: 'Hello' },
      { role: 'user', content: [{ type: 'text', text: 'Q?' }] },
    ]);
    expect(buildRequest(s, settings).texts).toEqual(['Q?']);
  });

  it('every part of the conversation changes the prompt hash; none leaves it as a plain sample', () => {
    const turn = (text: string): Sample['conversation'] => ({ turns: [{ role: 'user', parts: [{ kind: 'text', text }] }, { role: 'assistant', parts: [{ kind: 'text', text: 'ok' }] }] });
    const hashes = [
      plain,
      { ...plain, conversation: turn('a') },
      { ...plain, conversation: turn('b') },
      { ...plain, conversation: { system: 'x', turns: [] } },
      { ...plain, conversation: { system: 'y', turns: [] } },
    ].map((s) => buildRequest(s, settings).promptHash);
    expect(new Set(hashes).size).toBe(hashes.length);
    expect(buildRequest({ ...plain, conversation: { turns: [] } }, settings).promptHash).toBe(hashes[0]);
  });
});
