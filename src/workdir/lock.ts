/**
 * `.actial-eval.lock`: one run (or `score`, or `merge`) writes into a work dir at a time. The file
 * holds the owner's pid; a lock whose process is gone (kill -9) or a zombie is stale and taken over.
 */
import { mkdir, open, readFile, unlink } from 'node:fs/promises';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { isProcessAlive } from '../core/process.js';
import { lockPath } from './paths.js';

export const lockFileSchema = z
  .string()
  .regex(/^\s*[1-9]\d*\s*$/)
  .describe('the pid of the process holding the lock, and a newline (plain text, not JSON)');

/** The pid in a lock file, as text (what a user is shown); undefined when the file is absent. */
export async function readLockText(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

/** The owner's pid; undefined when the file is absent or holds no pid (a lock cut short: stale). */
export async function readLockOwner(file: string): Promise<number | undefined> {
  const text = await readLockText(file);
  return text !== undefined && lockFileSchema.safeParse(text).success ? Number(text.trim()) : undefined;
}

export class WorkDirLock {
  private constructor(private readonly file: string) {}

  static async acquire(workDir: string): Promise<WorkDirLock> {
    await mkdir(workDir, { recursive: true });
    const file = lockPath(workDir);
    for (let tries = 0; tries < 3; tries++) {
      try {
        const fh = await open(file, 'wx');
        await fh.write(`${process.pid}\n`);
        await fh.close();
        return new WorkDirLock(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const owner = await readLockOwner(file);
        if (owner !== undefined && owner !== process.pid && isProcessAlive(owner)) {
          throw new InputError(`work dir ${workDir} is in use by another actial-eval run (pid ${owner}); wait for it or use another --work-dir`);
        }
        await unlink(file).catch(() => undefined);
      }
    }
    throw new InputError(`work dir ${workDir}: could not take the lock file ${file}`);
  }

  async release(): Promise<void> {
    await unlink(this.file).catch(() => undefined);
  }
}
