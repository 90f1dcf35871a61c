/** `actial-eval report`: one self-contained HTML file (charts, comparison, reasoning, items) from one or many work dirs. */
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { stderr } from './output.js';

interface ReportFlags {
  readonly workDir: string[];
  readonly out?: string;
  readonly model?: string[];
  readonly data?: string[];
  readonly maxItems: number;
  readonly thumbnails: number;
  readonly maxImageKb: number;
  readonly imageBudgetMb: number;
}

export function reportCommand(): Command {
  return new Command('report')
    // Usage errors then reach main's handler (exit 2) instead of commander's own exit(1).
    .exitOverride()
    .description('write one self-contained HTML report (no network, no external files): charts with CI whiskers, checkpoint comparison, reasoning metrics, a filterable list of items')
    .option('--work-dir <dirs...>', 'work dirs to gather (repeat or list several)', ['results'])
    .option('--out <file.html>', 'where to write it (default: report.html in the first work dir)')
    .option('--model <names...>', 'only these models, in this order (the first is the comparison baseline)')
    .option('--data <names...>', 'only these datasets')
    .option('--max-items <n>', 'items listed per dataset (the rest are counted, not listed)', positiveInt, 1000)
    .option('--thumbnails <n>', 'items per dataset that get image thumbnails (0: none)', nonNegativeInt, 100)
    .option('--max-image-kb <n>', 'images larger than this are not embedded', positiveInt, 256)
    .option('--image-budget-mb <n>', 'total size of embedded images', positiveInt, 32)
    .action(async (flags: ReportFlags) => report(flags));
}

async function report(flags: ReportFlags): Promise<void> {
  const [{ writeAtomic }, { buildReport }, { renderReport }, { harnessIdentity }] = await Promise.all([
    import('../workdir/atomic.js'), import('../report/html/build.js'), import('../report/html/page.js'), import('../run/provenance.js'),
  ]);
  const out = resolve(flags.out ?? join(flags.workDir[0] ?? 'results', 'report.html'));
  const data = await buildReport({
    workDirs: flags.workDir,
    models: flags.model,
    datasets: flags.data,
    maxItems: flags.maxItems,
    thumbnails: { items: flags.thumbnails, maxImageBytes: flags.maxImageKb * 1024, totalBytes: flags.imageBudgetMb * 1024 * 1024 },
  });
  const id = harnessIdentity();
  const html = renderReport(data, { harness: `Written by actial-eval ${id.version}${id.sha === null ? '' : ` (${id.sha.slice(0, 12)})`}.` });
  await writeAtomic(out, html);
  const items = data.datasets.reduce((n, d) => n + d.items.items.length, 0);
  stderr(`wrote ${out} (${(Buffer.byteLength(html) / 1024).toFixed(0)} KiB: ${data.board.models.length} model(s), ${data.board.datasets.length} dataset(s), ${items} item(s), ${data.images.size} image(s))\n`);
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number ≥ 1');
  return n;
}

function nonNegativeInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number ≥ 0');
  return n;
}
