import { open, unlink } from 'node:fs/promises';
import { isProcessAlive, readPidFile } from '../../core/process.js';
import { DownloadError } from '../../core/errors.js';

/**
 * One download of a file at a time across processes: two runs with different work dirs may want
 * the same dataset, and two writers on one `.part` file would interleave bytes. The lock file holds
 * the owner's pid; a lock whose process is gone (kill -9) is stale and taken over.
 */
export async function withDownloadLock<T>(lockFile: string, what: string, fn: () => Promise<T>): Promise<T> {
  await acquire(lockFile, what);
  try {
    return await fn();
  } finally {
    await unlink(lockFile).catch(() => undefined);
  }
}

async function acquire(lockFile: string, what: string): Promise<void> {
  for (let tries = 0; tries < 3; tries++) {
    try {
      const fh = await open(lockFile, 'wx');
      await fh.write(`${process.pid}\n`);
      await fh.close();
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = await readPidFile(lockFile);
      if (owner !== undefined && owner !== process.pid && isProcessAlive(owner)) {
        throw new DownloadError(`${what} is being downloaded by another process (pid ${owner}, lock ${lockFile}); wait for it to finish and run again`);
      }
      await unlink(lockFile).catch(() => undefined);
    }
  }
  throw new DownloadError(`${what}: could not take the download lock ${lockFile}`);
}
