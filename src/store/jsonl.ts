import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/**
 * Reads a JSONL file line by line. A last line without its newline is a write cut short by a kill:
 * it is reported as torn and not parsed. Any other unparsable line is corruption and an error.
 */
export async function* readJsonl(file: string): AsyncGenerator<{ line: number; value: unknown }> {
  const complete = await completeLength(file);
  if (complete === 0) return;
  const rl = createInterface({ input: createReadStream(file, { end: complete - 1 }), crlfDelay: Infinity });
  let line = 0;
  for await (const text of rl) {
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
