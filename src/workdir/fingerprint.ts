/** The run header's `dataset_fingerprint`: which data file(s) a run read, without reading them whole. */
import { createHash } from 'node:crypto';
import { open, stat } from 'node:fs/promises';

const EDGE = 4 * 1024 * 1024;

/**
 * Identifies a data file without reading all of it (datasets reach many GB): sha256 over its size,
 * first 4 MiB and last 4 MiB. Named a fingerprint, not a hash, because it is one.
 */
export async function fileFingerprint(file: string): Promise<string> {
  const { size } = await stat(file);
  const h = createHash('sha256').update(`size:${size}\0`);
  const fh = await open(file, 'r');
  try {
    const head = Buffer.alloc(Math.min(EDGE, size));
    await fh.read(head, 0, head.length, 0);
    h.update(head);
    if (size > EDGE) {
      const tail = Buffer.alloc(Math.min(EDGE, size - EDGE));
      await fh.read(tail, 0, tail.length, size - tail.length);
      h.update(tail);
    }
  } finally {
    await fh.close();
  }
  return `sha256-edges:${h.digest('hex').slice(0, 32)}`;
}

/** One fingerprint for a dataset spread over several files. */
export async function filesFingerprint(files: readonly string[]): Promise<string> {
  if (files.length === 1) return fileFingerprint(files[0] as string);
  const parts = await Promise.all(files.map(fileFingerprint));
  return `sha256-edges:${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32)}`;
}
