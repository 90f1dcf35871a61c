import { mkdir, open, unlink } from 'node:fs/promises';
import { isProcessAlive, readPidFile } from './pid-file.js';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';

/** The lock file in a work dir (merge reads it in shard dirs it must not lock: see src/shard/merge.ts). */
export const LOCK_FILE = '.actial-eval.lock';

/**
 * One run per work dir at a time. The lock file holds the owner's pid; a lock whose process is gone
 * (kill -9) is stale and taken over.
 */
export class WorkDirLock {
  private constructor(private readonly file: string) {}

  static async acquire(workDir: string): Promise<WorkDirLock> {
    await mkdir(workDir, { recursive: true });
    const file = join(workDir, LOCK_FILE);
    for (let tries = 0; tries < 3; tries++) {
      try {
        const fh = await open(file, 'wx');
        await fh.write(`${process.pid}\n`);
        await fh.close();
        return new WorkDirLock(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
        const owner = await readPidFile(file);
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
