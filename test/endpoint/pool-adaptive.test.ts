/**
 * The adaptive concurrency controller against simulated servers: a discrete-event simulation with
 * virtual time, so every run is deterministic. The client keeps `limit` requests in flight (or fewer
 * when it has no more work); each request's latency is the server's answer to how many are in flight.
 */
import { describe, expect, it } from 'vitest';
import { AdaptiveLimit, type WindowToken } from '../../src/endpoint/adaptive.js';

type Server = (inFlight: number, now: number) => number;

interface SimOptions {
  readonly max: number;
  readonly untilMs: number;
  /** Most requests the client has to send at once (default unlimited). */
  readonly demand?: number;
  /** A request answered at this time fails instead (for error bursts). */
  readonly failsAt?: (now: number) => boolean;
}

interface SimResult {
  readonly final: number;
  readonly lowest: number;
  readonly highest: number;
  /** Limits seen over the last quarter of the run. */
  readonly tail: readonly number[];
  /** Answers per second over the last quarter of the run. */
  readonly tailRate: number;
}

function simulate(server: Server, opts: SimOptions): SimResult {
  const ctl = new AdaptiveLimit({ max: opts.max });
  const pending: { end: number; start: number; token: WindowToken }[] = [];
  let now = 0;
  let lowest = ctl.limit;
  let highest = ctl.limit;
  const tail: number[] = [];
  let tailDone = 0;
  const fill = (): void => {
    while (pending.length < Math.min(ctl.limit, opts.demand ?? Number.POSITIVE_INFINITY)) {
      const token = ctl.onStart(pending.length + 1);
      pending.push({ start: now, end: now + server(pending.length + 1, now), token });
    }
  };
  fill();
  while (now < opts.untilMs) {
    pending.sort((a, b) => a.end - b.end);
    const next = pending.shift();
    if (next === undefined) break;
    now = next.end;
    if (opts.failsAt?.(now) === true) ctl.onError(next.token, now);
    else ctl.onSuccess(next.token, now - next.start, now);
    lowest = Math.min(lowest, ctl.limit);
    highest = Math.max(highest, ctl.limit);
    if (now > opts.untilMs * 0.75) {
      tail.push(ctl.limit);
      tailDone++;
    }
    fill();
  }
  return { final: ctl.limit, lowest, highest, tail, tailRate: tailDone / (opts.untilMs / 4000) };
}

/** Serves `capacity` requests at `baseMs` each; beyond that, requests queue (processor sharing). */
const saturating = (capacity: number, baseMs: number): Server => (n) => (n <= capacity ? baseMs : (baseMs * n) / capacity);

/** vLLM-like batching: each request a little slower as the batch grows, throughput still rising. */
const batching = (baseMs: number, halfAt: number): Server => (n) => baseMs * (1 + n / halfAt);

describe('AdaptiveLimit (simulated servers, virtual time)', () => {
  it('finds the capacity of a server that queues beyond it, and stays near it', () => {
    const r = simulate(saturating(24, 100), { max: 256, untilMs: 120_000 });
    expect(r.highest).toBeLessThanOrEqual(256);
    for (const limit of r.tail) {
      expect(limit).toBeGreaterThanOrEqual(16);
      expect(limit).toBeLessThanOrEqual(48);
    }
    // Throughput near the server's best (24 per 100 ms = 240/s).
    expect(r.tailRate).toBeGreaterThan(0.8 * 240);
  });

  it('keeps growing on a batching server whose throughput keeps rising, up to its max', () => {
    const r = simulate(batching(200, 128), { max: 64, untilMs: 120_000 });
    expect(r.final).toBe(64);
    expect(Math.min(...r.tail)).toBeGreaterThanOrEqual(58);
  });

  it('backs off when the server becomes slow (latency climbs far above its floor)', () => {
    const server: Server = (n, now) => (now < 30_000 ? saturating(32, 50)(n, now) : saturating(4, 250)(n, now));
    const r = simulate(server, { max: 128, untilMs: 90_000 });
    const before = simulate(saturating(32, 50), { max: 128, untilMs: 30_000 }).final;
    expect(before).toBeGreaterThanOrEqual(24);
    expect(r.final).toBeLessThan(before);
    expect(r.final).toBeLessThanOrEqual(12);
  });

  it('halves on errors and never leaves [1, max]', () => {
    const r = simulate(saturating(16, 20), { max: 40, untilMs: 60_000, failsAt: (t) => t > 20_000 && t < 40_000 });
    expect(r.lowest).toBe(1);
    expect(r.highest).toBeLessThanOrEqual(40);
    // Recovers once the errors stop.
    expect(r.final).toBeGreaterThanOrEqual(12);
  });

  it('does not grow when the caller has no more work than the limit (app-limited)', () => {
    const r = simulate(saturating(64, 100), { max: 256, untilMs: 30_000, demand: 3 });
    expect(r.highest).toBe(4);
  });

  it('is deterministic: the same inputs give the same limits', () => {
    const a = simulate(saturating(20, 80), { max: 100, untilMs: 40_000 });
    const b = simulate(saturating(20, 80), { max: 100, untilMs: 40_000 });
    expect(a).toEqual(b);
  });

  it('starts at min(4, max) and respects a max of 1', () => {
    expect(new AdaptiveLimit({ max: 100 }).limit).toBe(4);
    expect(new AdaptiveLimit({ max: 2 }).limit).toBe(2);
    const r = simulate(saturating(64, 10), { max: 1, untilMs: 5_000 });
    expect(r.highest).toBe(1);
    expect(r.lowest).toBe(1);
  });
});
