import { readFile, rm, writeFile } from 'node:fs/promises';
import { groupAlive, procStatFields, signalGroup, waitGroupGone } from './process-group.js';

/**
 * `M/M.serve.pid` records the running server so that one left behind by an actial-eval killed with
 * kill -9 (no handler runs then) is found and stopped by the next run. A pid alone could by now
 * belong to an unrelated process, so the file also holds the process's start time (Linux /proc) and
 * the owner's pid: a server is only reclaimed when its owner is gone and the start time still matches.
 */
export interface PidRecord {
  readonly pid: number;
  /** Field 22 of /proc/<pid>/stat (clock ticks after boot); null where /proc is missing. */
  readonly start_time: string | null;
  /** The actial-eval process that started it. */
  readonly owner: number;
  /** For people reading the file; secrets are masked. */
  readonly command: string;
}

export function processStartTime(pid: number): string | null {
  // Field 22 of the file is the 20th after the command name.
  return procStatFields(pid)?.[19] ?? null;
}

export async function writePidFile(file: string, record: PidRecord): Promise<void> {
  await writeFile(file, `${JSON.stringify(record)}\n`);
}

async function readPidFile(file: string): Promise<PidRecord | undefined> {
  try {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as Partial<PidRecord>;
    if (typeof parsed.pid !== 'number' || typeof parsed.owner !== 'number') return undefined;
    return { pid: parsed.pid, owner: parsed.owner, start_time: parsed.start_time ?? null, command: parsed.command ?? '' };
  } catch {
    return undefined;
  }
}

export type Leftover =
  | { readonly kind: 'none' }
  /** Started by a live actial-eval (e.g. `actial-eval serve`): not ours to stop. */
  | { readonly kind: 'owned'; readonly record: PidRecord }
  | { readonly kind: 'stopped'; readonly record: PidRecord }
  /** Alive, but not provably ours: left alone, reported. */
  | { readonly kind: 'unverified'; readonly record: PidRecord };

/** Stops a server an earlier, killed run left running; see the class comment for when. */
export async function reclaimLeftover(file: string, stopTimeoutMs: number): Promise<Leftover> {
  const record = await readPidFile(file);
  if (record === undefined) return { kind: 'none' };
  // A live owner (or a process that took its pid since): leave its server alone, the cautious side.
  if (record.owner !== process.pid && isProcessAlive(record.owner)) return { kind: 'owned', record };
  await rm(file, { force: true });
  if (!groupAlive(record.pid)) return { kind: 'none' };
  const now = processStartTime(record.pid);
  if (record.start_time === null || now !== record.start_time) return { kind: 'unverified', record };
  signalGroup(record.pid, 'SIGTERM');
  if (!(await waitGroupGone(record.pid, stopTimeoutMs, () => true))) {
    signalGroup(record.pid, 'SIGKILL');
    await waitGroupGone(record.pid, 10_000, () => true);
  }
  return { kind: 'stopped', record };
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
  // A killed owner its parent has not reaped yet is a zombie: gone for our purpose.
  return procStatFields(pid)?.[0] !== 'Z';
}
