/** `actial-eval paper`: the Actial paper's Table 1 layout for the models in a work dir. */
import { resolve } from 'node:path';
import { Command } from 'commander';
import { stdout } from './output.js';

export function paperCommand(): Command {
  return new Command('paper')
    .description("print one table laid out like the Actial paper's Table 1 (3DSRBench, CV-Bench, BLINK spatial, MMSI-Bench) for the models in a work dir")
    .option('--work-dir <dir>', 'work dir of a run', 'results')
    .action(async (flags: { workDir: string }) => {
      const [{ PAPER_TABLE }, { readSummaries }, { renderPaperTable }] = await Promise.all([
        import('../../benchmarks/paper.js'), import('../workdir/summary.js'), import('../report/paper.js'),
      ]);
      stdout(renderPaperTable(await readSummaries(resolve(flags.workDir)), PAPER_TABLE));
    });
}
