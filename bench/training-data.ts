/**
 * Figure 9: a checkpoint's own training-data formats at GB scale, streamed through the real readers
 * and benchmark modules (every record turned into a Sample and a request: `actial-eval answer-key`,
 * as figure 5): a LLaMA-Factory ShareGPT JSON (one top-level array, `conversations` style), a
 * ShareGPT JSONL (`messages` style), both with multi-turn CoT records and image paths, and a verl RL
 * Parquet (nested prompt structs, image bytes). Rows/s and peak RSS show whether memory stays flat.
 */
import { open, stat, writeFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { VERL_FIELDS, writeParquetGroups, type ParquetRowValues } from './synthetic-parquet.js';
import { paddedJpeg, TINY_PNG } from './synthetic.js';
import { flushToDisk } from './data.js';
import { runCli, type CliRun } from './proc.js';
import { fmt, type Row } from './table.js';

export interface TrainingDataContext {
  readonly newDir: (label: string) => Promise<string>;
  readonly rows: Row[];
}

const RSS_GOAL_KB = 300 * 1024;
/** A CoT target of this many characters makes a record of ~8 KB, as Gemini pseudo-CoT SFT records are. */
const COT_CHARS = 7_000;

function shareGptRecord(i: number, style: 'conversations' | 'messages'): string {
  const cot = `<think>${`Step ${i}: the background shifts while the object stays put, so the camera moved. `.repeat(Math.ceil(COT_CHARS / 80)).slice(0, COT_CHARS)}</think> <answer>${'ABC'[i % 3] ?? 'A'}</answer>`;
  const turns: readonly { readonly role: 'user' | 'assistant'; readonly text: string }[] = [
    { role: 'user', text: `<image>Describe the object (item ${i}).` },
    { role: 'assistant', text: 'A red mug on a wooden table, seen from the front.' },
    { role: 'user', text: `<image>The object did not move. From the camera's perspective, did the camera move? A: Move to the left B: Move to the right C: No movement Select the correct option, please output only the option letter! "quoted", [brackets], {braces}, back\\slash` },
    { role: 'assistant', text: cot },
  ];
  const from = { user: 'human', assistant: 'gpt' } as const;
  const list = turns.map((t) => (style === 'messages' ? { role: t.role, content: t.text } : { from: from[t.role], value: t.text }));
  return JSON.stringify({ [style]: list, images: ['media/view0.png', `media/view${1 + (i % 4)}.jpg`] });
}

/** Writes records until the file has `targetBytes`, a batch at a time (the writer's memory stays flat too). */
export async function writeShareGptFile(file: string, targetBytes: number, style: 'conversations' | 'messages', array: boolean): Promise<number> {
  const fh = await open(file, 'w');
  let bytes = 0;
  let n = 0;
  try {
    if (array) bytes += (await fh.write('[\n')).bytesWritten;
    while (bytes < targetBytes) {
      const batch: string[] = [];
      for (let k = 0; k < 256; k++) batch.push(shareGptRecord(n++, style));
      const text = array ? `${n > 256 ? ',\n' : ''}${batch.join(',\n')}` : `${batch.join('\n')}\n`;
      bytes += (await fh.write(text)).bytesWritten;
    }
    if (array) await fh.write('\n]\n');
  } finally {
    await fh.close();
  }
  return n;
}

export async function writeVerlFile(file: string, targetBytes: number, imageBytes: number): Promise<number> {
  const rows = Math.ceil(targetBytes / imageBytes);
  const perGroup = 128;
  async function* groups(): AsyncGenerator<ParquetRowValues[]> {
    for (let start = 0; start < rows; start += perGroup) {
      const group: ParquetRowValues[] = [];
      for (let i = start; i < Math.min(rows, start + perGroup); i++) {
        const question = `<image>Item ${i}: is the mug left of the laptop?\nA. left\nB. right`;
        group.push({
          data_source: i % 2 === 0 ? 'INno0o/SAT' : 'viewpoint',
          prompt: [{ content: question, role: 'user' }],
          images: [{ bytes: paddedJpeg(imageBytes, `verl ${i}`), path: null }],
          ability: 'spatial',
          reward_model: { ground_truth: 'AB'[i % 2] ?? 'A', style: 'rule' },
          extra_info: { answer: 'AB'[i % 2] ?? 'A', index: BigInt(i), question, split: 'test' },
        });
      }
      yield group;
    }
  }
  // Uncompressed, as figure 5: the padding of the synthetic JPEGs would compress to nothing.
  await writeParquetGroups(file, { fields: VERL_FIELDS, codec: 'UNCOMPRESSED' }, groups());
  return rows;
}

async function streamWithAnswerKey(dir: string, label: string, entry: Readonly<Record<string, unknown>>): Promise<CliRun> {
  const config = join(dir, `${label}-config.json`);
  await writeFile(config, JSON.stringify({
    model: { BenchModel: { class: 'GPT4V', model: 'x', api_base: 'http://127.0.0.1:9/v1/chat/completions' } },
    data: { [label]: entry },
  }));
  const run = await runCli({ args: ['answer-key', '--config', config, '--out', join(dir, `${label}-key.jsonl`)], probeFile: join(dir, `${label}-probe.json`), timeoutMs: 1_800_000 });
  if (run.code !== 0) throw new Error(`answer-key exited with ${run.code ?? run.signal}: ${run.stderr.slice(-2000)}`);
  return run;
}

function report(ctx: TrainingDataContext, what: string, fileBytes: number, n: number, run: CliRun): void {
  const rss = run.probe?.maxRssKb ?? run.polledHwmKb ?? 0;
  ctx.rows.push({
    figure: `10. stream a ${fmt.mb(fileBytes / 1024)} ${what}`,
    measured: `${fmt.n(Math.round(n / (run.wallMs / 1000)))} rows/s, peak RSS ${fmt.mb(rss)}`,
    goal: 'peak RSS flat (< 300 MB)',
    verdict: rss < RSS_GOAL_KB ? 'meets' : 'MISSES',
    notes: `every record read, its images loaded, built into a request (answer-key); ${fmt.n(n)} rows in ${fmt.ms(run.wallMs)}, CPU ${fmt.ms((run.probe?.userCpuMs ?? 0) + (run.probe?.systemCpuMs ?? 0))}`,
  });
}

export async function figureTrainingData(ctx: TrainingDataContext, sizes: { readonly bigTrainingBytes: number; readonly imageBytes: number }): Promise<void> {
  const dir = await ctx.newDir('training-data');
  await mkdir(join(dir, 'media'), { recursive: true });
  await writeFile(join(dir, 'media', 'view0.png'), TINY_PNG);
  for (let k = 1; k <= 4; k++) await writeFile(join(dir, 'media', `view${k}.jpg`), paddedJpeg(20_000, `view ${k}`));
  const forms = [
    { label: 'ShareGPT_json', file: 'sharegpt.json', style: 'conversations', array: true, what: 'ShareGPT JSON array (conversations, 8 KB CoT records)' },
    { label: 'ShareGPT_jsonl', file: 'sharegpt.jsonl', style: 'messages', array: false, what: 'ShareGPT JSONL (messages, 8 KB CoT records)' },
  ] as const;
  for (const f of forms) {
    const file = join(dir, f.file);
    const n = await writeShareGptFile(file, sizes.bigTrainingBytes, f.style, f.array);
    await flushToDisk(file);
    const run = await streamWithAnswerKey(dir, f.label, { class: 'ShareGPTDataset', path: file });
    report(ctx, f.what, (await stat(file)).size, n, run);
  }
  const parquet = join(dir, 'verl', 'test.parquet');
  await mkdir(join(dir, 'verl'), { recursive: true });
  const n = await writeVerlFile(parquet, sizes.bigTrainingBytes, sizes.imageBytes);
  await flushToDisk(parquet);
  const run = await streamWithAnswerKey(dir, 'verl_RL', { class: 'VerlRLDataset', path: parquet, system_prompt: 'You are Actial.' });
  report(ctx, `verl RL Parquet (nested prompt structs, ${fmt.n(sizes.imageBytes / 1000)} KB image bytes)`, (await stat(parquet)).size, n, run);
}
