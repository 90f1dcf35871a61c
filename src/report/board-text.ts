/** CSV and Markdown renderings of the cross-work-dir leaderboard (board.ts) and of the paper view. */
import { stringify } from 'csv-stringify/sync';
import type { PaperColumn } from '../benchmark/types.js';
import { primaryCi, type Board } from './board.js';
import { paperValue } from './paper.js';
import type { Summary } from './summary.js';

export interface BoardTextOptions {
  /** Add the primary metric's confidence interval (from the summaries' `ci`, when present). */
  readonly ci: boolean;
}

const fixed2 = (v: number | null | undefined): string => (v === null || v === undefined ? '' : (v * 100).toFixed(2));

/**
 * `model`, one column per dataset (`D (official Metric)`, percent), with `--ci` a `D ci_lo` and
 * `D ci_hi` pair after each, then `mean` and `mean_of` (how many datasets the mean covers: fewer
 * than the dataset columns means the row is incomplete and its mean not comparable).
 */
export function boardCsv(b: Board, options: BoardTextOptions): string {
  const head = ['model'];
  for (const d of b.datasets) head.push(`${d} (${b.metricLabel(d)})`, ...(options.ci ? [`${d} ci_lo`, `${d} ci_hi`] : []));
  head.push('mean', 'mean_of');
  const rows = b.models.map((m) => {
    const row = [m];
    for (const d of b.datasets) {
      const s = b.cell(m, d);
      const ci = primaryCi(s);
      row.push(fixed2(s?.primary.value), ...(options.ci ? [fixed2(ci?.lo), fixed2(ci?.hi)] : []));
    }
    const mean = b.mean(m);
    row.push(fixed2(mean.value), String(mean.of));
    return row;
  });
  return stringify([head, ...rows]);
}

/** A Markdown leaderboard (and the paper view under it when any of its benchmarks is present). */
export function boardMarkdown(b: Board, options: BoardTextOptions, paper: PaperView): string {
  const head = ['model', ...b.datasets.map((d) => `${d} (${b.metricLabel(d)})`), 'mean'];
  let incomplete = false;
  const rows = b.models.map((m) => {
    const cells = b.datasets.map((d) => {
      const s = b.cell(m, d);
      const v = s?.primary.value;
      if (v === null || v === undefined) return '–';
      const ci = options.ci ? primaryCi(s) : null;
      return ci === null ? (v * 100).toFixed(2) : `${(v * 100).toFixed(2)} [${(ci.lo * 100).toFixed(2)}, ${(ci.hi * 100).toFixed(2)}]`;
    });
    const mean = b.mean(m);
    const mark = mean.of < b.datasets.length ? '*' : '';
    if (mark !== '') incomplete = true;
    return [m, ...cells, mean.value === null ? '–' : `${(mean.value * 100).toFixed(2)}${mark}`];
  });
  const notes = ['Official primary metric of each dataset, %.'];
  if (options.ci) notes.push('Brackets: the confidence interval stored in the summary (none when it has none); the mean has none.');
  if (incomplete) notes.push('\\* mean over the datasets this model has, fewer than the columns: not comparable with complete rows.');
  let out = `## Leaderboard\n\n${markdownTable(head, rows)}\n${notes.join(' ')}\n`;
  if (paper.columns.length > 0) {
    const paperHead = ['model', ...paper.columns.map((c) => `${c.group} ${c.label}`)];
    const paperRows = paper.rows.map((r) => [r.model, ...r.values.map((v) => (v === null ? '–' : (v * 100).toFixed(1)))]);
    out += `\n## Paper view (Actial Table 1 layout, official metrics, %)\n\n${markdownTable(paperHead, paperRows)}`;
  }
  return out;
}

export interface PaperView {
  readonly columns: readonly PaperColumn[];
  readonly rows: readonly { readonly model: string; readonly values: readonly (number | null)[] }[];
}

/** The paper layout's columns that some model has, a row per model in the board's order. */
export function paperView(summaries: readonly Summary[], models: readonly string[], layout: readonly PaperColumn[]): PaperView {
  const value = (m: string, c: PaperColumn): number | null => paperValue(summaries.filter((s) => s.model === m), c);
  const columns = layout.filter((c) => models.some((m) => value(m, c) !== null));
  return { columns, rows: models.map((model) => ({ model, values: columns.map((c) => value(model, c)) })) };
}

function markdownTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  // A pipe inside a model or dataset name would split the cell.
  const cell = (s: string): string => s.replace(/\|/g, '\\|');
  const line = (cells: readonly string[]): string => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(line)].join('\n') + '\n';
}
