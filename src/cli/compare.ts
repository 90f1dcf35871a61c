/** `actial-eval compare A B`: paired comparison of two checkpoints' stored results, and a CI gate. */
import { appendFile, mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { diskFullAt, EXIT, InputError } from '../core/errors.js';
import { stderr, stdout } from './output.js';

interface CompareFlags {
  readonly workDir: string;
  readonly data?: string[];
  readonly failIfWorse?: string;
  readonly alpha: string;
  readonly out?: string;
  readonly markdown?: boolean;
  readonly markdownOut?: string;
  readonly resamples: string;
  readonly seed: string;
}

/** `onExit` receives the exit code: 4 when the gate finds a regression. */
export function compareCommand(onExit: (code: number) => void): Command {
  return new Command('compare')
    .description('compare checkpoint B against A on their stored predictions: paired tests per dataset and category, optional CI gate (exit 4)')
    .argument('<a>', 'baseline: a model name in --work-dir, or a path WORK_DIR/MODEL')
    .argument('<b>', 'candidate: a model name in --work-dir, or a path WORK_DIR/MODEL')
    .option('--work-dir <dir>', 'work dir holding model names given without a path', 'results')
    .option('--data <names...>', 'only these datasets (default: every dataset stored for both)')
    .option('--fail-if-worse <pts>', "exit 4 if B's primary metric on any dataset is below A's by more than PTS percentage points and the difference is significant")
    .option('--alpha <alpha>', 'significance level of the tests (CIs are at 1 − alpha)', '0.05')
    .option('--out <dir>', "where compare.csv goes (default: B's work dir)")
    .option('--markdown', 'print Markdown on stdout (the terminal table goes to stderr), e.g. >> $GITHUB_STEP_SUMMARY')
    .option('--markdown-out <file>', 'append the Markdown report to FILE (e.g. "$GITHUB_STEP_SUMMARY")')
    .option('--resamples <n>', 'bootstrap resamples for macro-mean metrics', '10000')
    .option('--seed <n>', 'bootstrap seed (same seed, same report)', '0')
    .action(async (a: string, b: string, flags: CompareFlags) => onExit(await compare(a, b, flags)));
}

async function compare(specA: string, specB: string, flags: CompareFlags): Promise<number> {
  const alpha = number('--alpha', flags.alpha, (v) => v > 0 && v < 1, 'a number between 0 and 1');
  const resamples = number('--resamples', flags.resamples, (v) => Number.isInteger(v) && v >= 100 && v <= 1_000_000, 'an integer from 100 to 1000000');
  const seed = number('--seed', flags.seed, Number.isSafeInteger, 'an integer');
  const threshold = flags.failIfWorse === undefined ? undefined : number('--fail-if-worse', flags.failIfWorse, (v) => v >= 0, 'percentage points ≥ 0');
  const [{ writeAtomic }, { compareSides }, { compareCsv }, { applyGate }, { compareMarkdown }, { resolveSide }, { renderCompareTables }] = await Promise.all([
    import('../workdir/atomic.js'), import('../compare/compare.js'), import('../compare/csv.js'), import('../compare/gate.js'),
    import('../compare/markdown.js'), import('../compare/sides.js'), import('../compare/table.js'),
  ]);
  const a = await resolveSide(specA, flags.workDir, 'A');
  const b = await resolveSide(specB, flags.workDir, 'B');
  const comparison = await compareSides(a, b, { alpha, resamples, seed, data: flags.data });
  const gate = threshold === undefined ? undefined : applyGate(comparison, threshold);

  const csvFile = join(resolve(flags.out ?? b.workDir), 'compare.csv');
  await writeAtomic(csvFile, compareCsv(comparison));
  const tables = `${renderCompareTables(comparison, gate)}Wrote ${csvFile}\n`;
  const markdown = compareMarkdown(comparison, gate);
  if (flags.markdown === true) {
    // stdout carries only the Markdown, so it can be appended to a job summary as is.
    stderr(tables);
    stdout(markdown);
  } else {
    stdout(tables);
  }
  const markdownOut = flags.markdownOut;
  if (markdownOut !== undefined) {
    await mkdir(dirname(resolve(markdownOut)), { recursive: true });
    await appendFile(markdownOut, markdown).catch((err: unknown) => {
      throw diskFullAt(markdownOut, err);
    });
  }
  return gate !== undefined && gate.regressions.length > 0 ? EXIT.regression : EXIT.ok;
}

function number(flag: string, text: string, valid: (v: number) => boolean, expected: string): number {
  const v = Number(text);
  if (text.trim() === '' || !Number.isFinite(v) || !valid(v)) throw new InputError(`${flag} ${text}: expected ${expected}`);
  return v;
}
