import { readFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import type { DataRow, ImageBytes, Sample } from '../src/core/types.js';
import { DataError, InputError } from '../src/core/errors.js';
import type { Benchmark, EntrySite } from '../src/benchmark/types.js';
import { actialRewardProtocols, REWARD_TRUTH } from '../src/benchmark/actial-reward.js';
import { chatPrompt, checkImageCount, countImageMarks, type ChatTurn, type RecordSite } from '../src/benchmark/chat-messages.js';
import { goldKey, SCORING_FIELD, SHAREGPT_PIPELINE } from '../src/extract/sharegpt.js';
import { sniffImageMime } from '../src/data/mime.js';

/**
 * LLaMA-Factory datasets in the `sharegpt` formatting (`"class": "ShareGPTDataset"`): a JSON array
 * or JSONL of records, each a conversation plus an `images` list of paths, as LLaMA-Factory's
 * data/README describes and its SharegptDatasetConverter reads them. Both styles are read, chosen
 * per record unless the entry's `"columns"`/`"tags"` (dataset_info.json's) say otherwise:
 * `conversations` of {from: human|gpt|system|observation|function_call, value} (LLaMA-Factory's
 * defaults) and `messages` of {role: user|assistant|system|…, content} (the OpenAI-like tags).
 * A first system turn, or the record's `system`, is the system message. `<image>` marks are bound
 * in order to `images` (a count mismatch is an error, as LLaMA-Factory's mm_plugin raises); paths
 * are taken in the entry's `"media_dir"` (LLaMA-Factory's media_dir), else next to the file.
 *
 * The last assistant turn is the gold; the turns before it are the prompt (earlier turns sent as
 * chat messages). Protocols: `sharegpt` (primary: each row by its gold's form, src/extract/
 * sharegpt.ts, with the per-form accuracies), then Actial's reward on the same replies.
 */

const tagsSchema = z.strictObject({
  role_tag: z.string().optional(),
  content_tag: z.string().optional(),
  user_tag: z.string().optional(),
  assistant_tag: z.string().optional(),
  observation_tag: z.string().optional(),
  function_tag: z.string().optional(),
  system_tag: z.string().optional(),
});
const columnsSchema = z.strictObject({ messages: z.string().optional(), system: z.string().optional(), images: z.string().optional() });

const entrySchema = z.strictObject({
  class: z.string(),
  dataset: z.string().optional(),
  path: z.string().optional(),
  extract: z.string().optional(),
  media_dir: z.string().min(1).optional(),
  columns: columnsSchema.optional(),
  tags: tagsSchema.optional(),
});

type Tags = Required<z.infer<typeof tagsSchema>>;

const CONVERSATIONS: Tags = { role_tag: 'from', content_tag: 'value', user_tag: 'human', assistant_tag: 'gpt', observation_tag: 'observation', function_tag: 'function_call', system_tag: 'system' };
const MESSAGES: Tags = { role_tag: 'role', content_tag: 'content', user_tag: 'user', assistant_tag: 'assistant', observation_tag: 'tool', function_tag: 'function', system_tag: 'system' };

interface Settings {
  readonly mediaDir: string | undefined;
  readonly columns: z.infer<typeof columnsSchema>;
  readonly tags: z.infer<typeof tagsSchema>;
}

/** The messages field and tags of one record: the entry's, else by which field the record has. */
function styleOf(row: DataRow, settings: Settings): { field: string; tags: Tags } {
  const field = settings.columns.messages ?? (row.value?.('messages') !== undefined ? 'messages' : 'conversations');
  const base = field === 'messages' ? MESSAGES : CONVERSATIONS;
  return { field, tags: { ...base, ...settings.tags } };
}

const turnList = z.array(z.record(z.string(), z.unknown())).min(1);

function readTurns(row: DataRow, field: string, tags: Tags): ChatTurn[] {
  const site = { row: row.rowNumber, column: field };
  const list = turnList.safeParse(row.value?.(field));
  if (!list.success) {
    throw new DataError(row.file, site, `expected a non-empty list of {${tags.role_tag}, ${tags.content_tag}} turns${row.value?.(field) === undefined ? ` (the record has ${row.columns.join(', ')})` : ''}`);
  }
  const roles: Readonly<Record<string, ChatTurn['role']>> = {
    [tags.user_tag]: 'user', [tags.observation_tag]: 'user', [tags.assistant_tag]: 'assistant', [tags.function_tag]: 'assistant', [tags.system_tag]: 'system',
  };
  return list.data.map((turn, i) => {
    const tag = turn[tags.role_tag];
    const text = turn[tags.content_tag];
    const role = typeof tag === 'string' ? roles[tag] : undefined;
    if (role === undefined) throw new DataError(row.file, site, `turn ${i + 1}: '${tags.role_tag}' is ${JSON.stringify(tag)}; expected one of ${Object.keys(roles).join(', ')}`);
    if (typeof text !== 'string') throw new DataError(row.file, site, `turn ${i + 1}: expected '${tags.content_tag}' to be a string`);
    return { role, text };
  });
}

/** A record's system message: its first turn when that is a system turn, else its `system` field. */
function withSystem(row: DataRow, turns: ChatTurn[], settings: Settings): ChatTurn[] {
  if (turns[0]?.role === 'system') return turns;
  const column = settings.columns.system ?? 'system';
  const system = row.value?.(column);
  if (system === undefined || system === null || system === '') return turns;
  if (typeof system !== 'string') throw new DataError(row.file, { row: row.rowNumber, column }, 'expected the system prompt as a string');
  return [{ role: 'system', text: system }, ...turns];
}

/** User and assistant turns alternate, as LLaMA-Factory requires (it drops records that break it). */
function checkAlternation(row: DataRow, field: string, turns: readonly ChatTurn[]): void {
  const dialogue = turns[0]?.role === 'system' ? turns.slice(1) : turns;
  dialogue.forEach((turn, i) => {
    const want = i % 2 === 0 ? 'user' : 'assistant';
    if (turn.role !== want) throw new DataError(row.file, { row: row.rowNumber, column: field }, `turn ${i + 1} of the dialogue is a ${turn.role} turn; expected ${want} and assistant turns to alternate, starting with a user turn`);
  });
  if (dialogue.at(-1)?.role !== 'assistant') {
    throw new DataError(row.file, { row: row.rowNumber, column: field }, 'expected the last turn to be an assistant turn (the gold answer)');
  }
}

const pathList = z.array(z.string().min(1));

async function readImages(row: DataRow, settings: Settings): Promise<{ column: string; images: ImageBytes[] }> {
  const column = settings.columns.images ?? 'images';
  const value = row.value?.(column);
  if (value === undefined || value === null) return { column, images: [] };
  const paths = pathList.safeParse(value);
  if (!paths.success) throw new DataError(row.file, { row: row.rowNumber, column }, 'expected a list of image file paths');
  const dir = settings.mediaDir ?? dirname(row.file);
  const images: ImageBytes[] = [];
  for (const [i, p] of paths.data.entries()) images.push(await imageFile(row, column, i, isAbsolute(p) ? p : join(dir, p), p));
  return { column, images };
}

async function imageFile(row: DataRow, column: string, i: number, full: string, given: string): Promise<ImageBytes> {
  const where = { row: row.rowNumber, column };
  if (/^[a-z]+:\/\//i.test(given)) throw new DataError(row.file, where, `image ${i + 1} '${given}' is a URL; expected a file path (download the images and set "media_dir")`);
  let data: Buffer;
  try {
    data = await readFile(full);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DataError(row.file, where, `image ${i + 1} '${given}' ${code === 'ENOENT' ? 'not found' : `unreadable (${code ?? String(err)})`} at ${full}; expected it below "media_dir" or next to the data file`);
  }
  const mime = sniffImageMime(data);
  if (mime === undefined) throw new DataError(row.file, where, `image ${i + 1} '${full}' is not a JPEG, PNG, GIF, WebP, BMP or TIFF image`);
  return { data, mime };
}

function recordSample(settings: Settings): (row: DataRow) => Promise<Sample> {
  return async (row) => {
    const { field, tags } = styleOf(row, settings);
    const turns = withSystem(row, readTurns(row, field, tags), settings);
    checkAlternation(row, field, turns);
    const gold = turns.at(-1) as ChatTurn;
    const prompt = turns.slice(0, -1);
    const { column, images } = await readImages(row, settings);
    const site: RecordSite = { file: row.file, row: row.rowNumber, field, imagesField: column };
    if (countImageMarks([gold]) > 0) throw new DataError(row.file, { row: row.rowNumber, column: field }, 'the gold (last assistant) turn holds <image>; expected images in user turns only');
    checkImageCount(site, countImageMarks(prompt), images.length);
    const { parts, conversation } = chatPrompt(site, prompt, images);
    const question = parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
    const key = goldKey(gold.text, question);
    const fields = { [SCORING_FIELD]: key.form, ...(key.rewardTruth !== key.answer ? { [REWARD_TRUTH]: key.rewardTruth } : {}) };
    return { index: String(row.rowNumber - 1), parts, choices: key.choices, answer: key.answer, fields, ...(conversation !== undefined ? { conversation } : {}) };
  };
}

function configure(entry: Readonly<Record<string, unknown>>, where: EntrySite): Benchmark {
  const result = entrySchema.safeParse(entry);
  if (!result.success) {
    const issue = result.error.issues[0];
    const what = issue?.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : `"${issue?.path.join('.') ?? ''}": ${issue?.message ?? ''}`;
    throw new InputError(`dataset '${where.name}': ${what}; a ShareGPTDataset entry takes "path" and optionally "media_dir", "columns" {messages, system, images}, "tags" (LLaMA-Factory's dataset_info tags) and "extract"`);
  }
  const { media_dir: mediaDir, columns, tags } = result.data;
  const settings: Settings = { mediaDir: mediaDir === undefined ? undefined : resolve(where.configDir, mediaDir), columns: columns ?? {}, tags: tags ?? {} };
  return { ...shareGpt, records: { toSample: recordSample(settings) } };
}

export const shareGpt: Benchmark = {
  id: 'sharegpt',
  title: 'LLaMA-Factory ShareGPT dataset (an SFT set\'s held-out split; last assistant turn = gold)',
  dataClasses: ['ShareGPTDataset'],
  datasetNames: [],
  fileForms: ['LLaMA-Factory ShareGPT JSON array (.json) or JSONL (.jsonl), "messages" or "conversations" style, "path" to the file'],
  records: { toSample: recordSample({ mediaDir: undefined, columns: {}, tags: {} }) },
  configure,
  protocols: [
    {
      name: 'sharegpt',
      roles: ['primary'],
      extract: SHAREGPT_PIPELINE,
      grouping: { kind: 'row' },
      metrics: [{ kind: 'accuracy', name: 'Overall' }, { kind: 'per-value', field: SCORING_FIELD }],
      headline: 'Overall',
    },
    ...actialRewardProtocols(undefined, []),
  ],
};
