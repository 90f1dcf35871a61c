/**
 * A `"api_base": "mock"` checkpoint with `accuracy` p scores about p on a plain dataset AND on a
 * circular one: the CLI hands the mock the datasets' gold answers with one group per circular
 * question, and the mock answers every rotation of a question alike (the same option text, right
 * on all or wrong on all). Drawn per rotation, a circular question would be right with p^4.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeSyntheticTsv } from '../../bench/synthetic.js';
import { mockOptionsFromFlags } from '../../src/cli/mock-server.js';
import { circularKey } from '../../src/score/grouping.js';
import { gptModel, mockServer, paths, readJson, readJsonl, runCli, tempDir, writeConfig, type StoredRecord, type SummaryJson } from './helpers.js';

const QUESTIONS = 300;
const ACCURACY = 0.7;
const MODEL = 'sim';

interface ScoreLine {
  readonly index: string;
  readonly extracted: string | null;
  readonly hit: boolean;
}

interface Choice {
  readonly letter: string;
  readonly text: string;
}

/** Per circular question: the option texts its rotations' answers named, and whether each was right. */
async function answersByQuestion(work: string, dataset: string, model = MODEL): Promise<Map<string, { texts: Set<string>; hits: Set<boolean> }>> {
  const p = paths(work, model, dataset);
  const choices = new Map((await readJsonl<StoredRecord>(p.predictions)).map((r) => [r.index, r['choices'] as Choice[]]));
  const out = new Map<string, { texts: Set<string>; hits: Set<boolean> }>();
  for (const line of await readJsonl<ScoreLine>(p.scores)) {
    const text = choices.get(line.index)?.find((c) => c.letter === line.extracted)?.text ?? `(no option: ${String(line.extracted)})`;
    const group = out.get(circularKey(line.index)) ?? { texts: new Set<string>(), hits: new Set<boolean>() };
    group.texts.add(text);
    group.hits.add(line.hit);
    out.set(circularKey(line.index), group);
  }
  return out;
}

describe('a simulated checkpoint (embedded mock with an accuracy)', () => {
  it('scores about its accuracy on plain and circular datasets, answering every rotation alike', async () => {
    const dir = await tempDir();
    const plain = join(dir, 'Sim.tsv');
    const circular = join(dir, 'Sim_circular.tsv');
    await writeSyntheticTsv(plain, { rows: QUESTIONS, imageBytes: 200 });
    await writeSyntheticTsv(circular, { rows: QUESTIONS * 4, imageBytes: 200, circular: true });
    const config = await writeConfig(join(dir, 'config.json'), {
      model: { [MODEL]: { class: 'OpenAIWrapper', model: MODEL, api_base: 'mock', temperature: 0, max_tokens: 64, img_size: -1, mock: { accuracy: ACCURACY, seed: 5 } } },
      data: {
        Sim: { class: 'ImageMCQDataset', dataset: 'Sim', path: plain },
        Sim_circular: { class: 'ImageMCQDataset', dataset: 'Sim_circular', path: circular },
      },
    });
    const work = join(dir, 'work');
    const res = await runCli(['--config', config, '--work-dir', work]);
    expect(res.stderr).not.toMatch(/error/i);
    expect(res.code).toBe(0);

    // 300 units each: a standard deviation of ~2.6 points, so ±10 points is ~4 of them.
    for (const dataset of ['Sim', 'Sim_circular']) {
      const summary = await readJson<SummaryJson>(paths(work, MODEL, dataset).summary);
      expect(summary.counts.rows).toBe(dataset === 'Sim' ? QUESTIONS : QUESTIONS * 4);
      expect(summary.primary.value, dataset).toBeGreaterThan(ACCURACY - 0.1);
      expect(summary.primary.value, dataset).toBeLessThan(ACCURACY + 0.1);
    }

    const questions = await answersByQuestion(work, 'Sim_circular');
    expect(questions.size).toBe(QUESTIONS);
    for (const [question, { texts, hits }] of questions) {
      expect([...texts], `question ${question}: one option text in every rotation`).toHaveLength(1);
      expect([...hits], `question ${question}: right on all rotations or wrong on all`).toHaveLength(1);
    }
    // Wrong answers are wrong on purpose, not lost: some questions are answered wrongly, alike.
    expect([...questions.values()].filter((q) => q.hits.has(false)).length).toBeGreaterThan(QUESTIONS * (1 - ACCURACY) - 30);
  });
});

describe('an answer-key file (actial-eval answer-key → mock-server --answer-key)', () => {
  it('carries one group per circular question, so a mock reading it answers the rotations alike', async () => {
    const dir = await tempDir();
    const circular = join(dir, 'Sim_circular.tsv');
    const questions = 100;
    await writeSyntheticTsv(circular, { rows: questions * 4, imageBytes: 200, circular: true });
    const data = { Sim_circular: { class: 'ImageMCQDataset', dataset: 'Sim_circular', path: circular } };
    const keyConfig = await writeConfig(join(dir, 'key-config.json'), { model: { any: { class: 'OpenAIWrapper', api_base: 'mock' } }, data });
    const keyFile = join(dir, 'key.jsonl');
    const written = await runCli(['answer-key', '--config', keyConfig, '--out', keyFile]);
    expect(written.stdout).toContain(`wrote ${questions * 4} answers to ${keyFile}`);
    expect(written.code).toBe(0);
    const lines = await readJsonl<{ group?: string; options?: string[] }>(keyFile);
    expect(lines.every((l) => l.options !== undefined && l.options.length >= 3)).toBe(true);
    expect(new Set(lines.map((l) => l.group)).size).toBe(questions);

    // As `mock-server --answer-key key.jsonl --accuracy 0.7` would start it.
    const server = await mockServer(await mockOptionsFromFlags({ answerKey: keyFile, accuracy: String(ACCURACY), seed: '2', port: '0', modelId: 'mock-model' }, {}));
    const config = await writeConfig(join(dir, 'config.json'), { model: { ckpt: gptModel(`${server.url}/chat/completions`) }, data });
    const work = join(dir, 'work');
    expect((await runCli(['--config', config, '--work-dir', work])).code).toBe(0);
    const byQuestion = await answersByQuestion(work, 'Sim_circular', 'ckpt');
    expect(byQuestion.size).toBe(questions);
    for (const [question, { texts, hits }] of byQuestion) {
      expect([texts.size, hits.size], `question ${question}`).toEqual([1, 1]);
    }
    // 100 questions: a standard deviation of ~4.6 points around 70.
    const value = (await readJson<SummaryJson>(paths(work, 'ckpt', 'Sim_circular').summary)).primary.value;
    expect(value).toBeGreaterThan(ACCURACY - 0.15);
    expect(value).toBeLessThan(ACCURACY + 0.15);
  });
});
