/**
 * verl RL Parquet on small real-schema files (nested lists and structs, image bytes, several row
 * groups): the messages the trainer would build (system prompt option, `<image>` split into image
 * parts in order), Actial's reward and its two halves per data_source recomputed here from the
 * stored replies, and malformed rows refused in one line.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verlRl } from '../../benchmarks/verl-rl.js';
import { streamSamples } from '../../src/data/samples.js';
import { buildRequest } from '../../src/request/build.js';
import type { Benchmark } from '../../src/benchmark/types.js';
import { sniffImageMime } from '../../src/data/mime.js';
import { field, writeParquetGroups } from '../../bench/synthetic-parquet.js';
import { expectDataError, expectMetrics, mean, outputs, runDataset, tempDir } from './helpers.js';
import { struct, verlImage, verlRow, VERL_FIELDS, writeVerl, type VerlItem } from './sharegpt-data.js';

const SYSTEM = 'You are Actial, a helpful assistant with excellent reasoning ability.';
const SOURCES = ['INno0o/SAT', 'INno0o/SAT', 'viewpoint'] as const;

function itemAt(i: number): VerlItem {
  const source = SOURCES[i % SOURCES.length] as string;
  const images = Array.from({ length: 1 + (i % 3) }, (_, k) => verlImage(i, k));
  const question = `${'<image>'.repeat(images.length)}Item ${i}: is the mug left of the laptop?\nA. left\nB. right\nC. neither`;
  return { source, messages: [{ role: 'user', content: question }], images, truth: 'ABC'[i % 3] as string };
}

const ITEMS: readonly VerlItem[] = Array.from({ length: 21 }, (_, i) => itemAt(i));

/** reward_custom.compute_score written out for the mock's (ASCII) replies. */
function reward(prediction: string, truth: string): { format: number; accuracy: number } {
  const format = /^\s*<think>[\s\S]*?<\/think>\s*<answer>[\s\S]*?<\/answer>\s*$/i.test(prediction.trim()) ? 1 : 0;
  const content = /<answer>([\s\S]*?)<\/answer>/i.exec(prediction)?.[1]?.trim() ?? 'None';
  return { format, accuracy: content !== '' && content === truth ? 1 : 0 };
}

const MOCK = { class: 'GPT4V', model: 'sim', api_base: 'mock', temperature: 0, max_tokens: 64, img_size: -1, mock: { accuracy: 0.6, seed: 11, style: 'mixed' } };

describe('VerlRLDataset through the CLI', () => {
  it('accuracy, reward and format, overall and per data_source, from the stored replies', async () => {
    const dir = await tempDir();
    await writeVerl(join(dir, 'SAT', 'test.parquet'), ITEMS, 4);
    // A folder: only its test split is read (train files beside it are not).
    await writeVerl(join(dir, 'SAT', 'train-00000-of-00001.parquet'), ITEMS.slice(0, 2));
    const res = await runDataset(dir, 'SAT_RL', { class: 'VerlRLDataset', path: join(dir, 'SAT'), system_prompt: SYSTEM }, [], MOCK);
    expect(res.code, res.stderr).toBe(0);
    const { records, summary } = await outputs(res.work, 'SAT_RL');
    expect(records).toHaveLength(ITEMS.length);
    const scored = records.map((r) => {
      const it = ITEMS[Number(r.index)] as VerlItem;
      expect(r.answer).toBe(it.truth);
      return { source: it.source, ...reward(r.prediction, it.truth) };
    });
    const by = (metric: (x: (typeof scored)[number]) => number, overall: string): Record<string, number> => {
      const out: Record<string, number> = { [overall]: mean(scored.map(metric)) };
      for (const s of new Set(SOURCES)) out[s] = mean(scored.filter((x) => x.source === s).map(metric));
      return out;
    };
    expectMetrics(summary.metrics['actial-accuracy'], by((x) => x.accuracy, 'accuracy'));
    expectMetrics(summary.metrics['actial-format'], by((x) => x.format, 'format'));
    expectMetrics(summary.metrics['actial-reward'], by((x) => 0.5 * x.accuracy + 0.5 * x.format, 'reward'));
    expect(summary.primary.metric).toBe('accuracy');
    expect(new Set(scored.map((x) => x.format)).size).toBe(2);
    expect(new Set(scored.map((x) => x.accuracy)).size).toBe(2);
  });
});

describe('a model class that post-processes its replies (ActialChat keeps the <answer> content)', () => {
  it('the reward reads the reply as given, as verl decodes it, not the post-processed prediction', async () => {
    const dir = await tempDir();
    const file = join(dir, 'test.parquet');
    await writeVerl(file, ITEMS.slice(0, 9));
    const actial = { class: 'ActialChat', model_name: 'sim', api_base: 'mock', temperature: 0, max_tokens: 64, post_process: true, mock: { accuracy: 0.6, seed: 11, style: 'think' } };
    const res = await runDataset(dir, 'RL', { class: 'VerlRLDataset', path: file }, [], actial);
    expect(res.code, res.stderr).toBe(0);
    const { records, summary } = await outputs(res.work, 'RL');
    const raw = records.map((r) => ('raw_prediction' in r && typeof r.raw_prediction === 'string' ? r.raw_prediction : r.prediction));
    // Post-processing did strip the tags: the stored prediction alone would earn no format reward.
    expect(records.every((r) => !r.prediction.includes('<think>'))).toBe(true);
    const rewards = records.map((r, i) => reward(raw[i] ?? '', (ITEMS[Number(r.index)] as VerlItem).truth));
    expect(rewards.every((x) => x.format === 1)).toBe(true);
    expect(summary.metrics['actial-format']?.['format']).toBe(1);
    expect(summary.metrics['actial-accuracy']?.['accuracy']).toBeCloseTo(mean(rewards.map((x) => x.accuracy)), 12);
    expect(summary.metrics['actial-reward']?.['reward']).toBeCloseTo(mean(rewards.map((x) => 0.5 * x.accuracy + 0.5)), 12);
  });
});

async function samplesOf(benchmark: Benchmark, file: string): Promise<ReturnType<typeof buildRequest>['body'][]> {
  const out = [];
  for await (const { sample } of streamSamples(benchmark, { files: [file], format: 'parquet' })) {
    out.push(buildRequest(sample, { model: 'm', temperature: 0, max_tokens: 8, extra: {} }).body);
  }
  return out;
}

const url = (bytes: Buffer): string => `data:${sniffImageMime(bytes) ?? ''};base64,${bytes.toString('base64')}`;

describe('the messages the trainer builds', () => {
  it('the system prompt first, each <image> an image part in order, text between kept exactly', async () => {
    const dir = await tempDir();
    const file = join(dir, 'test.parquet');
    const item: VerlItem = {
      source: 's',
      messages: [
        { role: 'system', content: 'Data system.' },
        { role: 'user', content: 'First <image> then\n<image>' },
        { role: 'assistant', content: 'Noted.' },
        { role: 'user', content: '<image>Which is nearer?' },
      ],
      images: [verlImage(1, 0), verlImage(1, 1), verlImage(2, 0)],
      truth: 'A',
    };
    await writeVerl(file, [item, itemAt(2)]);
    const [multi, single] = await samplesOf(verlRl, file);
    expect(multi?.messages).toEqual([
      { role: 'system', content: 'Data system.' },
      { role: 'user', content: [{ type: 'text', text: 'First ' }, { type: 'image_url', image_url: { url: url(item.images[0] as Buffer) } }, { type: 'text', text: ' then\n' }, { type: 'image_url', image_url: { url: url(item.images[1] as Buffer) } }] },
      { role: 'assistant', content: 'Noted.' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: url(item.images[2] as Buffer) } }, { type: 'text', text: 'Which is nearer?' }] },
    ]);
    const configured = verlRl.configure?.({ class: 'VerlRLDataset', system_prompt: SYSTEM }, { name: 'x', configDir: dir }) as Benchmark;
    const withSystem = await samplesOf(configured, file).catch((e: unknown) => e);
    // The first row has its own system message: two would be ambiguous.
    expect(String(withSystem)).toMatch(/row 1, column 'prompt'.*own system message and the entry sets "system_prompt"/);
    await writeVerl(file, [itemAt(2)]);
    const [sys] = await samplesOf(configured, file);
    expect(sys?.messages[0]).toEqual({ role: 'system', content: SYSTEM });
    expect(sys?.messages.slice(1)).toEqual(single?.messages);
  });
});

describe('bad verl rows: one line naming the file, row and column', () => {
  async function run(rows: readonly Record<string, unknown>[], fields = VERL_FIELDS): Promise<Awaited<ReturnType<typeof runDataset>>> {
    const dir = await tempDir();
    const file = join(dir, 'test.parquet');
    await writeParquetGroups(file, { fields }, [rows]);
    return runDataset(dir, 'RL', { class: 'VerlRLDataset', path: file }, [], MOCK);
  }
  const good = verlRow(itemAt(0), 0);

  it.each([
    ['an image too many', { ...good, images: [...(good['images'] as unknown[]), { bytes: verlImage(9, 1), path: null }] }, [/test\.parquet \(row 2, column 'images'\)/, /2 image\(s\) in 'images' but 1 <image> mark\(s\) in 'prompt'/]],
    ['a prompt without messages', { ...good, prompt: [] }, [/row 2, column 'prompt'/, /expected a list of \{role/]],
    ['a prompt ending with the assistant', { ...good, prompt: [{ content: '<image>Q', role: 'user' }, { content: 'A', role: 'assistant' }] }, [/row 2, column 'prompt'/, /end with a user turn/]],
    ['an unknown role', { ...good, prompt: [{ content: '<image>Q', role: 'tool' }] }, [/row 2, column 'prompt'/, /at 0\.role/]],
    ['no ground truth', { ...good, reward_model: { ground_truth: null, style: 'rule' } }, [/row 2, column 'reward_model'/, /ground_truth: string/]],
  ])('%s', async (_what, bad, patterns) => {
    expectDataError(await run([good, bad]), patterns);
  });

  it('a file without the reward_model column', async () => {
    const fields = VERL_FIELDS.filter((f) => f[0]?.name !== 'reward_model');
    const { reward_model: _drop, ...row } = good;
    expectDataError(await run([row], fields), [/test\.parquet \(column 'reward_model'\): required column missing/]);
  });

  it('a ground truth that is a list is refused, not compared as text', async () => {
    const fields = [...VERL_FIELDS.filter((f) => f[0]?.name !== 'reward_model'), struct('reward_model', [field.list('ground_truth', field.string), field.string('style')])];
    expectDataError(await run([{ ...good, reward_model: { ground_truth: ['A'], style: 'rule' } }], fields), [/row 1, column 'reward_model'/]);
  });
});
