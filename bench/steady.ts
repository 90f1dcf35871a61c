/**
 * Throughput once the pipeline is full. With a fixed latency L, answers arrive in a pattern that
 * repeats every L, so the window is a whole number of periods: from 2·L after the first request
 * (the ramp-up, when requests are still being prepared one after the other, is over) to as many
 * whole periods as fit before the last 2·L (the tail, when fewer than C requests are left).
 */
export interface Steady {
  readonly ratePerS: number;
  readonly windowMs: number;
  readonly answers: number;
}

export function steadyRate(answeredAtMs: readonly number[], latencyMs: number): Steady | undefined {
  const last = answeredAtMs.reduce((a, b) => Math.max(a, b), 0);
  const start = 2 * latencyMs;
  const periods = Math.floor((last - 4 * latencyMs) / latencyMs);
  if (periods < 3) return undefined;
  const end = start + periods * latencyMs;
  const answers = answeredAtMs.filter((t) => t >= start && t < end).length;
  return { ratePerS: answers / ((end - start) / 1000), windowMs: end - start, answers };
}
