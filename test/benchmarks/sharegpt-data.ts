/**
 * Training-data files in their real schemas, written by the tests: LLaMA-Factory ShareGPT (a JSON
 * array or JSONL; `messages` {role, content} or `conversations` {from, value}; `images` paths) and
 * verl RL Parquet (`data_source`, `prompt` list<struct{content, role}>, `images`
 * list<struct{bytes, path}>, `ability`, `reward_model` struct{ground_truth, style}, `extra_info`
 * struct{answer, index, question, split}), as verl's examples/data_preprocess/geo3k.py writes it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { struct, VERL_FIELDS, writeParquetGroups, type ParquetRowValues } from '../../bench/synthetic-parquet.js';
import { paddedJpeg, TINY_PNG } from '../../bench/synthetic.js';

export { struct, VERL_FIELDS };

export interface VerlItem {
  readonly source: string;
  readonly messages: readonly { readonly role: string; readonly content: string }[];
  readonly images: readonly Buffer[];
  readonly truth: string;
}

export function verlRow(it: VerlItem, i: number): ParquetRowValues {
  const question = it.messages.at(-1)?.content ?? '';
  return {
    data_source: it.source,
    prompt: it.messages.map((m) => ({ content: m.content, role: m.role })),
    images: it.images.map((bytes) => ({ bytes, path: null })),
    ability: 'spatial',
    reward_model: { ground_truth: it.truth, style: 'rule' },
    extra_info: { answer: it.truth, index: BigInt(i), question, split: 'test' },
  };
}

/** Writes the items, `perGroup` rows to a row group. */
export async function writeVerl(file: string, items: readonly VerlItem[], perGroup = 3): Promise<void> {
  const rows = items.map(verlRow);
  const groups: ParquetRowValues[][] = [];
  for (let i = 0; i < rows.length; i += perGroup) groups.push(rows.slice(i, i + perGroup));
  await mkdir(dirname(file), { recursive: true });
  await writeParquetGroups(file, { fields: VERL_FIELDS }, groups);
}

/** The picture a verl test row carries: distinct bytes per row and position. */
export const verlImage = (i: number, k: number): Buffer => (k === 0 && i % 2 === 0 ? TINY_PNG : paddedJpeg(900, `verl ${i}.${k}`));

export interface Turn {
  readonly role: 'system' | 'user' | 'assistant';
  readonly text: string;
}

export interface ShareGptItem {
  readonly turns: readonly Turn[];
  /** Image files, relative to the media folder. */
  readonly images: readonly string[];
  /** A `system` field beside the turns. */
  readonly system?: string;
}

export type Style = 'messages' | 'conversations';

const CONVERSATION_ROLES = { system: 'system', user: 'human', assistant: 'gpt' } as const;

export function shareGptRecord(it: ShareGptItem, style: Style): Record<string, unknown> {
  const turns = style === 'messages'
    ? it.turns.map((t) => ({ role: t.role, content: t.text }))
    : it.turns.map((t) => ({ from: CONVERSATION_ROLES[t.role], value: t.text }));
  return { [style]: turns, images: it.images, ...(it.system !== undefined ? { system: it.system } : {}) };
}

/** A JSON array as LLaMA-Factory users write it (indented, as json.dump(indent=2) does), or JSONL. */
export async function writeShareGpt(file: string, items: readonly ShareGptItem[], style: Style): Promise<void> {
  const records = items.map((it) => shareGptRecord(it, style));
  const text = file.endsWith('.jsonl') ? `${records.map((r) => JSON.stringify(r)).join('\n')}\n` : JSON.stringify(records, null, 2);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

/** Writes the image files the items name below `dir`. */
export async function writeImages(dir: string, items: readonly ShareGptItem[]): Promise<void> {
  for (const [i, it] of items.entries()) {
    for (const [k, name] of it.images.entries()) {
      const file = join(dir, name);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, k === 0 ? TINY_PNG : paddedJpeg(700, `sharegpt ${i}.${k}`));
    }
  }
}
