/** Live counters, read by benchmarks and tests (e.g. to check a client's concurrency limit). */
export interface MockStats {
  /** Every HTTP request received, on any route. */
  readonly requests: number;
  /** Chat completions answered with 200. */
  readonly completionsOk: number;
  /** Error responses sent, by HTTP status (simulated failures included). */
  readonly errorsByStatus: Readonly<Record<number, number>>;
  /** Injected faults acted out, by kind (see faults.ts). */
  readonly faults: Readonly<Record<string, number>>;
  /** Chat completion requests received, whatever became of them (a server closed mid-request counts). */
  readonly completionsReceived: number;
  /** Chat completions being handled right now. */
  readonly completionsInFlight: number;
  /** Requests being handled right now, and the most at once so far. */
  readonly inFlight: number;
  readonly maxInFlight: number;
}

export class LiveStats implements MockStats {
  requests = 0;
  completionsOk = 0;
  readonly errorsByStatus: Record<number, number> = {};
  readonly faults: Record<string, number> = {};
  completionsReceived = 0;
  completionsInFlight = 0;
  inFlight = 0;
  maxInFlight = 0;

  begin(): void {
    this.requests += 1;
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
  }

  end(): void {
    this.inFlight -= 1;
  }

  countFault(kind: string): void {
    this.faults[kind] = (this.faults[kind] ?? 0) + 1;
  }

  countStatus(status: number): void {
    if (status >= 400) this.errorsByStatus[status] = (this.errorsByStatus[status] ?? 0) + 1;
  }
}
