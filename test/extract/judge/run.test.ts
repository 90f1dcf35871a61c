/** The judge runner against real loopback HTTP servers: the built-in mock, and a scripted one. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Choice } from '../../../src/core/types.js';
import { InputError } from '../../../src/core/errors.js';
import { startMockServer, type MockServerHandle } from '../../../src/mock/server.js';
import { judgeItems, type JudgeItem } from '../../../src/extract/judge/run.js';
import { JudgeSession } from '../../../src/extract/judge/session.js';
import type { JudgeSpec } from '../../../src/extract/judge/settings.js';
import { MMVP_JUDGE, MMVP_JUDGE_SYSTEM } from '../../../src/extract/mmvp-judge.js';

const CHOICES: Choice[] = [
  { letter: 'A', text: 'the red cube' },
  { letter: 'B', text: 'the green ball' },
  { letter: 'C', text: 'the blue cone' },
];
const item = (index: string, prediction: string): JudgeItem => ({ index, question: `Item ${index}: which is closest?`, choices: CHOICES, prediction });
const ITEMS = [
  item('1', 'Everything considered, it must be the green ball that sits nearest.'),
  item('2', 'It is either the red cube or the blue cone, hard to say.'),
  item('3', 'I cannot see the image.'),
];

let dir: string;
const closers: (() => Promise<void>)[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'judge-run-'));
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
  await rm(dir, { recursive: true, force: true });
});

function spec(url: string, extra: Partial<JudgeSpec> = {}): JudgeSpec {
  const base = { model: 'judge-model', baseURLs: [url], apiKey: '', concurrency: 4, adaptive: false, maxTokens: 16 };
  return { ...base, timeoutMs: 5_000, tries: 1, backoffS: 0.01, endpointWaitMs: 30_000, ...extra };
}

function session(url: string, extra: Partial<JudgeSpec> = {}, log?: (line: string) => void): JudgeSession {
  const s = new JudgeSession(spec(url, extra), log);
  closers.push(() => s.close());
  return s;
}

async function mockJudge(): Promise<MockServerHandle> {
  const server = await startMockServer({ modelId: 'judge-model' });
  closers.push(() => server.close());
  return server;
}

interface Scripted {
  readonly url: string;
  readonly bodies: Record<string, unknown>[];
}

/** A server that lists judge-model and answers every completion with `reply` (or `status`). */
async function scripted(reply: string, status = 200): Promise<Scripted> {
  const bodies: Record<string, unknown>[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/models') return res.end(JSON.stringify({ object: 'list', data: [{ id: 'judge-model', owned_by: 'vllm' }] }));
      bodies.push(JSON.parse(raw) as Record<string, unknown>);
      res.statusCode = status;
      if (status !== 200) return res.end(JSON.stringify({ error: { message: 'prompt too long' } }));
      res.end(JSON.stringify({ choices: [{ index: 0, message: { role: 'assistant', content: reply }, finish_reason: 'stop' }] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, bodies };
}

describe('judging undecided answers', () => {
  it('decides what it can, leaves the rest undecided, and asks nothing again on a rerun', async () => {
    const judge = await mockJudge();
    const cache = join(dir, 'm_D_judge.jsonl');
    const first = await judgeItems(session(judge.url), ITEMS, cache);
    expect(Object.fromEntries(first.verdicts)).toEqual({ '1': 'B', '2': null, '3': null });
    expect(first.stats).toMatchObject({ judged: 3, decided: 1, undecided: 2, failed: 0, cacheHits: 0, cacheMisses: 3 });
    expect(judge.stats.completionsOk).toBe(3);

    const requests = judge.stats.requests;
    const second = await judgeItems(session(judge.url), ITEMS, cache);
    expect(second.verdicts).toEqual(first.verdicts);
    expect(second.stats).toMatchObject({ cacheHits: 3, cacheMisses: 0 });
    // Not even the model check: everything was cached.
    expect(judge.stats.requests).toBe(requests);
    const lines = (await readFile(cache, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l['verdict']).sort()).toEqual(['B', null, null]);
    expect(lines[0]).toMatchObject({ judge_model: 'judge-model', prompt_version: 'mcq-match@1', asks: 1 });
  });

  it('asks a new question only for a changed prediction or another judge model', async () => {
    const judge = await mockJudge();
    const cache = join(dir, 'judge.jsonl');
    await judgeItems(session(judge.url), ITEMS, cache);
    const changed = [ITEMS[0] as JudgeItem, item('2', 'Definitely the blue cone.'), ITEMS[2] as JudgeItem];
    const again = await judgeItems(session(judge.url), changed, cache);
    expect(again.stats).toMatchObject({ cacheHits: 2, cacheMisses: 1 });
    expect(again.verdicts.get('2')).toBe('C');
  });

  it('sends temperature 0 and every sampling setting explicitly, one user message', async () => {
    const server = await scripted('B');
    await judgeItems(session(server.url), [ITEMS[0] as JudgeItem], join(dir, 'j.jsonl'));
    expect(server.bodies).toHaveLength(1);
    expect(server.bodies[0]).toMatchObject({ model: 'judge-model', temperature: 0, max_tokens: 16, top_p: 1, top_k: -1, repetition_penalty: 1, n: 1 });
    const messages = server.bodies[0]?.['messages'] as { role: string; content: string }[];
    expect(messages.map((m) => m.role)).toEqual(['user']);
    expect(messages[0]?.content).toMatch(/^actial-eval judge mcq-match@1\n/);
  });

  it("an authors' prompt with its own system message and temperature (MMVP's grader) sends both; its gold keys the verdict", async () => {
    const server = await scripted('Yes');
    // The two rows of an MMVP pair: same question, options and reply, opposite golds.
    const pair = ['A', 'B'].map((answer, i) => ({ index: String(i + 1), question: 'Is it open? (a) Open (b) Closed', choices: [], prediction: '(a)', answer, fields: { 'Correct Answer': `(${answer.toLowerCase()})` } }));
    const result = await judgeItems(session(server.url), pair, join(dir, 'j.jsonl'), MMVP_JUDGE);
    expect(server.bodies).toHaveLength(2);
    expect(server.bodies[0]).toMatchObject({ model: 'judge-model', temperature: 0.2, n: 1 });
    const messages = server.bodies.map((b) => b['messages'] as { role: string; content: string }[]);
    expect(messages[0]?.map((m) => m.role)).toEqual(['system', 'user']);
    expect(messages[0]?.[0]?.content).toBe(MMVP_JUDGE_SYSTEM);
    expect(messages.map((m) => m[1]?.content).sort()).toEqual([
      'Given the following question Is it open? (a) Open (b) Closed, the correct answer is (a). Does the following answer correctly answers the question, answer:(a)?',
      'Given the following question Is it open? (a) Open (b) Closed, the correct answer is (b). Does the following answer correctly answers the question, answer:(a)?',
    ]);
    // "Yes" to both: each row's verdict is its own gold.
    expect(Object.fromEntries(result.verdicts)).toEqual({ '1': 'A', '2': 'B' });
  });

  it('asks once more when the reply is not a letter, then leaves the row undecided (no random guess)', async () => {
    const server = await scripted('The reply seems to point at B, probably.');
    const result = await judgeItems(session(server.url), [ITEMS[0] as JudgeItem], join(dir, 'j.jsonl'));
    expect(server.bodies).toHaveLength(2);
    expect(result.verdicts.get('1')).toBeNull();
    expect(result.stats).toMatchObject({ decided: 0, undecided: 1 });
    const cached = JSON.parse(await readFile(join(dir, 'j.jsonl'), 'utf8')) as Record<string, unknown>;
    expect(cached).toMatchObject({ verdict: null, asks: 2, reply: 'The reply seems to point at B, probably.' });
  });

  it('a failed judge request is counted, not cached, and asked again next time', async () => {
    const server = await scripted('', 400);
    const cache = join(dir, 'j.jsonl');
    const result = await judgeItems(session(server.url), ITEMS, cache);
    expect(result.verdicts.size).toBe(0);
    expect(result.stats).toMatchObject({ failed: 3, decided: 0, undecided: 0 });
    expect(result.stats.firstError).toMatch(/prompt too long/);
    await expect(readFile(cache)).rejects.toThrow();
    await judgeItems(session(server.url), ITEMS, cache);
    expect(server.bodies).toHaveLength(6);
  });
});

describe('a judge that is not there', () => {
  it('nothing listening: an InputError naming the judge URL, before any question', async () => {
    const gone = await startMockServer({});
    const url = gone.url;
    await gone.close();
    const err = await session(url).ready().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toContain(`judge at ${url}: cannot list models at ${url}/models`);
  });

  it('a server without the judge model: the error lists what it serves', async () => {
    const judge = await mockJudge();
    const err = await session(judge.url, { model: 'gpt-4o-mini' }).ready().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(`judge at ${judge.url} does not serve "gpt-4o-mini" (it serves: judge-model); set --judge or "judge": {"model": ...} to a served name`);
  });

  it('judging with misses fails the same way; with nothing to ask it sends nothing', async () => {
    const judge = await mockJudge();
    const wrong = session(judge.url, { model: 'gpt-4o-mini' });
    await expect(judgeItems(wrong, ITEMS, join(dir, 'j.jsonl'))).rejects.toThrow(/does not serve "gpt-4o-mini"/);
    const before = judge.stats.requests;
    expect((await judgeItems(wrong, [], join(dir, 'j.jsonl'))).stats.judged).toBe(0);
    expect(judge.stats.requests).toBe(before);
  });
});
