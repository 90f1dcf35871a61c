/**
 * Where the judge's settings come from, strongest first: the dedicated flags (--judge,
 * --judge-base-url, --judge-key, --judge-api-nproc), then --judge-args (VLMEvalKit's JSON of judge
 * settings), then the config's "judge" entry, then the env variables VLMEvalKit's judge reads
 * (LOCAL_LLM for the model id, OPENAI_API_BASE, OPENAI_API_KEY).
 *
 * The judge is on only when the config has "judge" or --judge names a model: a stray env variable
 * must not start sending requests. `--judge exact_matching` (VLMEvalKit's name for "no judge")
 * turns a configured judge off.
 */
import type { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { judgeEntrySchema, type JudgeEntry } from '../../config/schema.js';
import { DEFAULT_ENDPOINT_WAIT_S, toBaseURL } from '../../config/models.js';

export interface JudgeFlags {
  readonly judge?: string;
  readonly judgeBaseUrl?: string;
  readonly judgeKey?: string;
  readonly judgeApiNproc?: string;
  readonly judgeArgs?: string;
}

/**
 * A judge ready to be activated: everything explicit, nothing left to defaults downstream. It maps
 * onto the endpoint pool the evaluated models use (src/endpoint/pool/open.ts): failover between
 * its endpoints, per-endpoint concurrency (fixed or adaptive), the one retry policy.
 */
export interface JudgeSpec {
  /** The served model id (must be listed by every endpoint's /v1/models). */
  readonly model: string;
  /** OpenAI base URLs (before /chat/completions): one or several servers of the judge model. */
  readonly baseURLs: readonly string[];
  readonly apiKey: string;
  /** Most requests in flight per endpoint (`api_nproc`; the adaptive limit's ceiling). */
  readonly concurrency: number;
  /** `"concurrency": "auto"`: each endpoint's limit follows its latency. */
  readonly adaptive: boolean;
  readonly maxTokens: number;
  /** Deadline of one attempt, body included. */
  readonly timeoutMs: number;
  /** Tries per request that its own failures may use up (`retry`). */
  readonly tries: number;
  /** Base of the exponential backoff between tries, seconds. */
  readonly backoffS: number;
  /** How long requests wait for an endpoint to recover when every endpoint is down. */
  readonly endpointWaitMs: number;
}

export interface JudgeSources {
  readonly entry: JudgeEntry | undefined;
  readonly flags: JudgeFlags;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** --api-nproc and --retry of the run, which the judge follows unless told otherwise (as VLMEvalKit). */
  readonly apiNproc?: number | undefined;
  readonly retry?: number | undefined;
}

export const NO_JUDGE = 'exact_matching';
const OPENAI_OFFICIAL = 'https://api.openai.com/v1';
/** A letter, or a letter after a short think block; more is never needed. */
const DEFAULT_MAX_TOKENS = 32;
const DEFAULTS = { concurrency: 16, timeoutS: 120, tries: 5, backoffS: 1 } as const;

export function resolveJudge(src: JudgeSources): JudgeSpec | undefined {
  const { flags, env } = src;
  if (flags.judge === NO_JUDGE) return undefined;
  if (src.entry === undefined && flags.judge === undefined) return undefined;
  const merged: JudgeEntry = { ...src.entry, ...parseJudgeArgs(flags.judgeArgs) };
  const model = flags.judge ?? merged.model ?? nonEmpty(env['LOCAL_LLM']);
  if (model === undefined) {
    throw new InputError('judge: no model named; pass --judge MODEL, set "judge": {"model": ...} in the config, or set env LOCAL_LLM');
  }
  const base = flags.judgeBaseUrl ?? merged.api_base ?? nonEmpty(env['OPENAI_API_BASE']) ?? OPENAI_OFFICIAL;
  return {
    model,
    baseURLs: baseURLs(base),
    apiKey: flags.judgeKey ?? merged.key ?? merged.api_key ?? env['OPENAI_API_KEY'] ?? '',
    concurrency: positiveInt(flags.judgeApiNproc, '--judge-api-nproc') ?? merged.api_nproc ?? src.apiNproc ?? DEFAULTS.concurrency,
    adaptive: merged.concurrency === 'auto',
    maxTokens: merged.max_tokens ?? DEFAULT_MAX_TOKENS,
    timeoutMs: (merged.timeout ?? DEFAULTS.timeoutS) * 1000,
    tries: merged.retry ?? src.retry ?? DEFAULTS.tries,
    backoffS: DEFAULTS.backoffS,
    endpointWaitMs: DEFAULT_ENDPOINT_WAIT_S * 1000,
  };
}

function baseURLs(base: string | readonly string[]): string[] {
  const urls = (typeof base === 'string' ? [base] : base).map((u) => toBaseURL(u, 'judge'));
  const twice = urls.find((u, i) => urls.indexOf(u) !== i);
  if (twice !== undefined) throw new InputError(`judge: endpoint ${twice} is listed twice in "api_base"`);
  return urls;
}

/** Credentials among the judge flags, for masking before anything is printed. */
export function judgeFlagSecrets(flags: JudgeFlags): string[] {
  const fromArgs = safeArgs(flags.judgeArgs);
  return [flags.judgeKey, fromArgs?.key, fromArgs?.api_key].filter((k): k is string => k !== undefined);
}

function parseJudgeArgs(text: string | undefined): JudgeEntry {
  if (text === undefined) return {};
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    // The text is not echoed: it may hold a key.
    throw new InputError('--judge-args: not valid JSON; expected e.g. \'{"max_tokens": 16, "timeout": 60}\'');
  }
  const parsed = judgeEntrySchema.safeParse(json);
  if (!parsed.success) throw new InputError(`--judge-args: ${describe(parsed.error)}`);
  return parsed.data;
}

function safeArgs(text: string | undefined): JudgeEntry | undefined {
  try {
    return parseJudgeArgs(text);
  } catch {
    return undefined;
  }
}

function describe(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'invalid';
  const known = Object.keys(judgeEntrySchema.shape).join(', ');
  if (issue.code === 'unrecognized_keys') return `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; known: ${known}`;
  return `field ${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}`;
}

function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InputError(`${flag} ${value}: expected a whole number ≥ 1`);
  return n;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}
