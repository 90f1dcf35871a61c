import { open, stat, type FileHandle } from 'node:fs/promises';
import { WorkDirError } from './errors.js';

const CHUNK_BYTES = 1 << 20;

/**
 * Reads a JSONL file line by line. A last line without its newline is a write cut short by a kill:
 * it is not read (the caller sees it as torn). Any other unparsable line is corruption and an error.
 */
export async function* readJsonl(file: string): AsyncGenerator<{ line: number; value: unknown }> {
  for await (const lines of lineBatches(file)) {
    const batch: { line: number; value: unknown }[] = [];
    forEachValue(file, lines, (value, line) => batch.push({ line, value }));
    yield* batch;
  }
}

/**
 * `readJsonl` for callers that only look at each value: one await per megabyte instead of two
 * async generators per line, which on stores of 100k lines cost more than the parsing.
 */
export async function forEachJsonl(file: string, visit: (value: unknown, line: number) => void): Promise<void> {
  for await (const lines of lineBatches(file)) forEachValue(file, lines, visit);
}

/** Complete lines of a file, a chunk at a time, with the number of the first. */
interface LineBatch {
  readonly first: number;
  readonly lines: readonly string[];
}

function forEachValue(file: string, batch: LineBatch, visit: (value: unknown, line: number) => void): void {
  for (let i = 0; i < batch.lines.length; i++) {
    const text = batch.lines[i] as string;
    const line = batch.first + i;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new WorkDirError(`${file}:${line}: not a JSON line; the file was edited or corrupted (move it away to start over)`);
    }
    visit(value, line);
  }
}

/**
 * The complete lines (those ending with a newline) in batches, without their terminators. Split on
 * bytes: a newline byte is never part of a multi-byte UTF-8 character, so each batch decodes alone.
 */
async function* lineBatches(file: string): AsyncGenerator<LineBatch> {
  const complete = await completeLength(file);
  if (complete === 0) return;
  const fh = await open(file, 'r');
  try {
    let buf = Buffer.allocUnsafe(Math.min(CHUNK_BYTES, complete));
    let held = 0;
    let pos = 0;
    let first = 1;
    while (pos < complete) {
      // A line longer than the buffer: grow it until the line fits.
      if (held === buf.length) buf = Buffer.concat([buf, Buffer.allocUnsafe(buf.length)]);
      const bytesRead = await readSome(fh, buf, held, Math.min(buf.length - held, complete - pos), pos);
      pos += bytesRead;
      const end = buf.lastIndexOf(0x0a, held + bytesRead - 1) + 1;
      held += bytesRead;
      if (end === 0) continue;
      const lines = splitLines(buf.toString('utf8', 0, end - 1));
      yield { first, lines };
      first += lines.length;
      buf.copy(buf, 0, end, held);
      held -= end;
    }
  } finally {
    await fh.close();
  }
}

async function readSome(fh: FileHandle, buf: Buffer, offset: number, length: number, position: number): Promise<number> {
  const { bytesRead } = await fh.read(buf, offset, length, position);
  if (bytesRead === 0) throw new Error('the file shrank while it was read');
  return bytesRead;
}

/** `text.split('\n')` with a '\r' before a newline dropped too. */
function splitLines(text: string): string[] {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i] as string;
    if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/** Byte length of the file up to and including its last newline (0 if missing). */
export async function completeLength(file: string): Promise<number> {
  let size: number;
  try {
    size = (await stat(file)).size;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw err;
  }
  if (size === 0) return 0;
  const fh = await open(file, 'r');
  try {
    const chunk = Buffer.alloc(64 * 1024);
    let end = size;
    while (end > 0) {
      const start = Math.max(0, end - chunk.length);
      const { bytesRead } = await fh.read(chunk, 0, end - start, start);
      const nl = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (nl >= 0) return start + nl + 1;
      end = start;
    }
    return 0;
  } finally {
    await fh.close();
  }
}
