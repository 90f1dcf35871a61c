import type { DownloadSink } from './options.js';

/**
 * Progress of one file download on stderr: a bar redrawn in place on a terminal; elsewhere (CI,
 * pipes) a line at the start, one every 10 s and one at the end. Every line starts with
 * `download: ` so logs can be filtered.
 */
export class DownloadProgress {
  private done = 0;
  private total: number | undefined;
  private started = performance.now();
  private startedAt = 0;
  private lastDraw = 0;

  constructor(
    private readonly label: string,
    private readonly sink: DownloadSink,
  ) {}

  /** A (re)started transfer: `from` bytes are already on disk, `total` is the full size if known. */
  begin(from: number, total: number | undefined, source: string): void {
    this.done = from;
    this.total = total;
    this.started = performance.now();
    this.startedAt = from;
    const size = total !== undefined ? ` (${mb(total)})` : '';
    const resume = from > 0 ? `, resuming at ${mb(from)}` : '';
    this.line(`${source} → ${this.label}${size}${resume}`);
  }

  add(bytes: number): void {
    this.done += bytes;
    const now = performance.now();
    if (now - this.lastDraw < (this.sink.isTTY ? 250 : 10_000)) return;
    this.lastDraw = now;
    if (this.sink.isTTY) this.sink.write(`\r\x1b[2Kdownload: ${this.label} ${this.status()}`);
    else this.line(`${this.label}: ${this.status()}`);
  }

  /** A note on its own line (a retry, a checksum result). */
  note(text: string): void {
    this.line(`${this.label}: ${text}`);
  }

  private line(text: string): void {
    this.sink.write(`${this.sink.isTTY ? '\r\x1b[2K' : ''}download: ${text}\n`);
  }

  private status(): string {
    const secs = (performance.now() - this.started) / 1000;
    const rate = secs > 0 ? (this.done - this.startedAt) / secs : 0;
    const total = this.total;
    if (total === undefined || total === 0) return `${mb(this.done)} ${mb(rate)}/s`;
    const fraction = Math.min(1, this.done / total);
    const eta = rate > 0 ? `${Math.ceil((total - this.done) / rate)}s` : '-';
    const full = Math.round(fraction * 24);
    return `[${'#'.repeat(full)}${'.'.repeat(24 - full)}] ${mb(this.done)}/${mb(total)} ${mb(rate)}/s ETA ${eta}`;
  }
}

export function mb(bytes: number): string {
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}
