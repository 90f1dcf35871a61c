/** `actial-eval list`: the benchmarks actial-eval knows, the names it accepts and the files it reads. */
import { Command } from 'commander';
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
  // Names and ids are never cut: their columns are as wide as the longest.
  const longest = (words: readonly string[], min: number): number => Math.max(min, ...words.map((w) => w.length + 2));
  const widths = [longest(benchmarks.map((b) => b.id), 24), 22, longest(benchmarks.flatMap((b) => b.datasetNames), 26), 44, 30];
  const rows = benchmarks.map((b) => [
    `${b.id}\n${b.title}`,
    b.dataClasses.join('\n') || '-',
    b.datasetNames.join('\n') || (b.tsv !== undefined ? '(any name whose TSV is found)' : '(any name: "path" names the file)'),
    fileForms(b).join('\n'),
    b.protocols.map((p) => `${p.name}: ${p.headline} (${p.extract.name})${p.roles.length > 0 ? ` [${p.roles.join(', ')}]` : ''}`).join('\n'),
  ]);
  const head = ['benchmark', 'config "class"', 'config "dataset" names', 'files', 'protocols (primary)'];
  return boxTable([head, ...rows], widths);
}

/**
 * A box-drawn table, every row ruled off, each cell word-wrapped to its column. Drawn here rather
 * than by cli-table3, whose cells re-measure their whole text for every line drawn (1 s for this
 * table once it holds non-ASCII text).
 */
function boxTable(rows: readonly (readonly string[])[], widths: readonly number[]): string {
  const rule = (left: string, mid: string, right: string): string => `${left}${widths.map((w) => '─'.repeat(w)).join(mid)}${right}`;
  const out = [rule('┌', '┬', '┐')];
  rows.forEach((row, r) => {
    if (r > 0) out.push(rule('├', '┼', '┤'));
    const cells = row.map((text, i) => wrapCell(text, (widths[i] ?? 24) - 2).split('\n'));
    const height = Math.max(...cells.map((c) => c.length));
    for (let line = 0; line < height; line++) {
      out.push(`│${cells.map((c, i) => ` ${(c[line] ?? '').padEnd((widths[i] ?? 24) - 2)} `).join('│')}│`);
    }
  });
  out.push(rule('└', '┴', '┘'));
  return `${out.join('\n')}\n`;
}

/** Each line of `text` word-wrapped to `width` columns; a longer word is broken. */
export function wrapCell(text: string, width: number): string {
  return text.split('\n').flatMap((line) => wrapLine(line, width)).join('\n');
}

function wrapLine(line: string, width: number): string[] {
  const out: string[] = [];
  let current = '';
  for (let word of line.split(' ')) {
    while (word.length > width) {
      if (current !== '') out.push(current);
      current = '';
      out.push(word.slice(0, width));
      word = word.slice(width);
    }
    if (current === '') current = word;
    else if (current.length + 1 + word.length <= width) current += ` ${word}`;
    else {
      out.push(current);
      current = word;
    }
  }
  out.push(current);
  return out;
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
