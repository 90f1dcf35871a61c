/**
 * The endpoint pool: one work queue shared by every server of a model.
 *
 * Each request goes to the endpoint with the fewest requests in flight (route.ts), within each
 * endpoint's concurrency (fixed, or adaptive: ../adaptive.ts). What a failed attempt means is
 * decided in failure.ts. An endpoint is taken out when a /health check fails, which happens
 * - at once after a request gets no HTTP answer (connection refused, reset, closed), and
 * - after STREAK server-side failures in a row (5xx, timeouts, unreadable answers).
 * A healthy /health answer puts it straight back; a failed one takes it out: its requests in flight
 * are cancelled and re-queued (they do not use up a try: an endpoint dying is not the item's
 * failure), and it is re-checked after RECHECK.firstMs, doubling up to RECHECK.maxMs, until /health
 * is 200 and /v1/models still lists the model. When every endpoint is down, requests wait up to
 * `endpointWaitMs` for one to recover, then fail as transient (the next run asks them again).
 */
import type { ChatBody } from '../../request/body.js';
import { encodeChatBody } from '../../request/wire.js';
import type { Answer } from '../response.js';
import { backoffMs } from '../retry.js';
import { judgeFailure, type AttemptFailure } from './failure.js';
import { createHealthAgent, probeHealth, servedModels } from './health.js';
import type { EndpointCounts, Flight, Member } from './member.js';
import { affinityKey, pickMember } from './route.js';

export interface PoolOptions {
  /** The model every endpoint serves (checked at start and on every recovery). */
  readonly modelId: string;
  /** Tries per request that its own failures may use up (VLMEvalKit's `retry`). */
  readonly tries: number;
  readonly backoffS: number;
  readonly timeoutMs: number;
  readonly endpointWaitMs: number;
  readonly routing: 'least-busy' | 'image-affinity';
  /** One line per endpoint taken out or back (stderr). */
  readonly log: (line: string) => void;
  readonly recheck?: { readonly firstMs: number; readonly maxMs: number };
}

/** What became of one request, after every try the pool gave it. */
export type Outcome =
  | ({ readonly status: 'ok'; readonly attempts: number; readonly latency_ms: number } & Answer)
  | {
      readonly status: 'failed';
      readonly attempts: number;
      readonly latency_ms: number;
      /** `<what failed> [<why it was, or was not, retried>]`. */
      readonly error: string;
      readonly error_kind: 'transient' | 'permanent';
      readonly http_status?: number;
    };

/** An outcome, naming the endpoint that answered (or last failed) when the pool has several. */
export type PoolOutcome = Outcome & { readonly endpoint?: string };

const STREAK = 3;
const RECHECK = { firstMs: 500, maxMs: 15_000 };

interface Job {
  /** The chat body, serialised once: every try sends these bytes. */
  readonly wire: Buffer;
  readonly affinity: number | undefined;
  /** Requests sent, whatever became of them. */
  attempts: number;
  /** Failures that used up a try. */
  charged: number;
  /** Re-queues that did not (its endpoint went down). */
  free: number;
  last: AttemptFailure | undefined;
  latency: number;
  where: Member | undefined;
  readonly resolve: (outcome: PoolOutcome) => void;
}

export class EndpointPool {
  private readonly queue: Job[] = [];
  private readonly sleeping = new Set<NodeJS.Timeout>();
  private readonly healthAgent = createHealthAgent();
  private readonly recheck: { readonly firstMs: number; readonly maxMs: number };
  /** A request displaced by more endpoint deaths than this is suspected of causing them. */
  private readonly freeLimit: number;
  private giveUpTimer: NodeJS.Timeout | undefined;
  private gaveUp = false;
  private closed = false;

  constructor(
    readonly members: readonly Member[],
    private readonly opts: PoolOptions,
  ) {
    this.recheck = opts.recheck ?? RECHECK;
    this.freeLimit = Math.max(2, members.length);
  }

  /** How many requests the caller may hand over at once: the sum of the endpoints' maxima. */
  get capacity(): number {
    return this.members.reduce((sum, m) => sum + m.target.maxConcurrency, 0);
  }

  complete(body: ChatBody): Promise<PoolOutcome> {
    return this.prepare(body)();
  }

  /**
   * Does the per-request work up front (serialising the body, its routing key) and returns what
   * sends it: callers that prepare requests while others are in flight send at once when a slot frees.
   */
  prepare(body: ChatBody): () => Promise<PoolOutcome> {
    const wire = encodeChatBody(body);
    const affinity = this.opts.routing === 'image-affinity' ? affinityKey(body) : undefined;
    return () =>
      new Promise((resolve) => {
        this.enqueue({ wire, affinity, attempts: 0, charged: 0, free: 0, last: undefined, latency: 0, where: undefined, resolve }, false);
      });
  }

  /** An endpoint that did not answer at start: out until /health and /v1/models say otherwise. */
  startDown(member: Member, reason: string): void {
    this.takeDown(member, reason);
  }

  counts(): EndpointCounts[] {
    return this.members.map((m) => m.counts());
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.giveUpTimer);
    for (const t of this.sleeping) clearTimeout(t);
    for (const m of this.members) clearTimeout(m.timer);
    for (const job of this.queue.splice(0)) job.resolve(this.failure(job, 'transient', 'the run stopped before an endpoint was free', 'not sent'));
    await Promise.all([...this.members.map((m) => m.agent.close()), this.healthAgent.close()]);
  }

  private enqueue(job: Job, front: boolean): void {
    if (this.closed) return job.resolve(this.failure(job, 'transient', 'the run stopped before an endpoint was free', 'not sent'));
    if (this.gaveUp) return this.abandon(job);
    if (front) this.queue.unshift(job);
    else this.queue.push(job);
    this.pump();
  }

  private pump(): void {
    for (;;) {
      const head = this.queue[0];
      if (head === undefined) return;
      const member = pickMember(this.members, head.affinity);
      if (member === undefined) return;
      this.queue.shift();
      void this.send(head, member);
    }
  }

  /** Starts synchronously (the member's in-flight count rises before pump picks again). */
  private async send(job: Job, m: Member): Promise<void> {
    job.attempts++;
    job.where = m;
    const flight = m.begin(performance.now());
    let answer: Answer | undefined;
    let error: unknown;
    try {
      answer = await m.client.send(job.wire, flight.cancel.signal);
    } catch (err) {
      error = err;
    }
    const now = performance.now();
    job.latency = Math.round(now - flight.started);
    m.end(flight);
    if (answer !== undefined) {
      m.succeeded(flight, job.latency, now);
      job.resolve({ status: 'ok', attempts: job.attempts, latency_ms: job.latency, ...answer, ...this.named(m) });
    } else if (flight.taken) {
      this.requeueFree(job, m, undefined);
    } else {
      void this.failed(job, m, flight, judgeFailure(error), now);
    }
    this.pump();
  }

  private async failed(job: Job, m: Member, flight: Flight, f: AttemptFailure, now: number): Promise<void> {
    m.failed++;
    job.last = f;
    switch (f.blame) {
      case 'item':
        // The server answered: it is alive, and asking again would get the same refusal.
        m.streak = 0;
        return job.resolve(this.failure(job, 'permanent', f.message, `not retried: ${f.rule}`));
      case 'endpoint': {
        m.awaitingVerdict++;
        const up = await this.verdict(m, f.message);
        m.awaitingVerdict--;
        if (!up) return this.requeueFree(job, m, f);
        break;
      }
      case 'server':
        m.overloaded(flight, now);
        if (++m.streak >= STREAK) this.suspect(m, `${m.streak} failed requests in a row, the last: ${f.message}`);
        break;
      case 'overload':
        m.overloaded(flight, now);
        break;
    }
    this.charge(job, f);
  }

  /** Uses up one of the item's tries; retries after a backoff, or records the failure. */
  private charge(job: Job, f: AttemptFailure): void {
    job.charged++;
    if (job.charged >= this.opts.tries) {
      const n = job.attempts;
      return job.resolve(this.failure(job, 'transient', f.message, `gave up after ${n} attempt${n === 1 ? '' : 's'}: ${f.rule}`));
    }
    const timer = setTimeout(() => {
      this.sleeping.delete(timer);
      this.enqueue(job, true);
    }, backoffMs(job.charged, this.opts.backoffS, f.retryAfterS));
    this.sleeping.add(timer);
  }

  /** Its endpoint went down under it: ask again elsewhere, first in line, without using up a try. */
  private requeueFree(job: Job, m: Member, f: AttemptFailure | undefined): void {
    m.requeued++;
    const why = f ?? { kind: 'transient', message: `endpoint ${m.label} went down: ${m.reason}`, rule: 'its endpoint was taken out', blame: 'endpoint' };
    job.last = why;
    if (job.free >= this.freeLimit) return this.charge(job, why);
    job.free++;
    this.enqueue(job, true);
  }

  /** Whether the endpoint is up, once the /health check a failure calls for has answered. */
  private verdict(m: Member, reason: string): Promise<boolean> {
    if (m.state === 'down') return Promise.resolve(false);
    this.suspect(m, reason);
    return m.check ?? Promise.resolve(m.state === 'up');
  }

  /** No new work until /health answers; requests in flight carry on meanwhile. */
  private suspect(m: Member, reason: string): void {
    if (m.state !== 'up') return;
    m.state = 'checking';
    const check = this.checkNow(m, reason);
    m.check = check;
    void check.finally(() => {
      if (m.check === check) m.check = undefined;
    });
  }

  private async checkNow(m: Member, reason: string): Promise<boolean> {
    const health = await probeHealth(m.target.baseURL, m.target.apiKey, this.healthAgent);
    if (this.closed) return false;
    if (health.ok) {
      m.state = 'up';
      m.streak = 0;
      this.pump();
      return true;
    }
    this.takeDown(m, `${reason}; /health: ${health.detail}`);
    return false;
  }

  private takeDown(m: Member, reason: string): void {
    m.state = 'down';
    m.reason = reason;
    m.downs++;
    m.streak = 0;
    const flights = [...m.flights];
    for (const f of flights) {
      f.taken = true;
      f.cancel.abort();
    }
    const others = this.members.some((x) => x !== m && x.state !== 'down') ? 'other endpoints' : 'the first endpoint to recover';
    // Requests that already failed here and wait for this verdict move too.
    const displaced = flights.length + m.awaitingVerdict;
    const moved = displaced > 0 ? `; its ${displaced} request(s) in flight go to ${others}` : '';
    this.opts.log(`endpoint ${m.label} taken out (${reason})${moved}; re-checking /health`);
    m.recheckMs = this.recheck.firstMs;
    this.scheduleRecheck(m);
    this.watchAllDown();
  }

  private scheduleRecheck(m: Member): void {
    if (this.closed) return;
    m.timer = setTimeout(() => void this.recheckNow(m), m.recheckMs);
  }

  /** Back in only when /health is 200 and /v1/models still lists the model. */
  private async recheckNow(m: Member): Promise<void> {
    m.timer = undefined;
    const health = await probeHealth(m.target.baseURL, m.target.apiKey, this.healthAgent);
    let why = `/health: ${health.detail}`;
    if (health.ok) {
      const ids = await servedModels(m.target.baseURL, m.target.apiKey, this.healthAgent);
      if (Array.isArray(ids) && ids.includes(this.opts.modelId)) return this.bringBack(m);
      why = Array.isArray(ids) ? `it now serves ${ids.map((id) => `"${id}"`).join(', ') || 'no model'}, not "${this.opts.modelId}"` : `/v1/models: ${ids.detail}`;
    }
    if (this.closed) return;
    m.reason = why;
    m.recheckMs = Math.min(this.recheck.maxMs, m.recheckMs * 2);
    this.scheduleRecheck(m);
  }

  private bringBack(m: Member): void {
    if (this.closed) return;
    m.state = 'up';
    m.reason = '';
    m.streak = 0;
    this.opts.log(`endpoint ${m.label} is back (/health ok, serves "${this.opts.modelId}")`);
    this.watchAllDown();
    this.pump();
  }

  /** Every endpoint down: requests wait endpointWaitMs for one to recover, then fail. */
  private watchAllDown(): void {
    if (!this.members.every((m) => m.state === 'down')) {
      clearTimeout(this.giveUpTimer);
      this.giveUpTimer = undefined;
      this.gaveUp = false;
      return;
    }
    if (this.gaveUp || this.giveUpTimer !== undefined) return;
    this.giveUpTimer = setTimeout(() => {
      this.giveUpTimer = undefined;
      this.gaveUp = true;
      this.opts.log(`every endpoint is still down after ${this.opts.endpointWaitMs / 1000} s: the requests left are recorded as failed (the next run asks them again)`);
      for (const job of this.queue.splice(0)) this.abandon(job);
    }, this.opts.endpointWaitMs);
  }

  private abandon(job: Job): void {
    const reasons = this.members.map((m) => `${m.label}: ${m.reason}`).join('; ');
    job.resolve(this.failure(job, 'transient', `every endpoint is down (${reasons})`, `gave up waiting ${this.opts.endpointWaitMs / 1000} s for one to recover`));
  }

  private failure(job: Job, kind: 'transient' | 'permanent', message: string, why: string): PoolOutcome {
    return {
      status: 'failed',
      attempts: job.attempts,
      latency_ms: job.latency,
      error: `${message} [${why}]`,
      error_kind: kind,
      ...(job.last?.status !== undefined ? { http_status: job.last.status } : {}),
      ...(job.where !== undefined ? this.named(job.where) : {}),
    };
  }

  private named(m: Member): { endpoint?: string } {
    return this.members.length > 1 ? { endpoint: m.label } : {};
  }
}
