/** `actial-eval leaderboard`: one leaderboard (CSV and/or Markdown) from the summaries of one or many work dirs. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { stderr, stdout } from './output.js';

interface LeaderboardFlags {
  readonly workDir: string[];
  readonly out?: string;
  /** true: Markdown to stdout; a string: Markdown to that file. */
  readonly markdown?: string | boolean;
  readonly ci?: boolean;
}

export function leaderboardCommand(): Command {
  return new Command('leaderboard')
    .exitOverride()
    .description('a leaderboard of official primary metrics (models × datasets, mean column, optional CIs) from one or many work dirs, with the paper view in Markdown')
    .option('--work-dir <dirs...>', 'work dirs to gather (repeat or list several)', ['results'])
    .option('--out <file.csv>', 'write the CSV here (else it goes to stdout, unless --markdown goes there)')
    .option('--markdown [file.md]', 'Markdown leaderboard and paper view, to this file or stdout')
    .option('--ci', 'add confidence-interval columns (from summaries that have them)')
    .action(async (flags: LeaderboardFlags) => leaderboard(flags));
}

async function leaderboard(flags: LeaderboardFlags): Promise<void> {
  const [{ PAPER_TABLE }, { buildBoard, readWorkDirs }, { boardCsv, boardMarkdown, paperView }, { writeAtomic }] = await Promise.all([
    import('../../benchmarks/paper.js'), import('../report/board.js'), import('../report/board-text.js'), import('../workdir/atomic.js'),
  ]);
  const sourced = await readWorkDirs(flags.workDir);
  const summaries = sourced.map((s) => s.summary);
  const board = buildBoard(summaries);
  const options = { ci: flags.ci === true };
  const csv = boardCsv(board, options);
  if (flags.out !== undefined) {
    await writeAtomic(resolve(flags.out), csv);
    stderr(`wrote ${resolve(flags.out)}\n`);
  } else if (flags.markdown === undefined) {
    stdout(csv);
  }
  if (flags.markdown === undefined) return;
  const md = boardMarkdown(board, options, paperView(summaries, board.models, PAPER_TABLE));
  if (typeof flags.markdown === 'string') {
    await writeAtomic(resolve(flags.markdown), md);
    stderr(`wrote ${resolve(flags.markdown)}\n`);
  } else {
    stdout(md);
  }
}
