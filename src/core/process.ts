import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

/** The pid written in a lock file, if it holds one. */
export async function readPidFile(file: string): Promise<number | undefined> {
  const pid = Number.parseInt((await readFile(file, 'utf8').catch(() => '')).trim(), 10);
  return Number.isFinite(pid) ? pid : undefined;
}

/**
 * True while the process runs (EPERM: it exists but belongs to someone else). A zombie (exited, not
 * yet reaped by its parent, common in containers without an init) still answers signal 0 but will
 * never release a lock: it counts as gone.
 */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM' && !isZombie(pid);
  }
  return !isZombie(pid);
}

/**
 * Linux: the state in /proc/<pid>/stat is `Z` (zombie) or `X` (dead). The command name before it
 * is in parentheses and may hold spaces and parentheses itself, so the state follows the last ')'.
 * Where /proc is missing (macOS) a process is never taken for a zombie.
 */
export function isZombie(pid: number): boolean {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return false;
  }
  const state = stat.slice(stat.lastIndexOf(')') + 1).trim()[0];
  return state === 'Z' || state === 'X';
}
