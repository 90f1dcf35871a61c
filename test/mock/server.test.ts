import { afterEach, describe, expect, it } from 'vitest';
import { questionKey, type AnswerKeyEntry, type AnswerLookup } from '../../src/mock/answer-key.js';
import { startMockServer, type MockOptions, type MockServerHandle } from '../../src/mock/server.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const OPTIONS = 'A. left of the chair\nB. right of the chair\nC. behind the chair\nD. in front of the chair';

const servers: MockServerHandle[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: MockOptions = {}): Promise<MockServerHandle> {
  const server = await startMockServer(options);
  servers.push(server);
  return server;
}

interface Completion {
  id: string;
  object: string;
  created: number;
  model: string;
  choices: { index: number; message: { role: string; content: string; reasoning?: string; tool_calls: unknown[] }; logprobs: null; finish_reason: string; stop_reason: null }[];
  usage: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
  prompt_logprobs: null;
}

function question(i: number): string {
  return `Question ${i}: where is the lamp?\n${OPTIONS}`;
}

async function ask(server: MockServerHandle, text: string, extra: Record<string, unknown> = {}): Promise<Completion> {
  const res = await fetch(`${server.url}/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content: text }], ...extra }),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Completion;
}

function content(c: Completion): string {
  return c.choices[0]?.message.content ?? '';
}

/** The callback the mock asks, over a map a test fills. */
function lookup(key: ReadonlyMap<string, AnswerKeyEntry>): AnswerLookup {
  return (itemKey) => key.get(itemKey);
}

function keyFor(texts: readonly string[], answer: string): AnswerLookup {
  return lookup(new Map([[questionKey(texts), { answer, letters: ['A', 'B', 'C', 'D'] }]]));
}

describe('chat completions', () => {
  it("answers in vLLM's shape with usage counted from text and images", async () => {
    const server = await start();
    const text = 'Which option?\nA. red\nB. blue';
    const res = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        model: 'mock-model',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG}` } }, { type: 'text', text }] },
        ],
        max_tokens: 16,
      }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const body = (await res.json()) as Completion;
    expect(body.id).toMatch(/^chatcmpl-[0-9a-f]{32}$/);
    expect(body).toMatchObject({ object: 'chat.completion', model: 'mock-model', prompt_logprobs: null });
    expect(Number.isInteger(body.created)).toBe(true);
    expect(body.choices).toEqual([
      { index: 0, message: { role: 'assistant', content: expect.stringMatching(/^[AB]$/), tool_calls: [] }, logprobs: null, finish_reason: 'stop', stop_reason: null },
    ]);
    const promptTokens = Math.ceil(('Be brief.'.length + text.length) / 4) + 256;
    expect(body.usage).toEqual({ prompt_tokens: promptTokens, completion_tokens: 1, total_tokens: promptTokens + 1 });
  });

  it('accepts a request without a model name, like vLLM', async () => {
    const server = await start({ modelId: 'ckpt-1' });
    const res = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'hi' }] }),
    });
    expect(((await res.json()) as Completion).model).toBe('ckpt-1');
  });

  it('is deterministic per item and seed, and seeds change answers', async () => {
    const a = await start({ seed: 0 });
    const b = await start({ seed: 1 });
    const answers = async (s: MockServerHandle): Promise<string[]> =>
      Promise.all(Array.from({ length: 30 }, async (_, i) => content(await ask(s, question(i)))));
    const first = await answers(a);
    expect(await answers(a)).toEqual(first);
    expect(first.every((x) => ['A', 'B', 'C', 'D'].includes(x))).toBe(true);
    expect(await answers(b)).not.toEqual(first);
  });

  it("answers 'A' when the prompt has no option lines", async () => {
    const server = await start();
    expect(content(await ask(server, 'How many chairs are there?'))).toBe('A');
  });

  it('hits the gold answer with probability `accuracy` over 400 keyed items', async () => {
    const key = new Map<string, AnswerKeyEntry>();
    const texts = Array.from({ length: 400 }, (_, i) => question(i));
    texts.forEach((t, i) => key.set(questionKey([t]), { answer: 'ABCD'[i % 4] ?? 'A', letters: ['A', 'B', 'C', 'D'] }));
    const server = await start({ answerKey: lookup(key), accuracy: 0.7, seed: 3 });
    const got = await Promise.all(texts.map(async (t) => content(await ask(server, t))));
    const hits = got.filter((answer, i) => answer === key.get(questionKey([texts[i] ?? '']))?.answer).length;
    // Deterministic for this seed; the band is ~7 standard deviations wide around 280.
    expect(hits).toBeGreaterThan(250);
    expect(hits).toBeLessThan(310);
    expect(got.every((x) => ['A', 'B', 'C', 'D'].includes(x))).toBe(true);
  });

  it('is always right with a key and default accuracy, always wrong with accuracy 0', async () => {
    const texts = Array.from({ length: 20 }, (_, i) => question(i));
    const key = new Map(texts.map((t) => [questionKey([t]), { answer: 'C', letters: ['A', 'B', 'C', 'D'] }] as const));
    const right = await start({ answerKey: lookup(key) });
    const wrong = await start({ answerKey: lookup(key), accuracy: 0 });
    for (const t of texts) {
      expect(content(await ask(right, t))).toBe('C');
      expect(content(await ask(wrong, t))).toMatch(/^[ABD]$/);
    }
  });

  it('asks the lookup on every request, so entries added after it started are seen', async () => {
    const key = new Map<string, AnswerKeyEntry>();
    const server = await start({ answerKey: lookup(key) });
    key.set(questionKey([question(1)]), { answer: 'D', letters: ['A', 'B', 'C', 'D'] });
    expect(content(await ask(server, question(1)))).toBe('D');
  });
});

describe('answer styles', () => {
  const text = question(7);
  const cases: [MockOptions['style'], RegExp][] = [
    ['letter', /^B$/],
    ['paren', /^\(B\)$/],
    ['sentence', /^The answer is B\.$/],
    ['think', /^<think>[^<]+<\/think><answer>B<\/answer>$/],
    ['option', /^B\. right of the chair$/],
  ];
  it.each(cases)('%s', async (style, pattern) => {
    const server = await start({ style, answerKey: keyFor([text], 'B') });
    expect(content(await ask(server, text))).toMatch(pattern);
  });

  it('mixed picks a style per item, deterministically', async () => {
    const server = await start({ style: 'mixed' });
    const got = await Promise.all(Array.from({ length: 40 }, async (_, i) => content(await ask(server, question(i)))));
    const any: Record<string, RegExp> = {
      letter: /^[A-D]$/,
      paren: /^\([A-D]\)$/,
      sentence: /^The answer is [A-D]\.$/,
      think: /^<think>[^<]+<\/think><answer>[A-D]<\/answer>$/,
      option: /^[A-D]\. .+ the chair$/,
    };
    const styleOf = (s: string): string | undefined => Object.keys(any).find((style) => any[style]?.test(s));
    expect(got.every((s) => styleOf(s) !== undefined)).toBe(true);
    expect(new Set(got.map(styleOf)).size).toBeGreaterThanOrEqual(4);
    expect(await Promise.all(Array.from({ length: 40 }, async (_, i) => content(await ask(server, question(i)))))).toEqual(got);
  });

  it('adds message.reasoning only when asked', async () => {
    const plain = await start();
    const reasoning = await start({ reasoning: true });
    expect(await ask(plain, text)).not.toHaveProperty('choices.0.message.reasoning');
    const message = (await ask(reasoning, text)).choices[0]?.message;
    expect(message?.reasoning).toMatch(/\w+/);
    expect(message?.content).toMatch(/^[A-D]$/);
  });
});

describe('max_tokens truncation', () => {
  it("cuts the answer to max_tokens * 4 characters with finish_reason 'length'", async () => {
    const server = await start({ style: 'sentence' });
    const body = await ask(server, 'Q?', { max_tokens: 1 });
    expect(content(body)).toBe('The ');
    expect(body.choices[0]?.finish_reason).toBe('length');
    expect(body.usage.completion_tokens).toBe(1);
  });

  it('prefers max_completion_tokens and leaves short answers alone', async () => {
    const server = await start({ style: 'sentence' });
    const cut = await ask(server, 'Q?', { max_tokens: 100, max_completion_tokens: 2 });
    expect(content(cut)).toBe('The answ');
    const whole = await ask(server, 'Q?', { max_tokens: 100 });
    expect(content(whole)).toBe('The answer is A.');
    expect(whole.choices[0]?.finish_reason).toBe('stop');
    expect(whole.usage.completion_tokens).toBe(4);
  });

  it('spends the budget on reasoning first', async () => {
    const server = await start({ reasoning: true });
    const body = await ask(server, 'Q?', { max_tokens: 2 });
    expect(body.choices[0]?.message.reasoning).toHaveLength(8);
    expect(content(body)).toBe('');
    expect(body.choices[0]?.finish_reason).toBe('length');
  });
});
