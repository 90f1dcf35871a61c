/**
 * The CI-sized kill/restart soak (bench/soak.ts; `node scripts/soak.mjs` runs a long one): the CLI
 * is SIGKILLed at seeded random moments and restarted, at least 20 times; after every round the
 * store keeps every earlier line, parses, and has at most one ok line per index; every run that
 * finishes, and the last one, scores exactly like a clean run.
 */
import { describe, expect, it } from 'vitest';
import { soak } from '../../bench/soak.js';
import '../e2e/helpers.js'; // checks that the CLI is built

const ROUNDS = 20;

describe('kill -9 soak', () => {
  it(`survives ${ROUNDS} SIGKILL/restart rounds and ends with the clean run's scores`, async () => {
    const lines: string[] = [];
    try {
      const report = await soak({ rounds: ROUNDS, budgetMs: 120_000, seed: 20, questions: 30, latencyMs: 20, concurrency: 4, log: (l) => lines.push(l) });
      console.info(`soak: ${report.rounds} SIGKILL/restart rounds in ${(report.elapsedMs / 1000).toFixed(1)} s, killed in start-up/inference/scoring ${report.killedAt.startup}/${report.killedAt.inference}/${report.killedAt.scoring}, ${report.finishedRuns} runs finished on their own, ${report.tornLines} torn lines`);
      expect(report.rounds).toBeGreaterThanOrEqual(ROUNDS);
      // Most kills must land while answers are being written, not only before or after.
      expect(report.killedAt.inference).toBeGreaterThan(ROUNDS / 3);
    } catch (err) {
      throw new Error(`${err instanceof Error ? err.message : String(err)}\nlast rounds:\n${lines.slice(-8).join('\n')}`);
    }
  }, 240_000);
});
