import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vlmevalkitMcqPrompt } from '../../src/benchmark/mcq.js';
import { imageMcq } from '../../benchmarks/image-mcq.js';
import { readTsv } from '../../src/data/tsv.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import type { Sample } from '../../src/core/types.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-mcq-'));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const B64 = TINY_PNG.toString('base64');

async function samples(lines: string[]): Promise<Sample[]> {
  const file = join(dir, `t${Math.random().toString(36).slice(2)}.tsv`);
  await writeFile(file, `${lines.join('\n')}\n`);
  const out: Sample[] = [];
  for await (const row of readTsv(file)) out.push(await imageMcq.tsv!.toSample(row));
  return out;
}

describe('VLMEvalKit MCQ prompt', () => {
  it('is built exactly as ImageMCQDataset.build_prompt, trailing space included', () => {
    const text = vlmevalkitMcqPrompt('Which is closer?', [{ letter: 'A', text: 'cup' }, { letter: 'B', text: 'lamp' }], 'Look left.');
    expect(text).toBe('Hint: Look left.\nQuestion: Which is closer?\nOptions:\nA. cup\nB. lamp\nPlease select the correct answer from the options above. \n');
  });
  it('puts images first and drops options pandas reads as NaN', async () => {
    const [s] = await samples([
      'index\timage\tquestion\tA\tB\tC\tD\tanswer\tcategory\thint',
      `7\t${B64}\tWhere?\tleft\tright\tNone\t\tB\tdepth\tnan`,
    ]);
    expect(s?.parts.map((p) => p.kind)).toEqual(['image', 'text']);
    expect(s?.choices.map((c) => c.letter)).toEqual(['A', 'B']);
    expect(s?.parts[1]).toEqual({ kind: 'text', text: 'Question: Where?\nOptions:\nA. left\nB. right\nPlease select the correct answer from the options above. \n' });
    expect(s?.fields).toEqual({ category: 'depth' });
  });
  it('refuses an answer outside the options, naming file, row and column', async () => {
    await expect(samples(['index\timage\tquestion\tA\tB\tanswer', `1\t${B64}\tq\tx\ty\tE`])).rejects.toThrow(
      /t\w+\.tsv \(row 1, column 'answer'\): answer 'E' is not one of the row's options \(A, B\)/,
    );
  });
  it('refuses a row without options', async () => {
    await expect(samples(['index\timage\tquestion\tA\tB\tanswer', `1\t${B64}\tq\t\t\tA`])).rejects.toThrow(/expected at least two option columns/);
  });
});
