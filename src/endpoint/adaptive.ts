/**
 * Adaptive concurrency for one endpoint (`"concurrency": "auto"`).
 *
 * vLLM never answers 429 when overloaded: it queues, so the only signals are latency and
 * throughput. The controller works in windows of about one round trip (as many answers as the
 * limit, at least MIN_WINDOW), judging only requests sent under the current limit. Throughput is
 * estimated by Little's law (mean requests in flight / mean latency), which is exact at steady
 * state and, unlike counting answers per second, not skewed by the requests of the previous limit.
 * After each window:
 * - errors (5xx, timeouts, 429): halve the limit, at most once per window;
 * - median latency above BACKOFF_LATENCY × its floor: requests are queueing, cut by a quarter;
 * - the last change was a raise and throughput did not rise with it (by at least GAIN_SHARE of the
 *   raise): the server is full, go back to the previous limit;
 * - the limit was not reached during the window: the caller had no more work, so the window says
 *   nothing about a larger limit: hold;
 * - median latency above GROW_LATENCY × its floor: hold;
 * - otherwise raise: doubling until the first sign of saturation, then by a tenth, and once
 *   settled only every PROBE_EVERY windows (a probe that is undone if it brings nothing).
 * The first WARMUP_WINDOWS windows only warm up. Batching servers (vLLM) answer each request somewhat slower as the batch grows while serving many
 * more, so the latency bounds are loose and throughput decides. The floor is the lowest window
 * median seen, rising by FLOOR_DRIFT_PER_MIN so it can follow a server that became slower for good.
 * The limit stays in [min, max]. Time comes from the caller: deterministic under simulation.
 */

export interface AdaptiveOptions {
  readonly max: number;
  readonly min?: number;
  readonly initial?: number;
}

const MIN_WINDOW = 4;
const GROW_LATENCY = 2;
const BACKOFF_LATENCY = 3;
const GAIN_SHARE = 0.25;
const FLOOR_DRIFT_PER_MIN = 0.05;
const PROBE_EVERY = 5;
const DEFAULT_INITIAL = 4;
/**
 * Windows judged by nothing at the start: the first answers are slow for reasons that pass (new
 * connections, code not yet compiled, a server's own warm-up), and a floor or baseline taken from
 * them would let the limit grow far past the point where latency really climbs.
 */
const WARMUP_WINDOWS = 2;

/** Which window a request started in: answers to requests sent under an older limit are not judged. */
export interface WindowToken {
  readonly epoch: number;
  readonly inFlight: number;
}

export class AdaptiveLimit {
  private current: number;
  private readonly min: number;
  private readonly max: number;
  private floor = Number.POSITIVE_INFINITY;
  private floorAt = 0;
  private slowStart = true;
  /** The limit before the last raise, to go back to when the raise brought nothing. */
  private beforeRaise: number | undefined;
  private lastThroughput = 0;
  private quietWindows = 0;
  private warmup = WARMUP_WINDOWS;
  // The open window.
  private epoch = 0;
  private latencies: number[] = [];
  private inFlightSum = 0;
  private responses = 0;
  private errors = 0;
  private peak = 0;
  private cutThisWindow = false;

  constructor(options: AdaptiveOptions) {
    this.max = Math.max(1, Math.floor(options.max));
    this.min = Math.min(this.max, Math.max(1, Math.floor(options.min ?? 1)));
    this.current = clamp(options.initial ?? DEFAULT_INITIAL, this.min, this.max);
  }

  get limit(): number {
    return this.current;
  }

  /** A request starts with `inFlight` requests (itself included) at the endpoint. */
  onStart(inFlight: number): WindowToken {
    this.peak = Math.max(this.peak, inFlight);
    return { epoch: this.epoch, inFlight };
  }

  /** An answer arrived after `latencyMs`. */
  onSuccess(token: WindowToken, latencyMs: number, now: number): void {
    if (token.epoch !== this.epoch) return;
    this.latencies.push(latencyMs);
    this.inFlightSum += token.inFlight;
    this.respond(now);
  }

  /** A request failed in a way that may mean overload (5xx, timeout, 429): cut at once. */
  onError(token: WindowToken, now: number): void {
    if (!this.cutThisWindow) return this.cut(Math.floor(this.current / 2), now);
    if (token.epoch !== this.epoch) return;
    this.errors++;
    this.respond(now);
  }

  private respond(now: number): void {
    if (++this.responses < Math.max(MIN_WINDOW, this.current)) return;
    if (this.errors > 0) return this.cut(Math.floor(this.current / 2), now);
    if (this.warmup > 0) {
      this.warmup--;
      this.floorAt = now;
      return this.openWindow();
    }
    const median = medianOf(this.latencies);
    const mean = this.latencies.reduce((a, b) => a + b, 0) / this.latencies.length;
    const throughput = this.inFlightSum / this.latencies.length / mean;
    const minutes = (now - this.floorAt) / 60_000;
    this.floor = Math.min(this.floor * (1 + FLOOR_DRIFT_PER_MIN * minutes), median);
    this.floorAt = now;
    this.decide(median, throughput, this.peak >= this.current);
    this.lastThroughput = throughput;
    this.openWindow();
  }

  private decide(median: number, throughput: number, limited: boolean): void {
    const raisedFrom = this.beforeRaise;
    this.beforeRaise = undefined;
    if (median > this.floor * BACKOFF_LATENCY) return this.settle(Math.floor(this.current * 0.75));
    if (raisedFrom !== undefined && limited && throughput < this.lastThroughput * (1 + GAIN_SHARE * (this.current / raisedFrom - 1))) {
      // More requests in flight brought no more answers per second: the server is full.
      return this.settle(raisedFrom);
    }
    if (!limited) return;
    if (median > this.floor * GROW_LATENCY) return this.settle(this.current);
    if (!this.slowStart && raisedFrom === undefined && ++this.quietWindows < PROBE_EVERY) return;
    this.quietWindows = 0;
    const next = clamp(this.slowStart ? this.current * 2 : this.current + Math.max(1, Math.round(this.current / 10)), this.min, this.max);
    if (next > this.current) this.beforeRaise = this.current;
    this.current = next;
  }

  /** Leaves slow start for good and sets the limit. */
  private settle(limit: number): void {
    this.slowStart = false;
    this.quietWindows = 0;
    this.current = clamp(limit, this.min, this.max);
  }

  private cut(limit: number, now: number): void {
    this.settle(limit);
    this.beforeRaise = undefined;
    this.floorAt = Math.max(this.floorAt, now);
    this.openWindow();
    this.cutThisWindow = true;
  }

  private openWindow(): void {
    this.epoch++;
    this.latencies = [];
    this.inFlightSum = 0;
    this.responses = 0;
    this.errors = 0;
    this.peak = 0;
    this.cutThisWindow = false;
  }
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, Math.floor(n)));
}

function medianOf(xs: readonly number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}
