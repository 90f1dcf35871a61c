/** Shared by the serve tests: the built-in mock as the managed command, and pid checks. */
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../../', import.meta.url)));
export const CLI = join(REPO_ROOT, 'bin', 'actial-eval.js');
export const SERVED = 'served-x';

/** `actial-eval mock-server` on the managed port, serving SERVED: vLLM's protocol without a GPU. */
export function mockCommand(...extra: string[]): string[] {
  return ['node', CLI, 'mock-server', '--port', '{port}', '--model-id', SERVED, ...extra];
}

/** A command that runs but never answers: a server stuck while loading. */
export const NEVER_READY = ['node', '-e', 'setTimeout(() => {}, 1e6)'];

/** state, ppid, pgrp, ... of /proc/<pid>/stat; undefined when there is no such process (or no /proc). */
function stat(pid: number): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/**
 * Running (not a zombie): an orphan killed after its parent died is re-parented to init, which in a
 * container may reap it a second later; signal 0 alone would still find it.
 */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  return stat(pid)?.[0] !== 'Z';
}

/** Any running process left in the group led by `pid` (a forked worker, say). */
export function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
  } catch {
    return false;
  }
  const members = readdirSync('/proc').filter((e) => /^\d+$/.test(e)).map((e) => stat(Number(e)));
  return members.some((f) => f !== undefined && Number(f[2]) === pid && f[0] !== 'Z');
}

/** Pids the log says were started, oldest first. */
export async function startedPids(logFile: string): Promise<number[]> {
  const text = await readFile(logFile, 'utf8');
  return [...text.matchAll(/started pid (\d+)/g)].map((m) => Number(m[1]));
}

export async function lastStartedPid(logFile: string): Promise<number> {
  const pid = (await startedPids(logFile)).at(-1);
  if (pid === undefined) throw new Error(`no "started pid" line in ${logFile}`);
  return pid;
}

/** Test clean-up of last resort: whatever a failed test left running dies with it. */
export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
