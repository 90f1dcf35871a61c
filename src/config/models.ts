import type { GenerationSettings } from '../core/types.js';
import type { PromptPolicy } from '../prompt/index.js';
import { InputError } from '../core/errors.js';
import type { EndpointEntry, MockSettings, ModelEntry } from './schema.js';
import { resolveServe, serveSecrets, withServePort, type ServeSpec } from './serve.js';
import { resolveImageFiles, type ImageFiles } from './images.js';

/**
 * Model classes that talk to an OpenAI-compatible server, with VLMEvalKit's semantics:
 * where the endpoint comes from, which keys are settings and which go into the payload.
 */

export type EndpointSpec =
  | {
      readonly kind: 'http';
      /** OpenAI base URL (ends before /chat/completions). */
      readonly baseURL: string;
      readonly apiKey: string;
      /** Served model id; undefined = the first id from /v1/models. */
      readonly modelId: string | undefined;
      /** Every server of the model when the entry lists several (baseURL/apiKey are the first's). */
      readonly endpoints?: readonly EndpointTarget[];
    }
  | { readonly kind: 'mock'; readonly mock: MockSettings; readonly modelId: string };

/** One server of a model's endpoint pool. */
export interface EndpointTarget {
  readonly baseURL: string;
  readonly apiKey: string;
  /** Undefined = the model's concurrency. */
  readonly maxConcurrency: number | undefined;
}

/** How requests are spread over a model's endpoints (src/endpoint/pool). */
export interface PoolSettings {
  /** Concurrency per endpoint follows latency (`"concurrency": "auto"`), up to its maximum. */
  readonly adaptive: boolean;
  readonly routing: 'least-busy' | 'image-affinity';
  /** How long requests wait for a recovery when every endpoint is down. */
  readonly endpointWaitS: number;
}

export interface ResolvedModel {
  readonly name: string;
  readonly className: string;
  readonly endpoint: EndpointSpec;
  /** Settings without the model id, which may only be known after discovery. */
  readonly settings: Omit<GenerationSettings, 'model'>;
  readonly timeoutMs: number;
  /** Total tries per request (VLMEvalKit's `retry`). */
  readonly tries: number;
  /** Base of the exponential backoff, seconds (VLMEvalKit's `wait`). */
  readonly backoffS: number;
  /** `post_process`: ActialChat keeps the content of a single <answer>…</answer>, Qwen2VLChat the last \boxed{…}. */
  readonly postProcess: PostProcess;
  /** Who builds the prompt: the dataset, or (VLMEvalKit's Qwen2-VL classes) the model's mixin. */
  readonly promptPolicy: PromptPolicy;
  /**
   * Send every unset sampling setting with its neutral value (the default). Off for the classes
   * whose VLMEvalKit request is reproduced as sent: those send only their own keys, and vLLM fills
   * the rest from the checkpoint's generation_config, as it did for the published numbers.
   */
  readonly neutralSampling: boolean;
  readonly concurrency: number | undefined;
  readonly pool: PoolSettings;
  /** A server actial-eval starts before asking the model and stops afterwards (`"serve"`). */
  readonly serve?: ServeSpec | undefined;
  /** `"image_transport": "file"`: where image copies go; undefined = base64 in the body. */
  readonly imageFiles?: ImageFiles | undefined;
}

type Env = Readonly<Record<string, string | undefined>>;

/** An entry seen through its first endpoint: what the class rules below resolve. */
type SingleEntry = ModelEntry & { readonly api_base?: string };

export type PostProcess = 'answer-tag' | 'boxed' | 'none';

interface ClassSpec {
  readonly defaults: { temperature: number; max_tokens: number; timeout: number; retry: number; wait: number };
  readonly prompt: PromptPolicy;
  /** VLMEvalKit's request reproduced key for key (no neutral sampling values added). */
  readonly asSent: boolean;
  /** What `"post_process": true` means for the class. */
  readonly postProcess: PostProcess;
  /** Keys that configure the client (never sent in the payload). */
  readonly settingKeys: readonly string[];
  /** Keys that only mattered for in-process inference; accepted and ignored. */
  readonly ignoredKeys: readonly string[];
  readonly endpoint: (entry: SingleEntry, env: Env, name: string) => EndpointSpec;
  readonly imgDetail: (entry: ModelEntry) => 'low' | 'high' | undefined;
  readonly payloadDefaults: Readonly<Record<string, unknown>>;
}

const COMMON_KEYS = [
  'class', 'model', 'api_base', 'key', 'api_key', 'temperature', 'max_tokens', 'timeout', 'retry', 'wait',
  'system_prompt', 'img_size', 'img_detail', 'verbose', 'api_nproc', 'mock', 'serve',
  'endpoints', 'concurrency', 'routing', 'endpoint_wait', 'image_transport', 'media_dir',
];

const OPENAI_OFFICIAL = 'https://api.openai.com/v1/chat/completions';

/** VLMEvalKit posts to a full `/chat/completions` URL; we keep the base before it. */
export function toBaseURL(apiBase: string, where: string): string {
  let url: URL;
  try {
    url = new URL(apiBase);
  } catch {
    throw new InputError(`${where}: api_base '${apiBase}' is not a URL; expected e.g. http://127.0.0.1:8000/v1/chat/completions or http://127.0.0.1:8000/v1`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new InputError(`${where}: api_base '${apiBase}' must be an http(s) URL`);
  }
  return apiBase.replace(/\/+$/, '').replace(/\/chat\/completions$/, '');
}

function mockOr(entry: SingleEntry, base: string | undefined, fallback: () => EndpointSpec): EndpointSpec {
  if (base === 'mock') return { kind: 'mock', mock: entry.mock ?? {}, modelId: entry.model_name ?? entry.model ?? 'mock-model' };
  return fallback();
}

const DATASET_PROMPT = { prompt: 'dataset', asSent: false, postProcess: 'none' } as const;

const gpt: ClassSpec = {
  defaults: { temperature: 0, max_tokens: 2048, timeout: 300, retry: 5, wait: 1 },
  ...DATASET_PROMPT,
  settingKeys: COMMON_KEYS,
  ignoredKeys: ['use_azure'],
  endpoint: (entry, env, name) => {
    const base = entry.api_base ?? nonEmpty(env['OPENAI_API_BASE']) ?? 'OFFICIAL';
    return mockOr(entry, base, () => ({
      kind: 'http',
      baseURL: toBaseURL(base === 'OFFICIAL' ? OPENAI_OFFICIAL : base, `model '${name}'`),
      apiKey: entry.key ?? entry.api_key ?? env['OPENAI_API_KEY'] ?? '',
      modelId: entry.model,
    }));
  },
  imgDetail: (entry) => entry.img_detail ?? 'low',
  payloadDefaults: {},
};

const lmdeploy: ClassSpec = {
  defaults: { temperature: 0, max_tokens: 16384, timeout: 120, retry: 5, wait: 1 },
  ...DATASET_PROMPT,
  settingKeys: COMMON_KEYS,
  ignoredKeys: [],
  endpoint: (entry, env, name) => {
    const base = entry.api_base ?? nonEmpty(env['LMDEPLOY_API_BASE']);
    if (base === undefined) {
      throw new InputError(`model '${name}' (LMDeployAPI): set "api_base" (e.g. http://127.0.0.1:23333/v1/chat/completions) or env LMDEPLOY_API_BASE`);
    }
    return mockOr(entry, base, () => ({
      kind: 'http',
      baseURL: toBaseURL(base, `model '${name}'`),
      apiKey: entry.key ?? entry.api_key ?? env['LMDEPLOY_API_KEY'] ?? 'sk-123456',
      modelId: entry.model,
    }));
  },
  imgDetail: () => undefined,
  payloadDefaults: {},
};

/** `http://$LOCAL_IP:$VLLM_LOCAL_PORT/v1`, VLMEvalKit's Qwen2-VL classes' server (defaults 0.0.0.0, 8000). */
function localVllm(env: Env): string {
  return `http://${nonEmpty(env['LOCAL_IP']) ?? '0.0.0.0'}:${nonEmpty(env['VLLM_LOCAL_PORT']) ?? '8000'}/v1`;
}

/** The served model through the OpenAI client, as the Qwen2-VL classes' vLLM path talks to it. */
function vllmClient(entry: SingleEntry, base: string, name: string): EndpointSpec {
  return mockOr(entry, base, () => ({
    kind: 'http',
    baseURL: toBaseURL(base, `model '${name}'`),
    apiKey: entry.api_key ?? entry.key ?? 'EMPTY',
    modelId: entry.model_name,
  }));
}

/** Keys of the Qwen2-VL classes that only configure in-process inference (or that their vLLM request leaves out). */
const IN_PROCESS_KEYS = [
  'model_path', 'min_pixels', 'max_pixels', 'total_pixels', 'use_vllm', 'use_openai_client', 'use_lmdeploy', 'gpu_utils',
  'use_custom_prompt', 'save_raw_output', 'output_dir', 'top_k', 'repetition_penalty', 'fps', 'nframe', 'use_audio_in_video',
];

/**
 * Actial's ActialChat through its OpenAI-client path (VLMEvalKit/vlmeval/vlm/actial_r1.py of
 * warmsnow-sh/Actial@32f46c31): the first /v1/models id unless `model_name`, the config's system
 * prompt, temperature and top_p (class defaults 0.01 and 0.95), and max_tokens 32000 (hard-coded
 * there; the class's max_new_tokens is not used on that path) — nothing else.
 */
const actial: ClassSpec = {
  defaults: { temperature: 0.01, max_tokens: 32000, timeout: 600, retry: 5, wait: 1 },
  prompt: 'qwen2vl-mixin',
  asSent: true,
  postProcess: 'answer-tag',
  settingKeys: [...COMMON_KEYS, 'base_url', 'api_key', 'model_name', 'max_new_tokens', 'post_process'],
  ignoredKeys: IN_PROCESS_KEYS,
  endpoint: (entry, env, name) => vllmClient(entry, entry.base_url ?? entry.api_base ?? localVllm(env), name),
  imgDetail: () => undefined,
  payloadDefaults: { top_p: 0.95 },
};

/**
 * VLMEvalKit's Qwen2VLChat (vlmeval/vlm/qwen2_vl/model.py) against a vLLM server of the same
 * checkpoint, as its OpenAI-client path asks: max_tokens = max_new_tokens (default 2048),
 * temperature and top_p (class defaults 0.01 and 0.001), the system prompt only when configured.
 * It needs an endpoint: "api_base"/"base_url", or LOCAL_IP / VLLM_LOCAL_PORT in the environment.
 */
const qwen2vl: ClassSpec = {
  defaults: { temperature: 0.01, max_tokens: 2048, timeout: 600, retry: 5, wait: 1 },
  prompt: 'qwen2vl-mixin',
  asSent: true,
  postProcess: 'boxed',
  settingKeys: [...COMMON_KEYS, 'base_url', 'api_key', 'model_name', 'max_new_tokens', 'post_process'],
  ignoredKeys: IN_PROCESS_KEYS,
  endpoint: (entry, env, name) => {
    const named = entry.base_url ?? entry.api_base;
    const local = nonEmpty(env['LOCAL_IP']) !== undefined || nonEmpty(env['VLLM_LOCAL_PORT']) !== undefined ? localVllm(env) : undefined;
    const base = named ?? local;
    if (base === undefined) throw new InputError(unsupportedClassMessage(name, entry));
    return vllmClient(entry, base, name);
  },
  imgDetail: () => undefined,
  payloadDefaults: { top_p: 0.001 },
};

export const MODEL_CLASSES: Readonly<Record<string, ClassSpec>> = {
  GPT4V: gpt,
  OpenAIWrapper: gpt,
  LMDeployAPI: lmdeploy,
  ActialChat: actial,
  Qwen2VLChat: qwen2vl,
};

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

/** Every credential-like string value of a model entry, for masking in output. */
export function credentialValues(entry: ModelEntry): string[] {
  const own = (obj: object): string[] => Object.entries(obj).flatMap(([k, v]) => (CREDENTIAL.test(k) && typeof v === 'string' ? [v] : []));
  return [...own(entry), ...(entry.endpoints ?? []).flatMap(own), ...serveSecrets(entry.serve)];
}

/** The servers an entry lists (`"api_base": [..]` or `"endpoints"`), undefined for one URL. */
function listedEndpoints(entry: ModelEntry, name: string): readonly EndpointEntry[] | undefined {
  if (entry.endpoints !== undefined && (entry.api_base !== undefined || entry.base_url !== undefined)) {
    throw new InputError(`model '${name}': set either "endpoints" or "api_base"/"base_url", not both`);
  }
  const list = entry.endpoints ?? (Array.isArray(entry.api_base) ? entry.api_base.map((api_base) => ({ api_base })) : undefined);
  if (list === undefined) return undefined;
  if (entry.serve !== undefined) throw new InputError(`model '${name}': "serve" starts one server, so the model needs one "api_base", not a list`);
  const seen = new Set<string>();
  for (const e of list) {
    if (e.api_base === 'mock') {
      throw new InputError(`model '${name}': "mock" starts one in-process mock server and cannot be part of an endpoint list; list http URLs (e.g. of \`actial-eval mock-server\` processes)`);
    }
    const base = toBaseURL(e.api_base, `model '${name}'`);
    if (seen.has(base)) throw new InputError(`model '${name}': endpoint ${base} is listed twice`);
    seen.add(base);
  }
  return list;
}

/** The entry through its first endpoint, so the class rules resolve URL and key as for one server. */
function firstOf(entry: ModelEntry, listed: readonly EndpointEntry[] | undefined): SingleEntry {
  const first = listed?.[0];
  const apiBase = first?.api_base ?? (Array.isArray(entry.api_base) ? undefined : entry.api_base);
  return { ...entry, api_base: apiBase };
}

/** A spec resolved through the first listed endpoint, completed with every endpoint of the list. */
function withEndpoints(spec: EndpointSpec, listed: readonly EndpointEntry[] | undefined, name: string): EndpointSpec {
  if (listed === undefined || spec.kind !== 'http') return spec;
  const endpoints = listed.map((e) => ({
    baseURL: toBaseURL(e.api_base, `model '${name}'`),
    apiKey: e.key ?? e.api_key ?? spec.apiKey,
    maxConcurrency: e.max_concurrency,
  }));
  const first = endpoints[0] ?? spec;
  return { ...spec, baseURL: first.baseURL, apiKey: first.apiKey, endpoints };
}

export function resolveModel(name: string, entry: ModelEntry, env: Env, configDir: string = process.cwd()): ResolvedModel {
  const spec = MODEL_CLASSES[entry.class];
  if (spec === undefined) throw new InputError(unsupportedClassMessage(name, entry));
  if (entry.img_size !== undefined && entry.img_size !== -1) {
    throw new InputError(
      `model '${name}': "img_size": ${entry.img_size} asks to resize images, which actial-eval does not do; set "img_size": -1 to send the dataset's image bytes unchanged (vLLM resizes with the model's processor)`,
    );
  }
  const d = spec.defaults;
  const maxTokens = entry.max_tokens ?? entry.max_new_tokens ?? d.max_tokens;
  const imgDetail = spec.imgDetail(entry);
  const listed = listedEndpoints(entry, name);
  const endpoint = withEndpoints(spec.endpoint(firstOf(withServePort(name, entry), listed), env, name), listed, name);
  const served = resolveServe(name, entry, endpoint);
  return {
    name,
    className: entry.class,
    endpoint: served?.endpoint ?? endpoint,
    settings: {
      temperature: entry.temperature ?? d.temperature,
      max_tokens: maxTokens,
      ...(entry.system_prompt !== undefined ? { system_prompt: entry.system_prompt } : {}),
      ...(imgDetail !== undefined ? { img_detail: imgDetail } : {}),
      extra: { ...spec.payloadDefaults, ...payloadExtras(entry, spec) },
    },
    timeoutMs: (entry.timeout ?? d.timeout) * 1000,
    tries: Math.max(1, entry.retry ?? d.retry),
    backoffS: entry.wait ?? d.wait,
    postProcess: entry.post_process === true ? spec.postProcess : 'none',
    promptPolicy: entry['use_custom_prompt'] === false ? 'dataset' : spec.prompt,
    neutralSampling: !spec.asSent,
    concurrency: entry.api_nproc,
    pool: {
      adaptive: entry.concurrency === 'auto',
      routing: entry.routing ?? 'least-busy',
      endpointWaitS: entry.endpoint_wait ?? DEFAULT_ENDPOINT_WAIT_S,
    },
    serve: served?.spec,
    imageFiles: resolveImageFiles(name, entry, env, configDir),
  };
}

/** Long enough for vLLM to restart and load a 7B checkpoint; a run never hangs for good on a dead server. */
export const DEFAULT_ENDPOINT_WAIT_S = 300;

/** Names that hold credentials: never sent in a payload, never written to a run header. */
const CREDENTIAL = /(^|_)(key|token|secret|password)$/i;

/** Every key that is neither a client setting nor an in-process-only key goes into the payload. */
function payloadExtras(entry: ModelEntry, spec: ClassSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) {
    if (spec.settingKeys.includes(k) || spec.ignoredKeys.includes(k) || CREDENTIAL.test(k)) continue;
    out[k] = v;
  }
  return out;
}

function unsupportedClassMessage(name: string, entry: ModelEntry): string {
  const vllm = `\`vllm serve ${String(entry['model_path'] ?? '<model path>')} --served-model-name ${name}\``;
  if (entry.class === 'Qwen2VLChat') {
    return `model '${name}': class Qwen2VLChat loads weights in-process, which actial-eval does not do; serve the checkpoint with vLLM (e.g. ${vllm}) and add "api_base": "http://127.0.0.1:8000/v1" to the entry (or set LOCAL_IP / VLLM_LOCAL_PORT): it is then asked with Qwen2VLChat's prompts and settings (or use "class": "OpenAIWrapper" with that "api_base" for plain dataset prompts)`;
  }
  const served = `serve the model with vLLM (e.g. ${vllm}) and set "class": "OpenAIWrapper", "api_base": "http://127.0.0.1:8000/v1/chat/completions", "model": "${name}" (or "class": "ActialChat")`;
  if (entry['model_path'] !== undefined || /chat$|^qwen|^llava|^internvl/i.test(entry.class)) {
    return `model '${name}': class ${entry.class} loads weights in-process, which actial-eval does not do; ${served}`;
  }
  return `model '${name}': unknown class '${entry.class}'; supported: ${Object.keys(MODEL_CLASSES).join(', ')}. To evaluate a local checkpoint, ${served}`;
}
