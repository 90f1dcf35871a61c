/** `actial-eval list`: the benchmarks actial-eval knows, the names it accepts and the files it reads. */
import { Command } from 'commander';
import Table from 'cli-table3';
import type { Benchmark } from '../benchmark/types.js';
import { protocolLines } from '../benchmark/describe.js';
import { stdout } from './output.js';

export function listCommand(): Command {
  return new Command('list')
    .description('list the known benchmarks, the config names they accept and the file forms they read')
    .option('--protocols', "each benchmark's protocols: name, roles and the rule each applies (extraction + aggregation)")
    .action(async (options: { protocols?: boolean }) => {
      const { BENCHMARKS } = await import('../../benchmarks/index.js');
      stdout(options.protocols === true ? renderProtocolList(BENCHMARKS) : renderBenchmarkList(BENCHMARKS));
    });
}

export function renderBenchmarkList(benchmarks: readonly Benchmark[]): string {
  const table = new Table({
    head: ['benchmark', 'config "class"', 'config "dataset" names', 'files', 'protocols (primary)'],
    style: { head: [], border: [] },
    wordWrap: true,
    colWidths: [24, 22, 26, 44, 30],
  });
  for (const b of benchmarks) {
    table.push([
      `${b.id}\n${b.title}`,
      b.dataClasses.join('\n') || '-',
      b.datasetNames.join('\n') || (b.tsv !== undefined ? '(any name whose TSV is found)' : '(any name: "path" names the file)'),
      fileForms(b).join('\n'),
      b.protocols.map((p) => `${p.name}: ${p.headline} (${p.extract.name})${p.roles.length > 0 ? ` [${p.roles.join(', ')}]` : ''}`).join('\n'),
    ]);
  }
  return `${table.toString()}\n`;
}

function fileForms(b: Benchmark): string[] {
  const forms = [...b.fileForms];
  if (b.hf !== undefined) forms.push(`HuggingFace ${b.hf.repo} (dataset ${Object.keys(b.hf.datasets).join(', ')})`);
  return forms;
}

/** `list --protocols`: one line per protocol, grouped under its benchmark. */
export function renderProtocolList(benchmarks: readonly Benchmark[]): string {
  const out: string[] = [];
  let current = '';
  for (const line of protocolLines(benchmarks)) {
    if (line.benchmark !== current) {
      current = line.benchmark;
      out.push(out.length === 0 ? current : `\n${current}`);
    }
    out.push(`  ${line.protocol} [${line.roles}]: ${line.rule}`);
  }
  return `${out.join('\n')}\n`;
}
