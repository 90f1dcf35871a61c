/** Child processes of the bench: the mock server and the harness CLI, each in its own process. */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ProbeReport } from './probe.js';

/** Project root (this file runs from dist/bench/). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = fileURLToPath(new URL('../../bin/actial-eval.js', import.meta.url));
const PROBE = new URL('./probe.js', import.meta.url).href;

export const nowEpochMs = (): number => performance.timeOrigin + performance.now();

let clockTicks: number | undefined;
function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** CPU time (user + system, ms) a live process has used so far, from /proc; undefined if gone. */
export function procCpuMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(rest[11]);
    const stime = Number(rest[12]);
    return ((utime + stime) * 1000) / ticksPerSecond();
  } catch {
    return undefined;
  }
}

/** CPU ms all processes of the machine have spent busy (not idle or waiting for I/O), from /proc/stat. */
export function machineBusyMs(): number {
  try {
    const first = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [, user, nice, system, , , irq, softirq, steal] = first.trim().split(/\s+/).map(Number);
    const busy = [user, nice, system, irq, softirq, steal].reduce<number>((a, b) => a + (b ?? 0), 0);
    return (busy * 1000) / ticksPerSecond();
  } catch {
    return Number.NaN;
  }
}

/**
 * CPU ms of this process plus its exited (reaped) children: /proc/self/stat utime, stime, cutime,
 * cstime. Children still running are not included; read them with procCpuMs.
 */
export function treeCpuMs(): number {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const sum = [11, 12, 13, 14].reduce((a, i) => a + Number(rest[i]), 0);
    return (sum * 1000) / ticksPerSecond();
  } catch {
    return Number.NaN;
  }
}

/** VmHWM and VmRSS (kB) of a live process, from /proc; undefined if gone. */
export function procMemKb(pid: number): { hwm: number; rss: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+)/.exec(status)?.[1];
    const rss = /VmRSS:\s+(\d+)/.exec(status)?.[1];
    if (hwm === undefined || rss === undefined) return undefined;
    return { hwm: Number(hwm), rss: Number(rss) };
  } catch {
    return undefined;
  }
}

function collect(child: ChildProcess): { stdout: () => string; stderr: () => string } {
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    out += s;
  });
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    err += s;
  });
  return { stdout: () => out, stderr: () => err };
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; epochMs: number }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode, epochMs: nowEpochMs() });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal, epochMs: nowEpochMs() }));
  });
}

export interface MockProcess {
  readonly url: string;
  readonly pid: number;
  /** CPU ms used so far by the mock process. */
  cpuMs(): number;
  /** Stops it (SIGTERM) and returns its own closing line (request counts). */
  stop(): Promise<string>;
}

/** Starts `actial-eval mock-server` on a free loopback port and waits for its "listening" line. */
export async function startMock(latencyMs: number, modelId = 'mock-model', extraArgs: readonly string[] = []): Promise<MockProcess> {
  const child = spawn(
    process.execPath,
    [BIN, 'mock-server', '--host', '127.0.0.1', '--port', '0', '--latency-ms', String(latencyMs), '--model-id', modelId, ...extraArgs],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const io = collect(child);
  const done = exited(child);
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`mock server did not start in 15 s; stderr: ${io.stderr()}`)), 15_000);
    const check = (): void => {
      const m = /listening on (http:\/\/\S+\/v1)/.exec(io.stdout());
      if (m?.[1] !== undefined) {
        clearTimeout(timer);
        child.stdout?.off('data', check);
        resolve(m[1]);
      }
    };
    child.stdout?.on('data', check);
    void done.then((r) => {
      clearTimeout(timer);
      reject(new Error(`mock server exited (${r.code ?? r.signal}) before listening; stderr: ${io.stderr()}`));
    });
  });
  const pid = child.pid ?? -1;
  let lastCpu = 0;
  return {
    url,
    pid,
    cpuMs: () => (lastCpu = procCpuMs(pid) ?? lastCpu),
    stop: async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await done;
      clearTimeout(timer);
      return io.stderr().trim();
    },
  };
}

export interface CliRun {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly spawnEpochMs: number;
  readonly exitEpochMs: number;
  readonly wallMs: number;
  readonly probe: ProbeReport | undefined;
  /** Highest VmHWM seen by polling /proc (a cross-check of the probe's getrusage peak). */
  readonly polledHwmKb: number | undefined;
  /** When the bench sent SIGINT, if it did. */
  readonly sigintEpochMs: number | undefined;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliOptions {
  readonly args: readonly string[];
  readonly probeFile: string;
  /** Send SIGINT this many ms after the harness sent its first chat completion. */
  readonly stopAfterFirstChatMs?: number;
  /** Hard limit: SIGINT at this many ms after spawn, SIGKILL 15 s later. */
  readonly timeoutMs: number;
  /** Extra node flags for the harness process (e.g. --cpu-prof). */
  readonly nodeFlags?: readonly string[];
}

/** Runs the real CLI (`node bin/actial-eval.js ...`) with the probe preloaded; polls its memory. */
export async function runCli(opts: CliOptions): Promise<CliRun> {
  const spawnEpochMs = nowEpochMs();
  const child = spawn(process.execPath, [...(opts.nodeFlags ?? []), '--import', PROBE, BIN, ...opts.args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, BENCH_PROBE_OUT: opts.probeFile, NO_COLOR: '1' },
  });
  const io = collect(child);
  const done = exited(child);
  const pid = child.pid ?? -1;
  let polledHwmKb: number | undefined;
  let sigintEpochMs: number | undefined;
  const interrupt = (): void => {
    if (sigintEpochMs !== undefined) return;
    sigintEpochMs = nowEpochMs();
    child.kill('SIGINT');
    setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
  };
  const firstMarker = `${opts.probeFile}.first`;
  const poll = setInterval(() => {
    const mem = procMemKb(pid);
    if (mem !== undefined) polledHwmKb = Math.max(polledHwmKb ?? 0, mem.hwm);
    if (opts.stopAfterFirstChatMs !== undefined && sigintEpochMs === undefined && existsSync(firstMarker)) {
      const first = Number(readFileSync(firstMarker, 'utf8'));
      // The marker is written asynchronously: an empty (just created) file reads as 0 and is ignored.
      if (Number.isFinite(first) && first > 0 && nowEpochMs() - first >= opts.stopAfterFirstChatMs) interrupt();
    }
  }, 50);
  const hard = setTimeout(interrupt, opts.timeoutMs);
  const end = await done;
  clearInterval(poll);
  clearTimeout(hard);
  let probe: ProbeReport | undefined;
  try {
    probe = JSON.parse(await readFile(opts.probeFile, 'utf8')) as ProbeReport;
  } catch {
    probe = undefined;
  }
  return {
    code: end.code,
    signal: end.signal,
    spawnEpochMs,
    exitEpochMs: end.epochMs,
    wallMs: end.epochMs - spawnEpochMs,
    probe,
    polledHwmKb,
    sigintEpochMs,
    stdout: io.stdout(),
    stderr: io.stderr(),
  };
}
