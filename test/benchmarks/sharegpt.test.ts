/**
 * LLaMA-Factory ShareGPT datasets on small real-schema files (a JSON array in each style, JSONL):
 * the chat request each record becomes (system turn, earlier turns, `<image>` marks bound in order
 * to the `images` files), every number the CLI reports against the stored predictions scored here
 * with rules written from the format's description, and bad records refused in one line.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { shareGpt } from '../../benchmarks/sharegpt.js';
import { streamSamples } from '../../src/data/samples.js';
import { buildRequest } from '../../src/request/build.js';
import type { Benchmark } from '../../src/benchmark/types.js';
import { expectDataError, expectMetrics, mean, mockLetter, outputs, runDataset, tempDir } from './helpers.js';
import { writeImages, writeShareGpt, type ShareGptItem, type Style } from './sharegpt-data.js';
import { TINY_PNG } from '../../bench/synthetic.js';

/** An item, the rule its gold calls for and the key an answer must equal, as the format reads. */
interface Case {
  readonly item: ShareGptItem;
  readonly form: 'answer-tag' | 'option-letter' | 'exact-match';
  readonly key: string;
  readonly rewardTruth: string;
}

const VIEWPOINT = (i: number): string =>
  `<image><image>The object captured in these two photos did not move (scene ${i}). From the camera's perspective, did the position of the camera that captured the second photo move relative to the first photo's camera position? A: Move to the left B: Move to the right C: No movement Select the correct option, please output only the option letter!`;

function caseAt(i: number): Case {
  const imgs = (n: number): string[] => Array.from({ length: n }, (_, k) => `scene${i}/view${k}.${k === 0 ? 'png' : 'jpg'}`);
  switch (i % 5) {
    case 0:
      return { item: { turns: [{ role: 'user', text: VIEWPOINT(i) }, { role: 'assistant', text: 'ABC'[i % 3] as string }], images: imgs(2) }, form: 'option-letter', key: 'ABC'[i % 3] as string, rewardTruth: 'ABC'[i % 3] as string };
    case 1:
      return { item: { turns: [{ role: 'user', text: VIEWPOINT(i) }, { role: 'assistant', text: 'Move to the right' }], images: imgs(2), system: 'You are a careful observer.' }, form: 'option-letter', key: 'B', rewardTruth: 'B' };
    case 2:
      return {
        item: { turns: [{ role: 'system', text: 'Think, then answer.' }, { role: 'user', text: `${VIEWPOINT(i)}` }, { role: 'assistant', text: '<think>The background shifts right.</think> <answer>A</answer>' }], images: imgs(2) },
        form: 'answer-tag',
        key: 'A',
        rewardTruth: 'A',
      };
    case 3:
      return { item: { turns: [{ role: 'user', text: `<image>What colour is the cube nearest the camera? (scene ${i})` }, { role: 'assistant', text: ' Red. ' }], images: imgs(1) }, form: 'exact-match', key: 'red', rewardTruth: 'Red.' };
    default:
      return {
        item: {
          turns: [
            { role: 'user', text: `<image>Describe the room (scene ${i}).` },
            { role: 'assistant', text: 'A kitchen with a table.' },
            { role: 'user', text: 'Is the table (A) left of the chair or (B) right of it? <image>' },
            { role: 'assistant', text: '(A)' },
          ],
          images: imgs(2),
        },
        form: 'option-letter',
        key: 'A',
        rewardTruth: 'A',
      };
  }
}

const CASES: readonly Case[] = Array.from({ length: 20 }, (_, i) => caseAt(i));

async function writeDataset(dir: string, name: string, style: Style): Promise<string> {
  const file = join(dir, name);
  await writeShareGpt(file, CASES.map((c) => c.item), style);
  await writeImages(join(dir, 'media'), CASES.map((c) => c.item));
  return file;
}

// ----------------------------------------------------------- rules written from the description

const firstTag = (p: string): string | null => /<answer>([\s\S]*?)<\/answer>/i.exec(p)?.[1]?.trim() ?? null;
const norm = (s: string): string => s.toLowerCase().replace(/\s+/g, ' ').trim().replace(/\.$/, '').trim();
const afterThink = (p: string): string => (p.includes('</think>') ? (p.split('</think>').at(-1) ?? '') : p);
const lastTag = (p: string): string | null => [...p.matchAll(/<answer>([\s\S]*?)<\/answer>/gi)].at(-1)?.[1] ?? null;

function hit(c: Case, prediction: string): boolean {
  if (c.form === 'answer-tag') return firstTag(prediction) === c.key;
  if (c.form === 'option-letter') return mockLetter(prediction) === c.key;
  return norm(lastTag(prediction) ?? afterThink(prediction)) === c.key;
}

function reward(prediction: string, truth: string): { format: number; accuracy: number } {
  const format = /^\s*<think>[\s\S]*?<\/think>\s*<answer>[\s\S]*?<\/answer>\s*$/i.test(prediction.trim()) ? 1 : 0;
  const content = firstTag(prediction) ?? 'None';
  return { format, accuracy: content !== '' && content === truth ? 1 : 0 };
}

const MIXED = { class: 'GPT4V', model: 'sim', api_base: 'mock', temperature: 0, max_tokens: 64, img_size: -1, mock: { accuracy: 0.6, seed: 7, style: 'mixed' } };

describe('ShareGPTDataset through the CLI', () => {
  it.each([
    ['conversations', 'vp.json'],
    ['messages', 'vp.json'],
    ['messages', 'vp.jsonl'],
    ['conversations', 'vp.jsonl'],
  ] as const)('%s style in %s: every metric from the stored replies', async (style, name) => {
    const dir = await tempDir();
    const file = await writeDataset(dir, name, style);
    const res = await runDataset(dir, 'VP', { class: 'ShareGPTDataset', path: file, media_dir: 'media' }, [], MIXED);
    expect(res.code, res.stderr).toBe(0);
    const { records, summary } = await outputs(res.work, 'VP');
    expect(records).toHaveLength(CASES.length);
    const rows = records.map((r) => ({ r, c: CASES[Number(r.index)] as Case }));
    for (const { r, c } of rows) {
      expect(r.answer).toBe(c.key);
      expect(r.fields['scoring']).toBe(c.form);
    }
    const hits = (form?: string): number => mean(rows.filter(({ c }) => form === undefined || c.form === form).map(({ r, c }) => (hit(c, r.prediction) ? 1 : 0)));
    expectMetrics(summary.metrics['sharegpt'], { Overall: hits(), 'answer-tag': hits('answer-tag'), 'exact-match': hits('exact-match'), 'option-letter': hits('option-letter') });
    const rewards = rows.map(({ r, c }) => reward(r.prediction, c.rewardTruth));
    expectMetrics(summary.metrics['actial-accuracy'], { accuracy: mean(rewards.map((x) => x.accuracy)) });
    expectMetrics(summary.metrics['actial-format'], { format: mean(rewards.map((x) => x.format)) });
    expectMetrics(summary.metrics['actial-reward'], { reward: mean(rewards.map((x) => 0.5 * x.accuracy + 0.5 * x.format)) });
    // The mixed styles must give both outcomes under each rule, or the checks above prove little.
    expect(new Set(rows.map(({ r, c }) => hit(c, r.prediction))).size).toBe(2);
    expect(new Set(rewards.map((x) => x.format)).size).toBe(2);
  });
});

// ----------------------------------------------------------- the request a record becomes

async function firstBodies(benchmark: Benchmark, file: string): Promise<ReturnType<typeof buildRequest>['body'][]> {
  const bodies = [];
  for await (const { sample } of streamSamples(benchmark, { files: [file], format: file.endsWith('.jsonl') ? 'jsonl' : 'json' })) {
    bodies.push(buildRequest(sample, { model: 'm', temperature: 0, max_tokens: 8, system_prompt: 'MODEL SYSTEM', extra: {} }).body);
  }
  return bodies;
}

const dataUrl = (bytes: Buffer, mime: string): string => `data:${mime};base64,${bytes.toString('base64')}`;

describe('the chat request of a record', () => {
  it('earlier turns as messages, the record system replacing the model one, images in mark order', async () => {
    const dir = await tempDir();
    const file = await writeDataset(dir, 'vp.json', 'conversations');
    const configured = shareGpt.configure?.({ class: 'ShareGPTDataset', media_dir: join(dir, 'media') }, { name: 'VP', configDir: dir }) as Benchmark;
    const bodies = await firstBodies(configured, file);
    const png = dataUrl(TINY_PNG, 'image/png');
    const jpeg4 = dataUrl(await readFile(join(dir, 'media', 'scene4', 'view1.jpg')), 'image/jpeg');
    expect(bodies[4]?.messages).toEqual([
      { role: 'system', content: 'MODEL SYSTEM' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: png } }, { type: 'text', text: 'Describe the room (scene 4).' }] },
      { role: 'assistant', content: 'A kitchen with a table.' },
      { role: 'user', content: [{ type: 'text', text: 'Is the table (A) left of the chair or (B) right of it? ' }, { type: 'image_url', image_url: { url: jpeg4 } }] },
    ]);
    expect(bodies[1]?.messages[0]).toEqual({ role: 'system', content: 'You are a careful observer.' });
    expect(bodies[2]?.messages[0]).toEqual({ role: 'system', content: 'Think, then answer.' });
    const jpeg0 = dataUrl(await readFile(join(dir, 'media', 'scene0', 'view1.jpg')), 'image/jpeg');
    expect(bodies[0]?.messages[1]?.content).toEqual([
      { type: 'image_url', image_url: { url: png } },
      { type: 'image_url', image_url: { url: jpeg0 } },
      { type: 'text', text: VIEWPOINT(0).replace('<image><image>', '') },
    ]);
  });

  it('image paths are taken next to the data file when no media_dir is set', async () => {
    const dir = await tempDir();
    await writeImages(dir, [CASES[3]?.item as ShareGptItem]);
    const file = join(dir, 'one.jsonl');
    await writeShareGpt(file, [CASES[3]?.item as ShareGptItem], 'messages');
    const bodies = await firstBodies(shareGpt, file);
    expect(bodies[0]?.messages.at(-1)?.content).toContainEqual({ type: 'image_url', image_url: { url: dataUrl(TINY_PNG, 'image/png') } });
  });
});

// ----------------------------------------------------------- bad input

describe('bad ShareGPT input: one line naming the file, the record and what was expected', () => {
  async function refused(records: readonly unknown[], entry: Record<string, unknown> = {}): Promise<{ res: Awaited<ReturnType<typeof runDataset>>; file: string }> {
    const dir = await tempDir();
    await writeImages(join(dir, 'media'), [{ turns: [], images: ['x.png', 'y.png'] }]);
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify(records));
    return { res: await runDataset(dir, 'BAD', { class: 'ShareGPTDataset', path: file, media_dir: 'media', ...entry }, [], MIXED), file };
  }
  const good = { conversations: [{ from: 'human', value: '<image>Q?' }, { from: 'gpt', value: 'A' }], images: ['x.png'] };

  it.each([
    ['more images than marks', { ...good, images: ['x.png', 'y.png'] }, [/bad\.json \(row 2, column 'images'\)/, /2 image\(s\) in 'images' but 1 <image> mark\(s\) in 'conversations'/]],
    ['more marks than images', { ...good, images: [] }, [/row 2/, /0 image\(s\) in 'images' but 1 <image> mark/]],
    ['a missing image file', { ...good, images: ['nope.png'] }, [/row 2, column 'images'/, /image 1 'nope\.png' not found/]],
    ['a conversation ending with the user', { conversations: [{ from: 'human', value: 'Q?' }] }, [/row 2, column 'conversations'/, /last turn to be an assistant turn/]],
    ['an unknown role', { conversations: [{ from: 'bot', value: 'Q?' }, { from: 'gpt', value: 'A' }] }, [/row 2/, /turn 1: 'from' is "bot"; expected one of human/]],
    ['turns that do not alternate', { messages: [{ role: 'user', content: 'Q' }, { role: 'user', content: 'Q2' }, { role: 'assistant', content: 'A' }] }, [/row 2, column 'messages'/, /turn 2 of the dialogue is a user turn/]],
    ['no conversation at all', { question: 'Q?' }, [/row 2, column 'conversations'/, /the record has question/]],
    ['an image URL', { ...good, images: ['https://example.org/x.png'] }, [/is a URL; expected a file path/]],
  ])('%s', async (_what, record, patterns) => {
    const { res } = await refused([good, record]);
    expectDataError(res, patterns);
  });

  it('an unknown entry key is named', async () => {
    const { res } = await refused([good], { media: 'x' });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/dataset 'BAD': unknown key\(s\) "media"; a ShareGPTDataset entry takes "path" and optionally "media_dir"/);
  });
});
