/**
 * The judge on the endpoint pool the evaluated models use: failover between its endpoints, the
 * shared retry policy, its concurrency per endpoint. Real HTTP to the project's mock server, which
 * answers judge prompts (src/mock/judge.ts).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Choice } from '../../../src/core/types.js';
import { parseFault } from '../../../src/mock/faults.js';
import { startMockServer, type MockOptions, type MockServerHandle } from '../../../src/mock/server.js';
import { endpointLabel } from '../../../src/endpoint/pool/member.js';
import { judgeItems, type JudgeItem } from '../../../src/extract/judge/run.js';
import { JudgeSession } from '../../../src/extract/judge/session.js';
import type { JudgeSpec } from '../../../src/extract/judge/settings.js';

const CHOICES: Choice[] = [
  { letter: 'A', text: 'the red cube' },
  { letter: 'B', text: 'the green ball' },
  { letter: 'C', text: 'the blue cone' },
];
const PICKS = ['the red cube', 'the green ball', 'the blue cone'] as const;
const LETTERS = ['A', 'B', 'C'] as const;

/** `n` questions whose answers name one option each in prose (A, B, C, A, ...): only a judge places them. */
function items(n: number): JudgeItem[] {
  return Array.from({ length: n }, (_, i) => ({
    index: String(i),
    question: `Item ${i}: which is closest?`,
    choices: CHOICES,
    prediction: `Looking again, I would say ${PICKS[i % 3] ?? ''} is nearest.`,
  }));
}
const expected = (n: number): Record<string, string> => Object.fromEntries(Array.from({ length: n }, (_, i) => [String(i), LETTERS[i % 3] ?? '']));

let dir: string;
const closers: (() => Promise<void>)[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'judge-pool-'));
});
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  await rm(dir, { recursive: true, force: true });
});

async function mock(options: MockOptions = {}): Promise<MockServerHandle> {
  const server = await startMockServer({ modelId: 'judge-model', ...options });
  closers.push(() => server.close());
  return server;
}

function session(urls: readonly string[], extra: Partial<JudgeSpec>, log: string[] = []): JudgeSession {
  const spec: JudgeSpec = {
    model: 'judge-model',
    baseURLs: urls,
    apiKey: '',
    concurrency: 4,
    adaptive: false,
    maxTokens: 16,
    timeoutMs: 5_000,
    tries: 1,
    backoffS: 0.01,
    endpointWaitMs: 30_000,
    ...extra,
  };
  const s = new JudgeSession(spec, (line) => log.push(line));
  closers.push(() => s.close());
  return s;
}

describe('the judge fails over between its endpoints', () => {
  it('one endpoint down from the start: the other answers every question, the log says which is out', async () => {
    const [gone, live] = [await mock(), await mock()];
    await gone.close();
    const log: string[] = [];
    const result = await judgeItems(session([gone.url, live.url], {}, log), items(9), join(dir, 'j.jsonl'));
    expect(Object.fromEntries(result.verdicts)).toEqual(expected(9));
    expect(result.stats).toMatchObject({ decided: 9, failed: 0 });
    expect(live.stats.completionsOk).toBe(9);
    expect(log[0]).toMatch(new RegExp(`^endpoint ${endpointLabel(gone.url).replace(/\./g, '\\.')} taken out \\(not reachable at start: connection error: .*ECONNREFUSED`));
  });

  it('one endpoint dies while it holds questions: they are asked again on the other, none is lost', async () => {
    const [dying, live] = [await mock({ latencyMs: 150 }), await mock({ latencyMs: 150 })];
    const judged = judgeItems(session([dying.url, live.url], { concurrency: 3 }), items(18), join(dir, 'j.jsonl'));
    while (dying.stats.completionsInFlight < 3) await new Promise((r) => setTimeout(r, 5));
    await dying.close();
    const result = await judged;
    expect(Object.fromEntries(result.verdicts)).toEqual(expected(18));
    expect(result.stats).toMatchObject({ decided: 18, failed: 0 });
    expect(live.stats.completionsOk + dying.stats.completionsOk).toBe(18);
    const cached = (await readFile(join(dir, 'j.jsonl'), 'utf8')).trim().split('\n');
    expect(cached).toHaveLength(18);
  });

  it('every endpoint must serve the judge model', async () => {
    const [a, b] = [await mock(), await mock({ modelId: 'other-model' })];
    await expect(session([a.url, b.url], {}).ready()).rejects.toThrow(
      `judge: its endpoints serve different models: ${endpointLabel(a.url)} serves "judge-model" but ${endpointLabel(b.url)} serves "other-model"; every judge endpoint must serve the judge model`,
    );
  });
});

describe('the judge retries through the shared retry policy', () => {
  it('a transient 503 is asked again within its tries, and the verdict arrives', async () => {
    const server = await mock({ faults: [parseFault('503:first=1')] });
    const result = await judgeItems(session([server.url], { tries: 2 }), items(3), join(dir, 'j.jsonl'));
    expect(Object.fromEntries(result.verdicts)).toEqual(expected(3));
    expect(result.stats).toMatchObject({ decided: 3, failed: 0 });
    expect(server.stats.faults).toEqual({ '503': 3 });
    expect(server.stats.completionsReceived).toBe(6);
  });

  it('out of tries: counted as failed with the policy’s reason, not cached', async () => {
    const server = await mock({ faults: [parseFault('503')] });
    const result = await judgeItems(session([server.url], { tries: 2 }), items(3), join(dir, 'j.jsonl'));
    expect(result.stats).toMatchObject({ decided: 0, failed: 3 });
    expect(result.stats.firstError).toMatch(/^503 .*\[gave up after 2 attempts: HTTP 503 is transient\]$/);
    expect(server.stats.completionsReceived).toBe(6);
    await expect(readFile(join(dir, 'j.jsonl'))).rejects.toThrow();
  });

  it('a permanent 4xx is not retried', async () => {
    const server = await mock({ faults: [parseFault('400-context')] });
    const result = await judgeItems(session([server.url], { tries: 5 }), items(2), join(dir, 'j.jsonl'));
    expect(result.stats).toMatchObject({ failed: 2 });
    expect(result.stats.firstError).toMatch(/\[not retried: HTTP 400 is permanent/);
    expect(server.stats.completionsReceived).toBe(2);
  });
});

describe('the judge keeps within its api_nproc', () => {
  it('never more than api_nproc questions in flight at one endpoint, and it uses them all', async () => {
    const server = await mock({ latencyMs: 60 });
    const result = await judgeItems(session([server.url], { concurrency: 3 }), items(15), join(dir, 'j.jsonl'));
    expect(result.stats).toMatchObject({ decided: 15, failed: 0 });
    expect(server.stats.maxInFlight).toBe(3);
  });

  it('api_nproc is per endpoint: two endpoints, twice as many at once, each within its own', async () => {
    const [a, b] = [await mock({ latencyMs: 60 }), await mock({ latencyMs: 60 })];
    const s = session([a.url, b.url], { concurrency: 2 });
    expect(s.capacity).toBe(4);
    const result = await judgeItems(s, items(16), join(dir, 'j.jsonl'));
    expect(result.stats).toMatchObject({ decided: 16, failed: 0 });
    expect([a.stats.maxInFlight, b.stats.maxInFlight]).toEqual([2, 2]);
    expect(a.stats.completionsOk + b.stats.completionsOk).toBe(16);
  });
});
