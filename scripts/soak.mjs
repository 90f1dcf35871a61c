#!/usr/bin/env node
// Long kill/restart soak (see bench/soak.ts): `npm run build && node scripts/soak.mjs [--rounds 200]
// [--minutes 20] [--seed 1] [--questions 60] [--latency-ms 40] [--concurrency 4] [--max-kill-ms 1500]`.
// Prints one line per round and a summary; exits 1 at the first broken invariant.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const entry = new URL('../dist/bench/soak.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write('soak: not built yet; run `npm run build` first\n');
  process.exit(1);
}
const { soak } = await import(entry.href);

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '200' },
    minutes: { type: 'string', default: '20' },
    seed: { type: 'string', default: '1' },
    questions: { type: 'string', default: '60' },
    'latency-ms': { type: 'string', default: '40' },
    concurrency: { type: 'string', default: '4' },
    'max-kill-ms': { type: 'string', default: '1500' },
  },
});
const number = (name) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`soak: --${name} must be a number >= 0, got '${values[name]}'\n`);
    process.exit(2);
  }
  return n;
};

try {
  const report = await soak({
    rounds: number('rounds'),
    budgetMs: number('minutes') * 60_000,
    seed: number('seed'),
    questions: number('questions'),
    latencyMs: number('latency-ms'),
    concurrency: number('concurrency'),
    maxKillMs: number('max-kill-ms'),
    log: (line) => process.stdout.write(`${line}\n`),
  });
  const { killedAt } = report;
  process.stdout.write(
    `soak passed: ${report.rounds} SIGKILL/restart rounds in ${(report.elapsedMs / 1000).toFixed(1)} s ` +
      `(killed in start-up ${killedAt.startup}, inference ${killedAt.inference}, scoring ${killedAt.scoring}); ` +
      `${report.finishedRuns} runs finished on their own, each scoring like the clean run; ${report.tornLines} torn last lines; ` +
      `${report.rows} rows; final scores identical to a clean run\n`,
  );
} catch (err) {
  process.stderr.write(`soak FAILED: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
