/**
 * Rows of one answer-key group (the rotations of a circular question) are answered alike: right
 * on all of them, or wrong with the same option text in each, whatever letter it sits under.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { questionKey, type AnswerKeyEntry } from '../../src/mock/answer-key.js';
import { startMockServer, type MockOptions, type MockServerHandle } from '../../src/mock/server.js';

const TEXTS = ['the lamp', 'the chair', 'the table', 'the door'];
const LETTERS = ['A', 'B', 'C', 'D'];
const QUESTIONS = 100;

const servers: MockServerHandle[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

interface Row {
  readonly text: string;
  readonly entry: AnswerKeyEntry;
}

/** Rotation k of question q: options shifted by k, gold = the text at q % 4 of the original. */
function rotation(q: number, k: number, extra: { group: boolean; options: boolean }): Row {
  const options = TEXTS.map((_, j) => TEXTS[(j + k) % TEXTS.length] ?? '');
  const gold = TEXTS[q % TEXTS.length] ?? '';
  const lines = options.map((t, j) => `${LETTERS[j] ?? '?'}. ${t}`).join('\n');
  const entry: AnswerKeyEntry = {
    answer: LETTERS[options.indexOf(gold)] ?? 'A',
    letters: LETTERS,
    ...(extra.options ? { options } : {}),
    ...(extra.group ? { group: `Demo_circular:${q}` } : {}),
  };
  return { text: `Question ${q}: which is nearest?\n${lines}`, entry };
}

async function answers(rows: readonly Row[], options: MockOptions): Promise<string[]> {
  const key = new Map(rows.map((r) => [questionKey([r.text]), r.entry]));
  const server = await startMockServer({ ...options, answerKey: (k) => key.get(k) });
  servers.push(server);
  return Promise.all(
    rows.map(async (r) => {
      const res = await fetch(`${server.url}/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'mock-model', messages: [{ role: 'user', content: r.text }] }),
      });
      const body = (await res.json()) as { choices: { message: { content: string } }[] };
      return body.choices[0]?.message.content ?? '';
    }),
  );
}

/** Per question: the option texts its four rotations named, and how many were right. */
async function byQuestion(extra: { group: boolean; options: boolean }, options: MockOptions): Promise<{ texts: Set<string>; right: number }[]> {
  const rows = Array.from({ length: QUESTIONS * 4 }, (_, i) => rotation(Math.floor(i / 4), i % 4, extra));
  const got = await answers(rows, options);
  const out = Array.from({ length: QUESTIONS }, () => ({ texts: new Set<string>(), right: 0 }));
  got.forEach((letter, i) => {
    const row = rows[i] as Row;
    const question = out[Math.floor(i / 4)] as { texts: Set<string>; right: number };
    question.texts.add(row.text.split('\n').find((l) => l.startsWith(`${letter}. `))?.slice(3) ?? `?${letter}`);
    if (letter === row.entry.answer) question.right += 1;
  });
  return out;
}

describe('answer-key groups', () => {
  it('answer every rotation with the same option text, right on all or wrong on all', async () => {
    const questions = await byQuestion({ group: true, options: true }, { accuracy: 0.6, seed: 4 });
    for (const [q, { texts, right }] of questions.entries()) {
      expect(texts.size, `question ${q}`).toBe(1);
      expect([0, 4], `question ${q}`).toContain(right);
    }
    const allRight = questions.filter((q) => q.right === 4).length;
    // 100 questions: a standard deviation of ~5 around 60.
    expect(allRight).toBeGreaterThan(40);
    expect(allRight).toBeLessThan(80);
  });

  it('without option texts still answer a group all right or all wrong', async () => {
    const questions = await byQuestion({ group: true, options: false }, { accuracy: 0.6, seed: 4 });
    expect(questions.every((q) => q.right === 0 || q.right === 4)).toBe(true);
  });

  it('draw each row on its own without a group, as for a plain dataset', async () => {
    const questions = await byQuestion({ group: false, options: true }, { accuracy: 0.6, seed: 4 });
    const rows = questions.reduce((n, q) => n + q.right, 0);
    // 400 independent rows: ~240 right (a standard deviation of ~10); only ~0.6^4 of the questions right on all four.
    expect(rows).toBeGreaterThan(200);
    expect(rows).toBeLessThan(280);
    expect(questions.filter((q) => q.right === 4).length).toBeLessThan(30);
    expect(questions.some((q) => q.texts.size > 1)).toBe(true);
  });
});
