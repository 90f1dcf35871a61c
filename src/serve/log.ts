import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import type { Redactor } from '../core/secrets.js';

const TAIL_LINES = 20;
/** A line longer than this (a progress bar redrawn with \r, say) is written without waiting for its end. */
const MAX_LINE = 64 * 1024;

/**
 * The server's log in the work dir: its stdout and stderr line by line, with actial-eval's own
 * timestamped lines (start, ready, stop) between them. Appended, so the log of every run stays.
 * Output passes through the redactor a whole line at a time: vLLM prints its arguments at start-up,
 * `--api-key` included, and a key split across two chunks would slip past a per-chunk mask.
 */
export class ServeLog {
  private readonly tailLines: string[] = [];

  private constructor(
    readonly file: string,
    private readonly stream: WriteStream,
    private readonly secrets: Redactor,
  ) {}

  static async open(file: string, secrets: Redactor): Promise<ServeLog> {
    await mkdir(dirname(file), { recursive: true });
    const stream = createWriteStream(file, { flags: 'a' });
    // A log that cannot be written must not crash the run through an unhandled 'error' event.
    stream.on('error', () => undefined);
    return new ServeLog(file, stream, secrets);
  }

  /** One line of actial-eval's own, timestamped so start, ready and stop can be timed. */
  note(text: string): void {
    this.write(`[actial-eval ${new Date().toISOString()}] ${text}`);
  }

  /** Copies a child stream into the log line by line. */
  attach(source: Readable): void {
    let pending = '';
    source.setEncoding('utf8');
    source.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) this.write(line);
      if (pending.length > MAX_LINE) {
        this.write(pending);
        pending = '';
      }
    });
    source.on('end', () => {
      if (pending !== '') this.write(pending);
      pending = '';
    });
    source.on('error', () => undefined);
  }

  /** The last lines written (already masked), for error messages. */
  tail(): readonly string[] {
    return this.tailLines;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.stream.end(resolve));
  }

  private write(raw: string): void {
    const line = this.secrets.redact(raw.replace(/\r$/, ''));
    this.tailLines.push(line);
    if (this.tailLines.length > TAIL_LINES) this.tailLines.shift();
    if (!this.stream.writableEnded) this.stream.write(`${line}\n`);
  }
}
