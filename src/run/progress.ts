/**
 * Progress of one (model, dataset): on a terminal a bar redrawn in place (done/total, req/s, ETA,
 * failures); elsewhere (CI, pipes) a plain line every few seconds and one at the end.
 */
export interface ProgressSink {
  readonly isTTY: boolean;
  write(text: string): void;
}

export class Progress {
  private skipped = 0;
  private pending = 0;
  private ok = 0;
  private failed = 0;
  private lastError: string | undefined;
  /** Fraction of the data file streamed so far, when its size is known. */
  private fileFraction: number | undefined;
  private readonly started = performance.now();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly label: string,
    private readonly sink: ProgressSink,
    private readonly intervalMs: number = sink.isTTY ? 250 : 10_000,
  ) {
    this.timer = setInterval(() => this.render(false), this.intervalMs);
    this.timer.unref();
  }

  /** Position in the data file: gives a bar and an ETA before the row count is known. */
  position(offset: number, size: number): void {
    if (size > 0) this.fileFraction = Math.min(1, offset / size);
  }

  skip(): void {
    this.skipped++;
  }

  addPending(): void {
    this.pending++;
  }

  done(ok: boolean, error?: string): void {
    this.pending--;
    if (ok) this.ok++;
    else {
      this.failed++;
      this.lastError = error;
    }
  }

  finish(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.render(true);
  }

  private render(final: boolean): void {
    const answered = this.ok + this.failed;
    const known = this.skipped + answered + this.pending;
    const secs = (performance.now() - this.started) / 1000;
    const rate = secs > 0 ? answered / secs : 0;
    const eta = etaText(secs, this.fileFraction, rate, this.pending);
    const fails = this.failed > 0 ? ` failed ${this.failed}${this.lastError !== undefined ? ` (last: ${truncate(this.lastError, 60)})` : ''}` : '';
    const resumed = this.skipped > 0 ? ` resumed ${this.skipped}` : '';
    const counts = `${this.skipped + answered}/${known}`;
    if (this.sink.isTTY) {
      const bar = renderBar(this.fileFraction ?? (known === 0 ? 0 : (this.skipped + answered) / known), 24);
      this.sink.write(`\r\x1b[2K${this.label} ${bar} ${counts} ${rate.toFixed(1)} req/s ETA ${eta}${resumed}${fails}${final ? '\n' : ''}`);
    } else if (final || answered > 0) {
      this.sink.write(`${this.label}: ${counts} answered, ${rate.toFixed(1)} req/s${final ? ` in ${secs.toFixed(1)}s` : `, ETA ${eta}`}${resumed}${fails}\n`);
    }
  }
}

function etaText(secs: number, fileFraction: number | undefined, rate: number, pending: number): string {
  if (fileFraction !== undefined && fileFraction > 0 && fileFraction < 1) return `${Math.ceil((secs * (1 - fileFraction)) / fileFraction)}s`;
  return rate > 0 && pending > 0 ? `${Math.ceil(pending / rate)}s` : '-';
}

function renderBar(fraction: number, width: number): string {
  const full = Math.round(Math.min(1, Math.max(0, fraction)) * width);
  return `[${'#'.repeat(full)}${'.'.repeat(width - full)}]`;
}

function truncate(text: string, n: number): string {
  const one = text.replace(/\s+/g, ' ');
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
}
