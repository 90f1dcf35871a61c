import type { CliRun, MockProcess } from './proc.js';
import type { Row } from './table.js';

/** What every bench figure module is handed by bench/run.ts: temp dirs, mocks, the harness, the table. */
export interface BenchContextBase {
  readonly newDir: (label: string) => Promise<string>;
  readonly stopMock: (m: MockProcess) => Promise<string>;
  readonly harness: (dir: string, args: readonly string[], opts: { timeoutMs: number }) => Promise<CliRun>;
  readonly storeCounts: (file: string) => Promise<{ ok: number; failed: number }>;
  readonly answeringSpanMs: (run: CliRun) => number;
  readonly cpuMs: (run: CliRun) => number;
  readonly rows: Row[];
  readonly detail: (title: string, lines: readonly string[]) => void;
}
