import { z } from 'zod';

/**
 * The VLMEvalKit-shaped config: `{"model": {name: {class, ...}}, "data": {name: {class, dataset, ...}}}`.
 * Model and data entries keep unknown keys: VLMEvalKit copies extra model keys into the request payload,
 * so they are meaningful, not typos. The top level is strict.
 */

/** Output names key files on disk, so they must be safe file-name parts. */
export const outputName = z
  .string()
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/, 'names may use letters, digits, _ . + - and must not start with . or -')
  .max(120);

export const mockSettingsSchema = z
  .object({
    accuracy: z.number().min(0).max(1).optional(),
    style: z.enum(['letter', 'paren', 'sentence', 'think', 'option', 'prose', 'mixed']).optional(),
    seed: z.number().int().optional(),
    latency_ms: z.number().min(0).optional(),
    fail_rate: z.number().min(0).max(1).optional(),
    fail_status: z.number().int().min(400).max(599).optional(),
    flaky_rate: z.number().min(0).max(1).optional(),
    reasoning: z.boolean().optional(),
  })
  .strict();

/**
 * A vLLM server actial-eval starts for the model and stops afterwards (src/serve). `{port}` in
 * `command`, `env` values and the model's `api_base`/`base_url` is the server's port: `port` when set
 * (0 = a free one picked at start), else the port of the model's URL.
 */
export const serveSchema = z
  .object({
    command: z.array(z.string().min(1)).min(1, 'the command and its arguments, e.g. ["vllm", "serve", "Qwen/Qwen2.5-VL-7B-Instruct", "--port", "{port}"]'),
    env: z.record(z.string(), z.string()).optional(),
    port: z.number().int().min(0).max(65535).optional(),
    ready_timeout_s: z.number().positive().optional(),
    stop_timeout_s: z.number().min(0).optional(),
  })
  .strict();

/** One server of a model's endpoint pool (`"endpoints": [...]`); key defaults to the model's. */
export const endpointEntrySchema = z
  .object({
    api_base: z.string().min(1),
    key: z.string().optional(),
    api_key: z.string().optional(),
    /** Most requests in flight to this server; default the model's api_nproc / --api-nproc. */
    max_concurrency: z.number().int().positive().max(4096).optional(),
  })
  .strict();

export const modelEntrySchema = z.looseObject({
  class: z.string().min(1),
  model: z.string().min(1).optional(),
  /** One URL, or several servers of the same model sharing one work queue. */
  api_base: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  endpoints: z.array(endpointEntrySchema).min(1).optional(),
  /** "auto": each endpoint's concurrency follows its latency (src/endpoint/adaptive.ts), up to its maximum. */
  concurrency: z.literal('auto').optional(),
  /** "image-affinity": requests with the same images prefer one server, so vLLM's prefix cache hits. */
  routing: z.enum(['least-busy', 'image-affinity']).optional(),
  /** Seconds requests wait for an endpoint to recover when every endpoint is down (default 300). */
  endpoint_wait: z.number().min(0).max(86_400).optional(),
  base_url: z.string().min(1).optional(),
  key: z.string().optional(),
  api_key: z.string().optional(),
  model_name: z.string().min(1).optional(),
  temperature: z.number().min(0).max(2).optional(),
  /** "auto": not sent, so vLLM generates up to its context (max_model_len − prompt tokens). */
  max_tokens: z.union([z.number().int().positive(), z.literal('auto')]).optional(),
  max_new_tokens: z.number().int().positive().optional(),
  timeout: z.number().positive().optional(),
  retry: z.number().int().min(0).max(100).optional(),
  wait: z.number().min(0).optional(),
  system_prompt: z.string().optional(),
  img_size: z.number().int().optional(),
  img_detail: z.enum(['low', 'high']).optional(),
  post_process: z.boolean().optional(),
  verbose: z.boolean().optional(),
  api_nproc: z.number().int().positive().max(4096).optional(),
  mock: mockSettingsSchema.optional(),
  serve: serveSchema.optional(),
  /** "file": images as file:// URLs to copies in `media_dir` (src/config/images.ts), not base64 in the body. */
  image_transport: z.enum(['base64', 'file']).optional(),
  media_dir: z.string().min(1).optional(),
});

/** A data entry's `"video"`: the frame sampling (default: the benchmark's for the dataset name) and how frames travel. */
export const videoEntrySchema = z.strictObject({
  /** `uniform_tail` (VLMEvalKit), `linspace` (lmms-eval), `fps` (VLMEvalKit's fps mode), `fps_no_tail` (SiteBenchVideo's). */
  frames: z.enum(['uniform_tail', 'linspace', 'fps', 'fps_no_tail']).optional(),
  nframe: z.number().int().min(1).max(4096).optional(),
  fps: z.number().positive().max(240).optional(),
  /** `frames`: the sampled frames as images; `video_url`: the video itself, for servers that sample frames (vLLM). */
  send: z.enum(['frames', 'video_url']).optional(),
  /** Frames scaled to fit this many pixels on their longer side (default: as decoded). */
  max_side: z.number().int().min(16).max(16384).optional(),
  /** The folder the rows' video paths are relative to (default: the data file's folder). */
  root: z.string().min(1).optional(),
  /** Where extracted frames are kept (default `$LMUData/video-frames`). */
  cache_dir: z.string().min(1).optional(),
});

export const dataEntrySchema = z.looseObject({
  class: z.string().min(1),
  // It names `$LMUData/<dataset>.tsv`, which a download writes: no path separators, no `..`.
  dataset: outputName.optional(),
  path: z.string().min(1).optional(),
  /**
   * Another extraction pipeline to report beside the benchmark's protocols: any registered one
   * (`actial-eval list --pipelines`); checked when the dataset is resolved.
   */
  extract: z.string().min(1).optional(),
  /** How a video benchmark's frames are taken and sent (src/config/video.ts, docs/video.md). */
  video: videoEntrySchema.optional(),
});

/**
 * The LLM judge for answers no extraction rule decides: any OpenAI-compatible endpoint. Also the
 * shape of `--judge-args` (VLMEvalKit's JSON of judge settings).
 */
export const judgeEntrySchema = z
  .object({
    model: z.string().min(1).optional(),
    /** One URL, or several servers of the judge model sharing one work queue (src/endpoint/pool). */
    api_base: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    key: z.string().optional(),
    api_key: z.string().optional(),
    /** Most judge requests in flight per endpoint (the ceiling with "concurrency": "auto"). */
    api_nproc: z.number().int().positive().max(4096).optional(),
    concurrency: z.literal('auto').optional(),
    max_tokens: z.number().int().positive().optional(),
    timeout: z.number().positive().optional(),
    retry: z.number().int().min(1).max(100).optional(),
  })
  .strict();

export const configSchema = z
  .object({
    // An editor's pointer to schema/config.schema.json (`actial-eval schema`); read by nobody else.
    // VLMEvalKit reads only "model" and "data", so such a config still runs there unchanged.
    $schema: z.string().optional().describe('the JSON Schema editors check this file against, e.g. "./schema/config.schema.json"'),
    model: z.record(outputName, modelEntrySchema).refine((m) => Object.keys(m).length > 0, 'at least one model'),
    data: z.record(outputName, dataEntrySchema).refine((d) => Object.keys(d).length > 0, 'at least one dataset'),
    judge: judgeEntrySchema.optional(),
  })
  .strict();

export type ModelEntry = z.infer<typeof modelEntrySchema>;
export type EndpointEntry = z.infer<typeof endpointEntrySchema>;
export type DataEntry = z.infer<typeof dataEntrySchema>;
export type MockSettings = z.infer<typeof mockSettingsSchema>;
export type ServeEntry = z.infer<typeof serveSchema>;
export type JudgeEntry = z.infer<typeof judgeEntrySchema>;
export type RawConfig = z.infer<typeof configSchema>;
