import { Command, CommanderError } from 'commander';
import { DiskFullError, EXIT, InputError, isDiskFull } from '../core/errors.js';
import { harnessIdentity } from '../run/provenance.js';
import { addRunOptions, type RunFlags } from './run-options.js';
import { mockServerCommand } from './mock-server.js';
import { answerKeyCommand } from './answer-key.js';
import { listCommand } from './list.js';
import { paperCommand } from './paper.js';
import { scoreCommand } from './score.js';
import { serveCommand } from './serve.js';
import { mergeCommand } from './merge.js';
import { compareCommand } from './compare.js';
import { leaderboardCommand } from './leaderboard.js';
import { reportCommand } from './report.js';
import { schemaCommand } from './schema.js';
import { redact, stderr } from './output.js';

/** Entry point: `actial-eval --config FILE` runs the main job; subcommands do the rest. */
async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('actial-eval')
    .description('Evaluate multimodal LLMs served behind OpenAI-compatible endpoints (vLLM) on spatial-reasoning benchmarks')
    .version(harnessIdentity().version)
    .enablePositionalOptions()
    .exitOverride()
    .configureOutput({ writeErr: (s) => stderr(s) });
  let exitCode: number = EXIT.ok;
  // Each command loads what it runs only when it runs: `--mode eval` then never loads the inference
  // client, the mock server, compare or the HTML report (start-up 330 -> 170 ms for --version).
  addRunOptions(program).action(async (flags: RunFlags) => {
    const { runCommand } = await import('./run.js');
    exitCode = await runCommand(flags);
  });
  program.addCommand(mockServerCommand());
  program.addCommand(answerKeyCommand());
  program.addCommand(listCommand());
  program.addCommand(paperCommand());
  program.addCommand(scoreCommand());
  program.addCommand(serveCommand((code) => (exitCode = code)));
  program.addCommand(mergeCommand((code) => (exitCode = code)));
  program.addCommand(compareCommand((code) => (exitCode = code)));
  program.addCommand(leaderboardCommand());
  program.addCommand(reportCommand());
  program.addCommand(schemaCommand());
  await program.parseAsync([...argv]);
  return exitCode;
}

try {
  process.exitCode = await main(process.argv);
} catch (err) {
  process.exitCode = reportError(err);
}

function reportError(err: unknown): number {
  if (err instanceof CommanderError) {
    return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (err instanceof InputError) {
    // The class at the end is a stable code for scripts and tests (ConfigError, DataError, ...).
    stderr(`actial-eval: error: ${err.message} [${err.name}]\n`);
    return EXIT.usage;
  }
  // A full disk is the machine's state, not a bug: one line (which file, that nothing saved is
  // lost, what to do), whether the writer named its file or the system's error reached us bare.
  const full = err instanceof DiskFullError ? err : isDiskFull(err) ? new DiskFullError(err.path, err.code) : undefined;
  if (full !== undefined) {
    stderr(`actial-eval: error: ${full.message} [${full.name}]\n`);
    return full.exitCode;
  }
  const text = err instanceof Error ? (err.stack ?? err.message) : String(err);
  stderr(`actial-eval: unexpected error: ${redact(text)}\n`);
  return EXIT.unexpected;
}
