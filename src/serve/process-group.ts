import { readdirSync, readFileSync } from 'node:fs';

/**
 * Process groups of managed servers. vLLM forks workers (one per GPU, plus engine processes), so
 * the server is started as the leader of its own group and stopped by signalling the whole group:
 * killing only the leader would leave the workers holding the GPUs. POSIX only.
 */

/** Groups still running, killed synchronously if actial-eval exits before stopping them. */
const live = new Set<number>();
let exitHooked = false;

/** SIGKILL on the way out: 'exit' listeners cannot wait, so there is no grace period here. */
function killAllNow(): void {
  for (const pgid of live) signalGroup(pgid, 'SIGKILL');
  live.clear();
}

/**
 * SIGHUP (terminal closed) would end node without an 'exit' event; while a server runs it becomes a
 * normal exit, so the groups above are killed. SIGINT/SIGTERM belong to the commands, which stop
 * the server gracefully (src/cli/run.ts, src/cli/serve.ts); a second Ctrl-C there calls
 * process.exit, which lands in killAllNow.
 */
function onHangup(): void {
  process.exit(129);
}

export function trackGroup(pgid: number): void {
  if (!exitHooked) {
    process.on('exit', killAllNow);
    exitHooked = true;
  }
  if (live.size === 0) process.on('SIGHUP', onHangup);
  live.add(pgid);
}

export function untrackGroup(pgid: number): void {
  if (!live.delete(pgid)) return;
  if (live.size === 0) process.off('SIGHUP', onHangup);
}

/** True when the signal was delivered (some process of the group exists). */
export function signalGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (err) {
    // EPERM: it exists but is not ours to signal, which for our own child's group means it is alive.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Whether any process of the group still runs. A killed process whose parent has gone (an orphan
 * re-parented to init, which in a container may reap late) stays a zombie that signal 0 still finds;
 * on Linux /proc tells the two apart.
 */
export function groupAlive(pgid: number): boolean {
  if (!signalGroup(pgid, 0)) return false;
  return runningMembers(pgid) ?? true;
}

/** True if a non-zombie process of the group exists; undefined without /proc. */
function runningMembers(pgid: number): boolean | undefined {
  let entries: string[];
  try {
    entries = readdirSync('/proc');
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    const fields = procStatFields(Number(entry));
    // After the command name: state, ppid, pgrp.
    if (fields !== undefined && Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') return true;
  }
  return false;
}

/** The fields of /proc/<pid>/stat after the command name (state first), or undefined. */
export function procStatFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: count from the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** Polls until every process of the group is gone; false if `timeoutMs` passes first. */
export async function waitGroupGone(pgid: number, timeoutMs: number, leaderExited: () => boolean): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // The leader is our child: until node reaps it, it lingers as a zombie that still counts.
    if (leaderExited() && !groupAlive(pgid)) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}
