import { readFile } from 'node:fs/promises';

/** The pid written in a lock file, if it holds one. */
export async function readPidFile(file: string): Promise<number | undefined> {
  const pid = Number.parseInt((await readFile(file, 'utf8').catch(() => '')).trim(), 10);
  return Number.isFinite(pid) ? pid : undefined;
}

/** True while the process exists (EPERM: it exists but belongs to someone else). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
