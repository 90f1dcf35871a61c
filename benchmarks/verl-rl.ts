import { z } from 'zod';
import type { DataRow, Sample } from '../src/core/types.js';
import { DataError, InputError } from '../src/core/errors.js';
import type { Benchmark, EntrySite } from '../src/benchmark/types.js';
import { actialRewardProtocols } from '../src/benchmark/actial-reward.js';
import { chatPrompt, checkImageCount, countImageMarks, type ChatTurn, type RecordSite } from '../src/benchmark/chat-messages.js';

/**
 * verl RL Parquet (`"class": "VerlRLDataset"`): the files a verl GRPO/PPO run trains and
 * validates on, as Actial's RL stage used them (INno0o/SAT: `train-*.parquet`, `test.parquet`).
 * The columns are verl's (verl/utils/dataset/rl_dataset.py, verl/trainer/config/ppo_trainer.yaml,
 * verl/workers/reward_manager/naive.py, all in warmsnow-sh/Actial@32f46c31): `data_source` (the
 * reward function's key), `prompt` (a list of {role, content} chat messages), `images` (a list of
 * HF image structs {bytes, path}), `reward_model` {ground_truth, style}, `extra_info`.
 *
 * The request is what the trainer builds: RLHFDataset._build_messages splits each message's
 * content at `<image>` into image and text parts (the images bound in order) and, with
 * `data.system_prompt` set, puts a system message first; the entry's `"system_prompt"` is that
 * option. Images go as their stored bytes (verl's process_image shrinks them to 960×540 pixels of
 * area first; the server's processor resizes instead). Scored with Actial's reward
 * (reward_custom.compute_score) on the ground truth: its accuracy half is the primary number, the
 * reward and the format half beside it, each per `data_source`.
 */

const TYPE = 'data_source';

const messageSchema = z.object({ role: z.enum(['system', 'user', 'assistant']), content: z.string() });
const promptSchema = z.array(messageSchema).min(1);
const rewardModelSchema = z.object({ ground_truth: z.string(), style: z.string().nullish() });

const entrySchema = z.strictObject({
  class: z.string(),
  dataset: z.string().optional(),
  path: z.string().optional(),
  extract: z.string().optional(),
  system_prompt: z.string().optional(),
});

function parsed<T>(row: DataRow, column: string, schema: z.ZodType<T>, expected: string): T {
  const result = schema.safeParse(row.value?.(column));
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const at = issue === undefined || issue.path.length === 0 ? '' : ` (at ${issue.path.join('.')}: ${issue.message})`;
  throw new DataError(row.file, { row: row.rowNumber, column }, `expected ${expected}${at}`);
}

function rowSample(systemPrompt: string | undefined): (row: DataRow) => Promise<Sample> {
  return async (row) => {
    const messages = parsed(row, 'prompt', promptSchema, 'a list of {role: system|user|assistant, content: string} messages');
    const truth = parsed(row, 'reward_model', rewardModelSchema, 'a struct {ground_truth: string, style}').ground_truth;
    const source = row.get(TYPE) ?? '';
    const site: RecordSite = { file: row.file, row: row.rowNumber, field: 'prompt', imagesField: 'images' };
    if (messages.some((m) => m.content.includes('<video>'))) {
      throw new DataError(row.file, { row: row.rowNumber, column: 'prompt' }, 'a <video> mark; expected images only (video prompts are not supported)');
    }
    if (systemPrompt !== undefined && messages[0]?.role === 'system') {
      throw new DataError(row.file, { row: row.rowNumber, column: 'prompt' }, 'the prompt has its own system message and the entry sets "system_prompt"; expected one of the two');
    }
    const turns: ChatTurn[] = [...(systemPrompt !== undefined ? [{ role: 'system' as const, text: systemPrompt }] : []), ...messages.map((m) => ({ role: m.role, text: m.content }))];
    const images = await row.images();
    checkImageCount(site, countImageMarks(turns), images.length);
    const { parts, conversation } = chatPrompt(site, turns, images);
    return { index: String(row.rowNumber - 1), parts, choices: [], answer: truth, fields: { [TYPE]: source }, ...(conversation !== undefined ? { conversation } : {}) };
  };
}

function configure(entry: Readonly<Record<string, unknown>>, where: EntrySite): Benchmark {
  const result = entrySchema.safeParse(entry);
  if (!result.success) {
    const issue = result.error.issues[0];
    const keys = issue?.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : `${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`;
    throw new InputError(`dataset '${where.name}': ${keys}; a VerlRLDataset entry takes "path" and optionally "system_prompt" (verl's data.system_prompt) and "extract"`);
  }
  const system = result.data.system_prompt;
  return { ...verlRl, parquet: { ...PARQUET, toSample: rowSample(system) } };
}

const PARQUET = {
  toSample: rowSample(undefined),
  imageColumns: ['images'],
  requiredColumns: ['prompt', 'reward_model', TYPE],
  // A folder of INno0o/SAT-style files: its held-out split only, one file (row numbers are the index).
  files: /^test\.parquet$/,
};

export const verlRl: Benchmark = {
  id: 'verl-rl',
  title: "verl RL Parquet (a GRPO/PPO run's data; Actial's reward beside its accuracy)",
  dataClasses: ['VerlRLDataset'],
  datasetNames: [],
  fileForms: ['verl RL Parquet ("path": a .parquet file, or a folder holding test.parquet), e.g. INno0o/SAT test.parquet'],
  parquet: PARQUET,
  configure,
  protocols: actialRewardProtocols(TYPE, ['primary']),
};
