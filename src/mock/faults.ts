/**
 * Fault injection for the mock server: which requests get which fault. Every choice is a pure
 * function of (seed, item, attempt number), so a test that injects faults is as reproducible as one
 * that does not, whatever the arrival order of concurrent requests.
 */
import { InputError } from '../core/errors.js';
import { unitHash } from './hash.js';

/**
 * What can go wrong between a client and a vLLM server. HTTP faults carry vLLM's own messages;
 * the others break the transport or the body, as proxies, crashes and overloaded servers do.
 */
export const FAULT_KINDS = [
  '500', // engine error: transient
  '503', // server shutting down / engine dead: transient
  '429', // rate limited with Retry-After (a proxy in front of vLLM; vLLM itself queues)
  'reset', // TCP reset before any byte of the response
  'hang', // no response at all: only the client's timeout ends it
  'slow', // 200 whose body trickles in over `ms` milliseconds
  'malformed-json', // 200 whose JSON body is cut in half
  'empty-choices', // 200 with "choices": []
  'null-content', // 200, content null, finish_reason stop: a reasoning parser took everything
  '400-context', // prompt longer than max_model_len
  '400-images', // more images than --limit-mm-per-prompt
  '400-max-tokens', // max_tokens larger than what the context leaves
  '404-model', // the served model is not the one asked for
  '401', // wrong or missing key with --api-key
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  readonly kind: FaultKind;
  /** Fraction of items hit, drawn from hash(seed, item, kind): the same items on every run. */
  readonly rate?: number;
  /** Items hit: question keys (see questionKey) or substrings of the question text. */
  readonly items?: readonly string[];
  /**
   * Only the first K attempts at a hit item fail (counted over the server's lifetime), so retries
   * can be seen to work; unset = every attempt fails.
   */
  readonly firstAttempts?: number;
  /** For 'slow': how long the body takes to arrive (default 1000 ms). */
  readonly ms?: number;
}

/** The request facts a fault decision needs. */
export interface FaultTarget {
  readonly key: string;
  readonly text: string;
}

export const DEFAULT_SLOW_MS = 1000;

/**
 * Attempt counters per item and the faults to draw from. One counter per item (not per fault), so
 * `500:first=1` then `429:first=2` reads as "attempt 1 gets a 500, attempt 2 a 429, attempt 3 works".
 */
export class FaultPlan {
  private readonly attempts = new Map<string, number>();

  constructor(
    readonly specs: readonly FaultSpec[],
    private readonly seed: number,
  ) {}

  /** The fault for this attempt at the item, if any; counts the attempt. */
  next(target: FaultTarget): FaultSpec | undefined {
    if (this.specs.length === 0) return undefined;
    const attempt = (this.attempts.get(target.key) ?? 0) + 1;
    this.attempts.set(target.key, attempt);
    return this.specs.find((s) => (s.firstAttempts === undefined || attempt <= s.firstAttempts) && this.hits(s, target));
  }

  private hits(spec: FaultSpec, target: FaultTarget): boolean {
    if (spec.rate === undefined && spec.items === undefined) return true;
    if (spec.items?.some((item) => item === target.key || target.text.includes(item)) === true) return true;
    return spec.rate !== undefined && unitHash(this.seed, target.key, `fault:${spec.kind}`) < spec.rate;
  }
}

const USAGE = 'expected KIND[:RATE][:first=K][:ms=N][:items=A,B,...] with KIND one of ' + FAULT_KINDS.join(', ');

/**
 * Parses `--fault` values: `500`, `500:0.1`, `reset:first=2`, `slow:ms=3000:0.5`,
 * `400-context:items=Item 3:,Item 7:`. `items=` comes last and takes the rest of the value, so item
 * substrings may contain ':'; commas separate items.
 */
export function parseFault(value: string, label = '--fault'): FaultSpec {
  const itemsAt = value.indexOf(':items=');
  const head = itemsAt < 0 ? value : value.slice(0, itemsAt);
  const [kindText = '', ...opts] = head.split(':');
  const kind = FAULT_KINDS.find((k) => k === kindText.trim());
  if (kind === undefined) throw new InputError(`${label} '${value}': unknown fault '${kindText}'; ${USAGE}`);
  let spec: FaultSpec = { kind };
  if (itemsAt >= 0) {
    const items = value.slice(itemsAt + ':items='.length).split(',').filter((s) => s !== '');
    if (items.length === 0) throw new InputError(`${label} '${value}': items= names no item; ${USAGE}`);
    spec = { ...spec, items };
  }
  for (const opt of opts) spec = { ...spec, ...parseOption(opt, value, label) };
  return checkFault(spec, `${label} '${value}'`);
}

function parseOption(opt: string, value: string, label: string): Partial<FaultSpec> {
  const eq = opt.indexOf('=');
  const name = eq < 0 ? '' : opt.slice(0, eq);
  const number = Number(eq < 0 ? opt : opt.slice(eq + 1));
  if (opt.trim() === '' || Number.isNaN(number) || !['', 'first', 'ms'].includes(name)) {
    throw new InputError(`${label} '${value}': cannot read '${opt}'; ${USAGE}`);
  }
  if (name === 'first') return { firstAttempts: number };
  if (name === 'ms') return { ms: number };
  return { rate: number };
}

/** Range checks shared by the flag and the MockOptions route; `where` names the bad value. */
export function checkFault(spec: FaultSpec, where: string): FaultSpec {
  if (!FAULT_KINDS.includes(spec.kind)) throw new InputError(`${where}: unknown fault kind '${String(spec.kind)}'; ${USAGE}`);
  if (spec.rate !== undefined && !(spec.rate >= 0 && spec.rate <= 1)) {
    throw new InputError(`${where}: rate must be a number from 0 to 1, got ${spec.rate}`);
  }
  if (spec.firstAttempts !== undefined && !(Number.isInteger(spec.firstAttempts) && spec.firstAttempts >= 1)) {
    throw new InputError(`${where}: first= must be an integer >= 1, got ${spec.firstAttempts}`);
  }
  if (spec.ms !== undefined && !(spec.ms >= 0 && spec.ms <= 3_600_000)) {
    throw new InputError(`${where}: ms= must be from 0 to 3600000, got ${spec.ms}`);
  }
  if (spec.items?.some((i) => typeof i !== 'string' || i === '') === true) {
    throw new InputError(`${where}: items must be non-empty strings`);
  }
  return spec;
}
