import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';

/**
 * Reads a JSONL file line by line. A last line without its newline is a write cut short by a kill:
 * it is not read (the caller sees it as torn). Any other unparsable line is corruption and an error.
 * Lines are split on '\n' in byte chunks rather than with readline, which is several times slower on
 * stores of 100k lines.
 */
export async function* readJsonl(file: string): AsyncGenerator<{ line: number; value: unknown }> {
  const complete = await completeLength(file);
  if (complete === 0) return;
  let line = 0;
  for await (const text of lines(file, complete)) {
    line++;
    if (text.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw new Error(`${file}:${line}: not a JSON line; the file was edited or corrupted (move it away to start over)`);
    }
    yield { line, value };
  }
}

/** The lines of the first `length` bytes (which end with a newline), without their terminators. */
async function* lines(file: string, length: number): AsyncGenerator<string> {
  let rest = '';
  for await (const chunk of createReadStream(file, { end: length - 1, encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = rest + (chunk as string);
    let start = 0;
    for (let nl = text.indexOf('\n'); nl !== -1; nl = text.indexOf('\n', start)) {
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      yield text.slice(start, end);
      start = nl + 1;
    }
    rest = text.slice(start);
  }
  if (rest !== '') yield rest;
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
