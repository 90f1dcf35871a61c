import type { Agent } from 'undici';
import { AdaptiveLimit, type WindowToken } from '../adaptive.js';
import { ChatClient } from '../client.js';
import { createAgent } from '../transport.js';

/** One server of the pool as the caller describes it. */
export interface MemberTarget {
  readonly baseURL: string;
  readonly apiKey: string;
  /** Most requests in flight (the adaptive limit's ceiling with `adaptive`). */
  readonly maxConcurrency: number;
}

export interface MemberOptions {
  readonly timeoutMs: number;
  readonly adaptive: boolean;
}

/** `up` gets work; `checking` waits for a /health verdict; `down` is re-checked until it recovers. */
export type MemberState = 'up' | 'checking' | 'down';

/** One request in flight at a member. */
export interface Flight {
  readonly cancel: AbortController;
  readonly started: number;
  readonly token: WindowToken | undefined;
  /** The member was taken out while this was in flight: the request goes elsewhere, free. */
  taken: boolean;
}

/** What the run prints per endpoint at the end of each model. */
export interface EndpointCounts {
  readonly label: string;
  readonly state: MemberState;
  /** Requests sent (attempts). */
  readonly sent: number;
  readonly answered: number;
  /** Attempts that failed, whatever happened to their item next. */
  readonly failed: number;
  /** Items taken back from this endpoint (it went down) and asked again elsewhere. */
  readonly requeued: number;
  readonly maxInFlight: number;
  /** Times it was taken out. */
  readonly downs: number;
  /** Its concurrency limit now (the adaptive one, or its fixed maximum). */
  readonly limit: number;
}

/** The base URL without credentials or query: safe to print and to store in prediction records. */
export function endpointLabel(baseURL: string): string {
  try {
    const url = new URL(baseURL);
    url.username = '';
    url.password = '';
    url.search = '';
    url.hash = '';
    return url.toString().replace(/\/+$/, '');
  } catch {
    return '(invalid URL)';
  }
}

/** One endpoint's connections, state and counters. The pool decides; the member keeps the books. */
export class Member {
  readonly label: string;
  readonly agent: Agent;
  /** Chat completions (one attempt each: the pool retries) and /v1/models at start. */
  readonly client: ChatClient;
  readonly limiter: AdaptiveLimit | undefined;
  /** Rendezvous-hashing weight seed (image-affinity routing). */
  readonly seed: number;
  state: MemberState = 'up';
  inFlight = 0;
  /** Server-side failures (5xx, timeouts) since the last answer. */
  streak = 0;
  /** Why it is down. */
  reason = '';
  /** The /health check under way, shared by every request waiting for its verdict. */
  check: Promise<boolean> | undefined;
  /** Requests whose attempt failed here and that wait for the /health verdict to know what next. */
  awaitingVerdict = 0;
  recheckMs = 0;
  timer: NodeJS.Timeout | undefined;
  readonly flights = new Set<Flight>();
  private sent = 0;
  private answered = 0;
  failed = 0;
  requeued = 0;
  downs = 0;
  private maxInFlight = 0;

  constructor(
    readonly target: MemberTarget,
    readonly options: MemberOptions,
  ) {
    this.label = endpointLabel(target.baseURL);
    this.seed = hash32(this.label);
    this.agent = createAgent(Math.max(1, target.maxConcurrency));
    this.client = new ChatClient({ baseURL: target.baseURL, apiKey: target.apiKey, timeoutMs: options.timeoutMs, agent: this.agent });
    this.limiter = options.adaptive ? new AdaptiveLimit({ max: target.maxConcurrency }) : undefined;
  }

  get limit(): number {
    return this.limiter?.limit ?? this.target.maxConcurrency;
  }

  hasRoom(): boolean {
    return this.state === 'up' && this.inFlight < this.limit;
  }

  begin(now: number): Flight {
    this.inFlight++;
    this.sent++;
    if (this.inFlight > this.maxInFlight) this.maxInFlight = this.inFlight;
    const flight: Flight = { cancel: new AbortController(), started: now, token: this.limiter?.onStart(this.inFlight), taken: false };
    this.flights.add(flight);
    return flight;
  }

  end(flight: Flight): void {
    this.inFlight--;
    this.flights.delete(flight);
  }

  succeeded(flight: Flight, latencyMs: number, now: number): void {
    this.answered++;
    this.streak = 0;
    if (flight.token !== undefined) this.limiter?.onSuccess(flight.token, latencyMs, now);
  }

  /** A failure that may mean overload: the adaptive limit backs off. */
  overloaded(flight: Flight, now: number): void {
    if (flight.token !== undefined) this.limiter?.onError(flight.token, now);
  }

  counts(): EndpointCounts {
    const { label, state, sent, answered, failed, requeued, maxInFlight, downs, limit } = this;
    return { label, state, sent, answered, failed, requeued, maxInFlight, downs, limit };
  }
}

/** FNV-1a: a cheap, stable 32-bit hash (routing only, not security). */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}
