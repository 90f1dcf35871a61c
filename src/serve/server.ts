import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import type { Secrets } from '../core/secrets.js';
import { describeExit, ServeError, withTail, type ExitInfo } from './failure.js';
import { ServeLog } from './log.js';
import { processStartTime, reclaimLeftover, writePidFile } from './pid-file.js';
import { freePort } from './port.js';
import { signalGroup, trackGroup, untrackGroup, waitGroupGone } from './process-group.js';
import { POLL_MS, probe, type ReadyTarget } from './ready.js';
import { fillPort, urlWithPort, type ServeSpec } from '../config/serve.js';

export interface StartOptions {
  /** The model's output name, for messages. */
  readonly name: string;
  readonly spec: ServeSpec;
  /** Where the server will answer; its port is replaced by the one actually used. */
  readonly target: ReadyTarget;
  readonly logFile: string;
  readonly pidFile: string;
  /** Aborting stops the wait for readiness (Ctrl-C while the weights load). */
  readonly stop?: AbortSignal;
  /** Status lines for the user (start, ready, stop). */
  readonly note: (line: string) => void;
  /** The process's secrets: the spec's are added, and the log and every message are masked with them. */
  readonly secrets: Secrets;
}

export interface ManagedServer {
  /** The base URL the server answers on (with the port picked when `port` was 0). */
  readonly baseURL: string;
  /** Leader of the server's process group; undefined when an already running server was used. */
  readonly pid: number | undefined;
  /** False only when the wait was aborted. */
  readonly ready: boolean;
  /** The served name seen in /v1/models once ready. */
  readonly modelId: string | undefined;
  /** Resolves when the server exits; never, for a server we did not start. */
  readonly exited: Promise<ExitInfo>;
  /** SIGTERM to the group, then SIGKILL after `stop_timeout_s`. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the server as the leader of a new process group, logs its output, and waits until it is
 * ready. On every failure (spawn error, early exit, timeout) the group is stopped before throwing.
 */
export async function startServer(opts: StartOptions): Promise<ManagedServer> {
  for (const s of opts.spec.secrets) opts.secrets.add(s);
  const log = await ServeLog.open(opts.logFile, opts.secrets);
  await reportLeftover(opts, log);
  const port = opts.spec.port === 0 ? await freePort(new URL(opts.target.baseURL).hostname, opts.name) : opts.spec.port;
  const target = { ...opts.target, baseURL: urlWithPort(opts.target.baseURL, port) };
  // A server already up at a fixed port (`actial-eval serve` in another terminal) is used, not duplicated.
  const already = opts.spec.port !== 0 ? await probe(target) : undefined;
  if (already?.ready === true) {
    log.note(`${target.baseURL} already serves the model; using it (not started here, not stopped here)`);
    opts.note(`${opts.name}: ${target.baseURL} already serves the model; using it (actial-eval did not start it and will not stop it)`);
    await log.close();
    return { baseURL: target.baseURL, pid: undefined, ready: true, modelId: already.id, exited: new Promise(() => undefined), stop: async () => undefined };
  }
  const child = await launch(opts, port, log);
  const handle = supervise(child, opts, log, target.baseURL);
  const outcome = await waitReady(target, opts, handle);
  if (outcome.kind === 'ready') {
    handle.markReady();
    const took = ((Date.now() - handle.startedAt) / 1000).toFixed(1);
    log.note(`ready after ${took} s at ${target.baseURL}, serving "${outcome.id}"`);
    opts.note(`${opts.name}: server ready after ${took} s at ${target.baseURL} (log: ${opts.logFile})`);
    return { ...handle.server, ready: true, modelId: outcome.id };
  }
  if (outcome.kind === 'aborted') return { ...handle.server, ready: false, modelId: undefined };
  await handle.server.stop();
  throw new ServeError(withTail(outcome.message, opts.logFile, log.tail()));
}

async function reportLeftover(opts: StartOptions, log: ServeLog): Promise<void> {
  const left = await reclaimLeftover(opts.pidFile, opts.spec.stopTimeoutMs);
  if (left.kind === 'stopped') {
    log.note(`stopped server pid ${left.record.pid}, left running by an earlier run that was killed`);
    opts.note(`${opts.name}: stopped a server left running by an earlier, killed run (pid ${left.record.pid})`);
  } else if (left.kind === 'unverified') {
    opts.note(`${opts.name}: a server recorded by an earlier run may still be running (process group ${left.record.pid}); if so, stop it: kill -TERM -- -${left.record.pid}`);
  }
}

/** Spawns the command; resolves once it runs, throws (exit 2) when it cannot be started at all. */
async function launch(opts: StartOptions, port: number, log: ServeLog): Promise<ChildProcess> {
  const [command = '', ...args] = opts.spec.command.map((a) => fillPort(a, port));
  const env = Object.fromEntries(Object.entries(opts.spec.env).map(([k, v]) => [k, fillPort(v, port)]));
  const shown = [command, ...args].map((a) => (/\s/.test(a) ? JSON.stringify(a) : a)).join(' ');
  log.note(`start: ${shown} (port ${port})`);
  opts.note(`${opts.name}: starting server: ${opts.secrets.redact(shown)} (log: ${opts.logFile})`);
  // detached: a new process group (vLLM's workers join it), and Ctrl-C in the terminal reaches only
  // actial-eval, which then stops the server after the answers in flight are saved.
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  try {
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    log.note(`could not start: ${why}`);
    await log.close();
    throw new ServeError(`model '${opts.name}': cannot start the server command '${opts.secrets.redact(command)}' (${why}); check "serve": {"command": [...]} (log: ${opts.logFile})`);
  }
  return child;
}

interface Supervised {
  readonly server: Omit<ManagedServer, 'ready' | 'modelId'>;
  readonly startedAt: number;
  exit(): ExitInfo | undefined;
  /** From now on an exit is news to the user (before, the failed start reports it). */
  markReady(): void;
}

/** Tracks the child's group, its pid file and its exit; builds the idempotent stop. */
function supervise(child: ChildProcess, opts: StartOptions, log: ServeLog, baseURL: string): Supervised {
  // After 'spawn' the pid is set; a 0 here would make the signals below hit actial-eval's own group.
  const pid = child.pid;
  if (pid === undefined || pid <= 0) throw new Error(`spawned server has no pid (${String(pid)})`);
  trackGroup(pid);
  void writePidFile(opts.pidFile, { pid, start_time: processStartTime(pid), owner: process.pid, command: opts.secrets.redact(opts.spec.command.join(' ')) }).catch(() => undefined);
  log.note(`started pid ${pid} (process group ${pid})`);
  if (child.stdout !== null) log.attach(child.stdout);
  if (child.stderr !== null) log.attach(child.stderr);
  let exit: ExitInfo | undefined;
  let stopping: Promise<void> | undefined;
  let ready = false;
  const exited = new Promise<ExitInfo>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      log.note(`exited (${describeExit(exit)})`);
      if (ready && stopping === undefined) opts.note(`${opts.name}: the server exited by itself (${describeExit(exit)}); see ${opts.logFile}`);
      resolve(exit);
    });
  });
  // Listened for from the start: by the time stop() runs the pipes may long be closed.
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const stop = (): Promise<void> => (stopping ??= stopGroup(pid, opts, log, closed, () => exit !== undefined));
  return { server: { baseURL, pid, exited, stop }, startedAt: Date.now(), exit: () => exit, markReady: () => (ready = true) };
}

async function stopGroup(pid: number, opts: StartOptions, log: ServeLog, closed: Promise<void>, leaderExited: () => boolean): Promise<void> {
  const graceS = opts.spec.stopTimeoutMs / 1000;
  if (signalGroup(pid, 'SIGTERM')) log.note(`stop: SIGTERM to process group ${pid}`);
  let gone = await waitGroupGone(pid, opts.spec.stopTimeoutMs, leaderExited);
  if (!gone) {
    log.note(`stop: still running ${graceS} s after SIGTERM; SIGKILL to process group ${pid}`);
    signalGroup(pid, 'SIGKILL');
    gone = await waitGroupGone(pid, 10_000, leaderExited);
  }
  untrackGroup(pid);
  // The last lines the server printed, once its pipes close (they do when the group is gone).
  // A worker that left the group could hold them open, hence the bound.
  await Promise.race([closed, new Promise((r) => setTimeout(r, 1000).unref())]);
  log.note(gone ? 'stopped' : `process group ${pid} would not die`);
  if (gone) opts.note(`${opts.name}: server stopped`);
  await rm(opts.pidFile, { force: true });
  await log.close();
}

type Outcome = { kind: 'ready'; id: string } | { kind: 'aborted' } | { kind: 'failed'; message: string };

async function waitReady(target: ReadyTarget, opts: StartOptions, handle: Supervised): Promise<Outcome> {
  const deadline = handle.startedAt + opts.spec.readyTimeoutMs;
  for (;;) {
    const exit = handle.exit();
    if (exit !== undefined) return { kind: 'failed', message: `model '${opts.name}': the server exited (${describeExit(exit)}) before it was ready` };
    if (opts.stop?.aborted === true) return { kind: 'aborted' };
    // Probe before judging the deadline, so even a start slowed past it is looked at once.
    const seen = await probe(target);
    if (seen.ready) return { kind: 'ready', id: seen.id };
    if (Date.now() > deadline) {
      const limit = opts.spec.readyTimeoutMs / 1000;
      return { kind: 'failed', message: `model '${opts.name}': the server was not ready within ${limit} s (last check: ${seen.why}) and was stopped; raise "serve": {"ready_timeout_s": N} if it needs longer` };
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
