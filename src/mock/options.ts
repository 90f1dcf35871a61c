import { InputError } from '../core/errors.js';
import type { AnswerLookup } from './answer-key.js';
import type { Replay } from './replay.js';
import { checkFault, type FaultSpec } from './faults.js';

export const ANSWER_STYLES = ['letter', 'paren', 'sentence', 'think', 'option', 'prose', 'mixed'] as const;
export type AnswerStyle = (typeof ANSWER_STYLES)[number];

export const ERROR_SHAPES = ['nested', 'flat'] as const;
export type ErrorShape = (typeof ERROR_SHAPES)[number];

export interface MockOptions {
  readonly host?: string;
  /** 0 = a random free port. */
  readonly port?: number;
  /** Served model name; requests naming another model get 404. */
  readonly modelId?: string;
  /** Added delay per completion. */
  readonly latencyMs?: number;
  /** Further delay per completion in flight (itself included): a server that slows under load. */
  readonly latencyPerInflightMs?: number;
  readonly seed?: number;
  /** 0..1, only meaningful with an answer key (default 1 then). */
  readonly accuracy?: number;
  /** The gold answers, looked up by question key: from a file (loadAnswerKey) or built by the caller. */
  readonly answerKey?: AnswerLookup;
  /** Replies to give instead of the mock's own (replay.ts): known model outputs and judge decisions. */
  readonly replay?: Replay;
  readonly style?: AnswerStyle;
  /** Fraction of items (by hash of seed + item key) that fail on every attempt. */
  readonly failRate?: number;
  readonly failStatus?: number;
  /** Fraction of items whose first attempt in this server's lifetime fails. */
  readonly flakyRate?: number;
  /** With 429, the response carries Retry-After: retryAfterS. */
  readonly flakyStatus?: number;
  readonly retryAfterS?: number;
  /** When set, /v1 routes require `Authorization: Bearer <key>`. */
  readonly apiKey?: string;
  /** 'nested' like vLLM >= 0.10.1, 'flat' like older servers. */
  readonly errorShape?: ErrorShape;
  /** Like vLLM's --limit-mm-per-prompt for images. */
  readonly maxImages?: number;
  readonly maxModelLen?: number;
  /** Also return message.reasoning, as vLLM does with a reasoning parser. */
  readonly reasoning?: boolean;
  /** Injected faults (see faults.ts); the first that applies to a request wins. */
  readonly faults?: readonly FaultSpec[];
  /** Like vLLM's --allowed-local-media-path: file:// images must lie strictly below it (src/mock/media.ts). */
  readonly allowedLocalMediaPath?: string;
}

export interface ResolvedMockOptions {
  readonly host: string;
  readonly port: number;
  readonly modelId: string;
  readonly latencyMs: number;
  readonly latencyPerInflightMs: number;
  readonly seed: number;
  readonly accuracy: number;
  readonly answerKey: AnswerLookup | undefined;
  readonly replay: Replay | undefined;
  readonly style: AnswerStyle;
  readonly failRate: number;
  readonly failStatus: number;
  readonly flakyRate: number;
  readonly flakyStatus: number;
  readonly retryAfterS: number;
  readonly apiKey: string | undefined;
  readonly errorShape: ErrorShape;
  readonly maxImages: number;
  readonly maxModelLen: number;
  readonly reasoning: boolean;
  readonly faults: readonly FaultSpec[];
  /** Checked at start (startMockServer) and normalised like Python's Path; undefined = file URLs refused. */
  readonly allowedLocalMediaPath: string | undefined;
}

export interface NumberRule {
  readonly min: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** Throws an InputError naming `label` (an option or a CLI flag) when `value` breaks `rule`. */
export function checkNumber(value: number, rule: NumberRule, label: string): number {
  const max = rule.max ?? Number.MAX_SAFE_INTEGER;
  const kind = rule.integer === true ? 'an integer' : 'a number';
  if (!Number.isFinite(value) || (rule.integer === true && !Number.isInteger(value)) || value < rule.min || value > max) {
    const range = rule.max === undefined ? `>= ${rule.min}` : `from ${rule.min} to ${rule.max}`;
    throw new InputError(`${label} must be ${kind} ${range}, got ${String(value)}`);
  }
  return value;
}

export const RULES = {
  port: { min: 0, max: 65535, integer: true },
  latencyMs: { min: 0, max: 3_600_000 },
  seed: { min: Number.MIN_SAFE_INTEGER, integer: true },
  rate: { min: 0, max: 1 },
  status: { min: 400, max: 599, integer: true },
  retryAfterS: { min: 0, max: 86_400, integer: true },
  maxImages: { min: 0, integer: true },
  maxModelLen: { min: 1, integer: true },
} as const satisfies Record<string, NumberRule>;

/** Fills defaults and checks ranges; errors name the option. */
export function resolveMockOptions(options: MockOptions): ResolvedMockOptions {
  const num = (value: number | undefined, fallback: number, rule: NumberRule, name: string): number =>
    value === undefined ? fallback : checkNumber(value, rule, `mock option ${name}`);
  const style = options.style ?? 'letter';
  if (!ANSWER_STYLES.includes(style)) throw new InputError(`mock option style must be one of ${ANSWER_STYLES.join(', ')}`);
  const errorShape = options.errorShape ?? 'nested';
  if (!ERROR_SHAPES.includes(errorShape)) throw new InputError(`mock option errorShape must be nested or flat`);
  return {
    host: options.host ?? '127.0.0.1',
    port: num(options.port, 0, RULES.port, 'port'),
    modelId: options.modelId ?? 'mock-model',
    latencyMs: num(options.latencyMs, 0, RULES.latencyMs, 'latencyMs'),
    latencyPerInflightMs: num(options.latencyPerInflightMs, 0, RULES.latencyMs, 'latencyPerInflightMs'),
    seed: num(options.seed, 0, RULES.seed, 'seed'),
    accuracy: num(options.accuracy, 1, RULES.rate, 'accuracy'),
    answerKey: options.answerKey,
    replay: options.replay,
    style,
    failRate: num(options.failRate, 0, RULES.rate, 'failRate'),
    failStatus: num(options.failStatus, 500, RULES.status, 'failStatus'),
    flakyRate: num(options.flakyRate, 0, RULES.rate, 'flakyRate'),
    flakyStatus: num(options.flakyStatus, 503, RULES.status, 'flakyStatus'),
    retryAfterS: num(options.retryAfterS, 1, RULES.retryAfterS, 'retryAfterS'),
    apiKey: options.apiKey === '' ? undefined : options.apiKey,
    errorShape,
    maxImages: num(options.maxImages, Number.MAX_SAFE_INTEGER, RULES.maxImages, 'maxImages'),
    maxModelLen: num(options.maxModelLen, 32768, RULES.maxModelLen, 'maxModelLen'),
    reasoning: options.reasoning ?? false,
    faults: (options.faults ?? []).map((f, i) => checkFault(f, `mock option faults[${i}]`)),
    allowedLocalMediaPath: options.allowedLocalMediaPath === '' ? undefined : options.allowedLocalMediaPath,
  };
}
