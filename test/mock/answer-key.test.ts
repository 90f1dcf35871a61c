import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { answerKeyLine, loadAnswerKey, questionKey, type AnswerKeyEntry } from '../../src/mock/answer-key.js';
import { startMockServer } from '../../src/mock/server.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mock-answer-key-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function keyFile(name: string, text: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, text);
  return file;
}

describe('questionKey', () => {
  it('is the first 24 hex characters of sha256 over the texts joined by newlines', () => {
    const expected = createHash('sha256').update('Look.\nWhich?').digest('hex').slice(0, 24);
    expect(questionKey(['Look.', 'Which?'])).toBe(expected);
    expect(questionKey(['Look.\nWhich?'])).toBe(expected);
    expect(questionKey(['Which?', 'Look.'])).not.toBe(expected);
  });

  it('matches what the server computes: user text parts only, in order, string or parts', async () => {
    const key = new Map<string, AnswerKeyEntry>();
    const server = await startMockServer({ answerKey: (k) => key.get(k) });
    const png = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
    const user = [{ type: 'text', text: 'Look.' }, { type: 'image_url', image_url: { url: png } }, { type: 'text', text: 'Which?\nA. x\nB. y' }];
    const ask = async (): Promise<string | undefined> => {
      const res = await fetch(`${server.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: [{ role: 'system', content: 'Answer with a letter.' }, { role: 'user', content: user }] }),
      });
      return ((await res.json()) as { choices: { message: { content: string } }[] }).choices[0]?.message.content;
    };
    try {
      // The gold is the letter the mock would NOT pick on its own, so only a matching key yields it.
      const gold = (await ask()) === 'A' ? 'B' : 'A';
      key.set(questionKey(['Look.', 'Which?\nA. x\nB. y']), { answer: gold, letters: ['A', 'B'] });
      expect(await ask()).toBe(gold);
    } finally {
      await server.close();
    }
  });
});

describe('loadAnswerKey', () => {
  it('reads JSONL entries, skipping blank lines, with CRLF endings', async () => {
    const file = await keyFile(
      'good.jsonl',
      '{"key":"k1","answer":"B","letters":["A","B","C"]}\r\n\r\n{"key":"k2","answer":"7","letters":[]}\r\n',
    );
    const key = await loadAnswerKey(file);
    expect([...key]).toEqual([
      ['k1', { answer: 'B', letters: ['A', 'B', 'C'] }],
      ['k2', { answer: '7', letters: [] }],
    ]);
  });

  it('reads option texts and groups, which answer-key writes and answerKeyLine round-trips', async () => {
    const entry: AnswerKeyEntry = { answer: 'B', letters: ['A', 'B'], options: ['left', 'right'], group: 'D_circular:3' };
    const file = await keyFile('grouped.jsonl', `${answerKeyLine('k1', entry)}\n`);
    expect([...(await loadAnswerKey(file))]).toEqual([['k1', entry]]);
  });

  const bad: [string, string, RegExp][] = [
    ['invalid JSON', '{"key":"k1","answer":"A","letters":["A"]}\n{oops\n', /:2: not valid JSON/],
    ['a non-object line', '[1,2]\n', /:1: expected \{"key"/],
    ['a missing key', '{"answer":"A","letters":["A"]}\n', /:1: "key" must be a non-empty string/],
    ['a non-string answer', '{"key":"k","answer":1,"letters":["A"]}\n', /:1: "answer" must be/],
    ['bad letters', '{"key":"k","answer":"A","letters":"ABCD"}\n', /:1: "letters" must be an array/],
    ['an answer outside the letters', '{"key":"k","answer":"E","letters":["A","B"]}\n', /:1: answer 'E' is not one of the letters A,B/],
    ['options not one per letter', '{"key":"k","answer":"A","letters":["A","B"],"options":["left"]}\n', /:1: "options" has 1 texts for 2 letters/],
    ['options that are not strings', '{"key":"k","answer":"A","letters":["A","B"],"options":"left,right"}\n', /:1: "options" must be an array of non-empty strings/],
    ['an empty group', '{"key":"k","answer":"A","letters":["A","B"],"group":""}\n', /:1: "group" must be a non-empty string/],
  ];
  it.each(bad)('names the file and line for %s', async (name, text, message) => {
    const file = await keyFile(`${name.replaceAll(' ', '-')}.jsonl`, text);
    const error = await loadAnswerKey(file).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message.startsWith(file)).toBe(true);
  });

  it('reports a missing file as an InputError', async () => {
    const file = join(dir, 'absent.jsonl');
    await expect(loadAnswerKey(file)).rejects.toThrow(new RegExp(`cannot read answer key ${file}: .*ENOENT`));
  });
});
