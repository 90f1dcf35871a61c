import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { diskFullAt } from '../core/errors.js';

/**
 * Writes to a temp file then renames, so a reader never sees half a report. Content given in chunks
 * is written chunk by chunk, so a large report is never one string in memory.
 */
export async function writeAtomic(file: string, content: string | Iterable<string>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    if (typeof content === 'string') {
      await writeFile(tmp, content);
    } else {
      const fh = await open(tmp, 'w');
      try {
        // writeFile, not write: write() may store part of a chunk on a full disk and not say so.
        for (const chunk of content) await fh.writeFile(chunk);
      } finally {
        await fh.close();
      }
    }
  } catch (err) {
    // A full disk leaves the old report in place and no half-written temp file taking space.
    await rm(tmp, { force: true });
    throw diskFullAt(file, err);
  }
  await rename(tmp, file);
}
