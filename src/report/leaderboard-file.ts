import { writeAtomic } from '../workdir/atomic.js';
import { leaderboardPath } from '../workdir/paths.js';
import { readSummaries } from '../workdir/summary.js';
import { leaderboardCsv, leaderboardTable } from './leaderboard.js';

/**
 * `leaderboard.csv` from every summary in the work dir, and its table printed. Written after a run,
 * `score` and `merge` alike, so it lives here rather than in any one of them.
 */
export async function writeLeaderboard(workDir: string, out: (text: string) => void): Promise<void> {
  const summaries = await readSummaries(workDir);
  if (summaries.length === 0) return;
  await writeAtomic(leaderboardPath(workDir), leaderboardCsv(summaries));
  out(leaderboardTable(summaries));
}
