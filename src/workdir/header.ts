/**
 * `M/M_D.meta.json`: the run header. Written when inference starts (and again with `dataset_rows`
 * once the dataset was streamed whole), by `merge` for a merged store, and by scoring when the
 * score file's format changes. It holds what evaluation cannot learn from the records, and the
 * format of each JSONL file beside it (JSONL lines carry no version of their own).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { parseJsonText, parseWith, WorkDirError } from './errors.js';
import { writeAtomic } from './atomic.js';
import { JUDGE_CACHE_FORMAT } from './judge-cache.js';
import { PREDICTIONS_FORMAT } from './records.js';
import { SCORES_FORMAT, SCORES_FORMAT_V1 } from './scores.js';
import type { DeepReadonly } from './readonly.js';

export const RUN_HEADER_SCHEMA = 'actial-eval/run-header@2';

export const shardSetSchema = z
  .strictObject({
    shards: z.array(z.number().int().min(1)).min(1).describe('the shards held (1-based)'),
    of: z.number().int().min(1).describe('how many shards the dataset was split into'),
  })
  .refine((s) => s.shards.every((i) => i <= s.of), { message: 'every shard must be at most `of`', path: ['shards'] });

/** Which shards of `of` a store holds: one for a `--shard` run, several for a `merge --allow-missing`. */
export type ShardSet = DeepReadonly<z.infer<typeof shardSetSchema>>;

const formatsSchema = z.strictObject({
  predictions: z.literal(PREDICTIONS_FORMAT, { error: `expected "${PREDICTIONS_FORMAT}" (a newer format needs a newer actial-eval)` }).describe('format of `M_D.jsonl`'),
  scores: z.enum([SCORES_FORMAT, SCORES_FORMAT_V1], { error: `expected "${SCORES_FORMAT}" or "${SCORES_FORMAT_V1}" (a newer format needs a newer actial-eval)` }).describe('format of `M_D_score.jsonl` (rewritten by every scoring)'),
  judge: z.literal(JUDGE_CACHE_FORMAT, { error: `expected "${JUDGE_CACHE_FORMAT}" (a newer format needs a newer actial-eval)` }).describe('format of `M_D_judge.jsonl`'),
});

const configHash = z.string().describe('hash of the config the run was started with');

/** What versions 1 and 2 share after `dataset_file`, in file order. */
const runFields = {
  dataset_fingerprint: z.string().describe('sha256 over the data files\' sizes, first and last 4 MiB'),
  settings: z.record(z.string(), z.unknown()).describe('every sampling setting sent with each request (model, temperature, max_tokens, system_prompt, extra payload keys)'),
  endpoint_model: z.string().describe('the model id the endpoint serves'),
  benchmark: z.string().describe('benchmark id (see `actial-eval list`): enough to re-score without the config'),
  dataset_name: z.string().describe("the dataset's name (the config entry's `dataset`)"),
  circular: z.boolean().describe('scored as circular (rotations of a question count together)'),
  extract: z.string().nullable().describe('the extraction pipeline the config named, or null for the benchmark\'s own'),
  prompt_builder: z
    .string()
    .optional()
    .describe("who built the prompts: `dataset`, or a model-side builder such as `qwen2vl-mixin/mcq` (VLMEvalKit's Qwen2-VL classes); absent in headers written before it was recorded"),
  shard: shardSetSchema.optional().describe('present when the store holds only some shards of the dataset (`--shard`, `merge --allow-missing`)'),
  dataset_rows: z.number().int().min(0).optional().describe('rows of the dataset (of the shard), known once a run streamed all of it'),
  video: z
    .strictObject({
      sampling: z.string().describe('frame indices: `uniform_tail:<n>` (VLMEvalKit), `linspace:<n>` (lmms-eval), `fps:<k>` (VLMEvalKit\'s fps mode), `fps_no_tail:<k>` (SiteBenchVideo\'s)'),
      send: z.enum(['frames', 'video_url']).describe('`frames`: sampled frames as JPEG images; `video_url`: the video itself, the server samples'),
      max_side: z.number().int().nullable().describe('frames scaled to fit this many pixels, or null for as decoded'),
      ffmpeg: z.string().describe('the ffmpeg version that extracted the frames'),
    })
    .optional()
    .describe('present for a dataset whose rows name videos: how their frames were taken'),
};

export const runHeaderSchema = z.strictObject({
  schema: z.literal(RUN_HEADER_SCHEMA).describe('version of this file'),
  formats: formatsSchema.describe('format of each JSONL file of the pair'),
  config_hash: configHash,
  dataset_file: z.array(z.string()).min(1).describe('the data file(s) the run read (several for a multi-file Parquet dataset)'),
  ...runFields,
});

/** Headers written before `schema` existed: version 1, `dataset_file` a ', '-joined string. */
const runHeaderV1Schema = z.strictObject({
  config_hash: configHash,
  dataset_file: z.string(),
  ...runFields,
});

export type RunHeader = DeepReadonly<z.infer<typeof runHeaderSchema>>;

/** The formats this version writes: what a new header names. */
export const CURRENT_FORMATS: RunHeader['formats'] = { predictions: PREDICTIONS_FORMAT, scores: SCORES_FORMAT, judge: JUDGE_CACHE_FORMAT };

/** Formats of the files beside a version-1 header (or no header): those of the code that wrote it. */
const V1_FORMATS: RunHeader['formats'] = { predictions: PREDICTIONS_FORMAT, scores: SCORES_FORMAT_V1, judge: JUDGE_CACHE_FORMAT };

export function parseRunHeader(value: unknown, file: string): RunHeader {
  const version = value !== null && typeof value === 'object' && 'schema' in value ? value.schema : undefined;
  if (version === undefined) {
    const v1 = parseWith(runHeaderV1Schema, value, file);
    return { schema: RUN_HEADER_SCHEMA, formats: V1_FORMATS, ...v1, dataset_file: joinedFileList(v1.dataset_file) };
  }
  if (version !== RUN_HEADER_SCHEMA) {
    throw new WorkDirError(`${file}: field 'schema': ${JSON.stringify(version)} is not a run header this actial-eval reads (it reads "${RUN_HEADER_SCHEMA}", and headers without "schema"); written by a newer version?`);
  }
  return parseWith(runHeaderSchema, value, file);
}

/**
 * Version 1 joined several files with ', ' (a Parquet download); a single path may contain ', '
 * too, so a path that exists as written is one file.
 */
export function joinedFileList(text: string): string[] {
  return existsSync(text) ? [text] : text.split(', ');
}

/** The header, or undefined when there is none (a store without header: predictions copied in). */
export async function readRunHeaderIfAny(file: string): Promise<RunHeader | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  return parseRunHeader(parseJsonText(text, file), file);
}

export async function readRunHeader(file: string): Promise<RunHeader> {
  const header = await readRunHeaderIfAny(file);
  if (header === undefined) throw new WorkDirError(`${file}: no run header`);
  return header;
}

/** The file's text: keys in a fixed order, so equal headers are equal bytes (a merge's and an unsharded run's). */
export function runHeaderJson(h: RunHeader): string {
  const ordered: RunHeader = {
    schema: RUN_HEADER_SCHEMA,
    formats: { predictions: h.formats.predictions, scores: h.formats.scores, judge: h.formats.judge },
    config_hash: h.config_hash,
    dataset_file: h.dataset_file,
    dataset_fingerprint: h.dataset_fingerprint,
    settings: h.settings,
    endpoint_model: h.endpoint_model,
    benchmark: h.benchmark,
    dataset_name: h.dataset_name,
    circular: h.circular,
    extract: h.extract,
    ...(h.prompt_builder !== undefined ? { prompt_builder: h.prompt_builder } : {}),
    ...(h.shard !== undefined ? { shard: { shards: h.shard.shards, of: h.shard.of } } : {}),
    ...(h.dataset_rows !== undefined ? { dataset_rows: h.dataset_rows } : {}),
    ...(h.video !== undefined ? { video: { sampling: h.video.sampling, send: h.video.send, max_side: h.video.max_side, ffmpeg: h.video.ffmpeg } } : {}),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export async function writeRunHeader(file: string, header: RunHeader): Promise<void> {
  await writeAtomic(file, runHeaderJson(header));
}

/**
 * The formats a rewritten header names: today's for the files this version appends to, and the
 * stored header's for the score file, which stays as it is until the next scoring rewrites it.
 */
export function formatsAfter(previous: RunHeader | undefined): RunHeader['formats'] {
  return { ...CURRENT_FORMATS, scores: previous?.formats.scores ?? CURRENT_FORMATS.scores };
}

/** The score file's format beside a header (a pair without header was scored by this version). */
export function scoresFormatOf(header: RunHeader | undefined): RunHeader['formats']['scores'] {
  return header?.formats.scores ?? SCORES_FORMAT;
}
