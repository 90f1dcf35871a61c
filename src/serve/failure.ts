import { InputError } from '../core/errors.js';

/**
 * A managed server that could not be brought up. Exit 2, like an unreachable endpoint at discovery
 * (src/run/endpoint.ts): what fixes it is a change by the user (the command, its flags, the port, the
 * served name, GPU memory, the timeout), not a retry. The message ends with the log's last lines,
 * since the reason is almost always there (a traceback, "address already in use", CUDA OOM).
 */
export class ServeError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'ServeError';
  }
}

export interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export function describeExit(exit: ExitInfo): string {
  return exit.signal !== null ? `signal ${exit.signal}` : `code ${exit.code ?? '?'}`;
}

export function withTail(message: string, logFile: string, tail: readonly string[]): string {
  const lines = tail.filter((l) => !l.startsWith('[actial-eval '));
  if (lines.length === 0) return `${message}; it printed nothing (log: ${logFile})`;
  return `${message}; last lines of its log (${logFile}):\n${lines.map((l) => `  | ${l}`).join('\n')}`;
}
