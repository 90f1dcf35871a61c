/**
 * STARE's prompts as each original builds them, part by part: VLMEvalKit's StareBench (unescaped
 * cells, "\n<image>" appended when the question has no mark, parts stripped, image k after part k —
 * after the last part too), the authors' create_message (the same placement, parts unstripped, the
 * YAML template with two backslashes) and lmms-eval's stare_doc_to_text (images, then the text).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { field, writeParquetGroups } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import type { DataRow, PromptPart, Sample } from '../../src/core/types.js';
import { readParquet } from '../../src/data/parquet.js';
import { readTsv } from '../../src/data/tsv.js';
import type { Benchmark } from '../../src/benchmark/types.js';
import { stare, stareCot, stareLmms, stareOfficial } from '../../benchmarks/stare.js';
import { TINY_PNG_B64 } from '../e2e/helpers.js';
import { expectDataError, runDataset, tempDir, writeTsv } from './helpers.js';

async function first(rows: AsyncIterable<DataRow>, toSample: ((row: DataRow) => Promise<Sample>) | undefined): Promise<Sample> {
  if (toSample === undefined) throw new Error('no source');
  for await (const row of rows) return toSample(row);
  throw new Error('no rows');
}

const shape = (parts: readonly PromptPart[]): string[] => parts.map((p) => (p.kind === 'text' ? p.text : `<${p.kind}>`));

const QUESTION = 'Check out a net with 6 faces below: \n<image_0>Can the net be folded?\nChoose from the following answer choices:\nA. yes\nB. no';

async function tsvSample(benchmark: Benchmark, question: string, images: number): Promise<Sample> {
  const dir = await tempDir();
  const file = join(dir, 'StareBench.tsv');
  const image = images === 1 ? TINY_PNG_B64 : `[${Array.from({ length: images }, () => `'${TINY_PNG_B64}'`).join(', ')}]`;
  await writeTsv(file, ['index', 'image', 'question', 'answer', 'category'], [{ index: '7', image, question, answer: 'B', category: 'Folding_Nets' }]);
  return first(readTsv(file), benchmark.tsv?.toSample);
}

describe("VLMEvalKit StareBench's build_prompt and build_msgs", () => {
  it('unescapes the cell, appends the mark, strips the parts and puts a second image after the instructions (CoT)', async () => {
    const sample = await tsvSample(stareCot, QUESTION.replaceAll('\n', '\\n'), 2);
    expect(shape(sample.parts)).toEqual([
      QUESTION,
      '<image>',
      "Answer with the option's letter from the given choices and put the letter in one <answer> answer </answer>\nPlease solve the problem step by step.",
      '<image>',
    ]);
    expect(sample).toMatchObject({ index: '7', answer: 'B', fields: { bench_category: 'folding_nets', yes_no_options: 'a=yes,b=no' } });
    expect(sample.choices).toEqual([{ letter: 'A', text: 'yes' }, { letter: 'B', text: 'no' }]);
  });

  it('splits at marks in the question; the direct instruction for StareBench', async () => {
    const sample = await tsvSample(stare, 'Before <image> between <image> after', 1);
    expect(shape(sample.parts)).toEqual([
      'Before',
      '<image>',
      'between',
      "after\n\nAnswer with the option's letter from the given choices and put the letter in one <answer> answer </answer>\nPlease ensure that your output only contains the final answer (a single option letter) without any additional content (such as intermediate reasoning steps).",
    ]);
  });

  it('refuses a gold that is no letter with one line naming file, row and column', async () => {
    const dir = await tempDir();
    const path = join(dir, 'StareBench.tsv');
    await writeTsv(path, ['index', 'image', 'question', 'answer', 'category'], [{ index: '1', image: TINY_PNG_B64, question: 'Q?', answer: 'yes', category: 'temporal' }]);
    expectDataError(await runDataset(dir, 'StareBench', { class: 'StareBench', dataset: 'StareBench', path }), [/StareBench\.tsv/, /row 1/, /answer/, /'yes' is not an option letter/]);
  });
});

const FIELDS = [field.string('qid'), field.string('question'), field.string('answer'), field.list('images', field.image), field.string('category')];

async function parquetSample(benchmark: Benchmark, question: string, images: number): Promise<Sample> {
  const dir = await tempDir();
  const file = join(dir, 'test-00000-of-00001.parquet');
  await writeParquetGroups(file, { fields: FIELDS }, [[{ qid: 'q1', question, answer: ' c ', images: Array.from({ length: images }, () => ({ bytes: TINY_PNG, path: 'x.png' })), category: '2D_text_instruct' }]]);
  const parquet = benchmark.parquet;
  if (parquet === undefined) throw new Error('no parquet source');
  return first(readParquet(file, { imageColumns: parquet.imageColumns, requiredColumns: parquet.requiredColumns }), parquet.toSample);
}

describe("the authors' and lmms-eval's queries", () => {
  it("the authors': the YAML template (two backslashes), parts unstripped, image k after part k", async () => {
    const sample = await parquetSample(stareOfficial, 'Which one?\nA. x\nB. y\nC. z', 2);
    expect(shape(sample.parts)).toEqual([
      'Which one?\nA. x\nB. y\nC. z\n',
      '<image>',
      `\n\nAnswer with the option's letter from the given choices and put the letter in one "\\\\boxed{}".\n\nPlease solve the problem step by step.`,
      '<image>',
    ]);
    expect(sample).toMatchObject({ index: 'q1', answer: 'C', fields: { category: '2D_text_instruct' } });
  });

  it("lmms-eval's: the images, then its template (one backslash, a leading newline, the mark kept)", async () => {
    const sample = await parquetSample(stareLmms, 'Which one?\nA. x\nB. y\nC. z', 2);
    expect(shape(sample.parts)).toEqual([
      '<image>',
      '<image>',
      `\nWhich one?\nA. x\nB. y\nC. z\n<image>\nAnswer with the option's letter from the given choices and put the letter in one "\\boxed{}". \nPlease solve the problem step by step.`,
    ]);
  });
});
