import { afterEach, describe, expect, it } from 'vitest';
import type { Choice } from '../../src/core/types.js';
import { buildJudgePrompt } from '../../src/extract/judge/prompt.js';
import { judgeAnswer } from '../../src/mock/judge.js';
import { startMockServer, type MockServerHandle } from '../../src/mock/server.js';

const CHOICES: Choice[] = [
  { letter: 'A', text: 'Left of the chair' },
  { letter: 'B', text: 'right of the chair' },
];
const prompt = (prediction: string): string => buildJudgePrompt({ question: 'Where is the lamp?', choices: CHOICES, prediction });

describe('the mock as a judge', () => {
  it.each([
    ['It stands to the left of the chair, I believe.', 'A'],
    ['RIGHT OF THE CHAIR', 'B'],
    ['Somewhere near the window.', 'Z'],
    ['Left of the chair, or right of the chair.', 'Z'],
  ])('%j → %s', (prediction, letter) => {
    expect(judgeAnswer([prompt(prediction)])?.content).toBe(letter);
  });

  it('answers only judge prompts', () => {
    expect(judgeAnswer(['Question: where is the lamp?\nA. left\nB. right'])).toBeUndefined();
  });

  let server: MockServerHandle | undefined;
  afterEach(async () => server?.close());

  it('over HTTP, whatever its answer style', async () => {
    server = await startMockServer({ modelId: 'judge-model', style: 'think' });
    const res = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'judge-model', temperature: 0, max_tokens: 8, messages: [{ role: 'user', content: prompt('right of the chair, surely') }] }),
    });
    const body = (await res.json()) as { choices: { message: { content: string } }[] };
    expect(body.choices[0]?.message.content).toBe('B');
  });
});
