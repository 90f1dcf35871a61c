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
import { toBaseURL } from '../../config/models.js';

export interface JudgeFlags {
  readonly judge?: string;
  readonly judgeBaseUrl?: string;
  readonly judgeKey?: string;
  readonly judgeApiNproc?: string;
  readonly judgeArgs?: string;
}

/** A judge ready to be activated: everything explicit, nothing left to defaults downstream. */
export interface JudgeSpec {
  /** The served model id (must be listed by the endpoint's /v1/models). */
  readonly model: string;
  /** OpenAI base URL (before /chat/completions). */
  readonly baseURL: string;
  readonly apiKey: string;
  readonly concurrency: number;
  readonly maxTokens: number;
  readonly timeoutMs: number;
  readonly tries: number;
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
const DEFAULTS = { concurrency: 16, timeoutS: 120, tries: 5 } as const;

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
    baseURL: toBaseURL(base, 'judge'),
    apiKey: flags.judgeKey ?? merged.key ?? merged.api_key ?? env['OPENAI_API_KEY'] ?? '',
    concurrency: positiveInt(flags.judgeApiNproc, '--judge-api-nproc') ?? merged.api_nproc ?? src.apiNproc ?? DEFAULTS.concurrency,
    maxTokens: merged.max_tokens ?? DEFAULT_MAX_TOKENS,
    timeoutMs: (merged.timeout ?? DEFAULTS.timeoutS) * 1000,
    tries: merged.retry ?? src.retry ?? DEFAULTS.tries,
  };
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
