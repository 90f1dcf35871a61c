import { stringify } from 'csv-stringify/sync';
import Table from 'cli-table3';
import type { Summary } from './summary.js';
import { pct } from './table.js';

interface Board {
  readonly models: string[];
  readonly datasets: string[];
  readonly cell: (model: string, dataset: string) => Summary | undefined;
}

function board(summaries: readonly Summary[]): Board {
  const byKey = new Map(summaries.map((s) => [`${s.model}\0${s.dataset}`, s]));
  return {
    models: [...new Set(summaries.map((s) => s.model))].sort(),
    datasets: [...new Set(summaries.map((s) => s.dataset))].sort(),
    cell: (m, d) => byKey.get(`${m}\0${d}`),
  };
}

export interface LeaderboardCsvOptions {
  /** After each dataset's column, its interval's bounds (`D ci_lo`, `D ci_hi`, percent). Off by default. */
  readonly ci?: boolean;
}

/** One row per model, one column per dataset's official primary metric (percent, 2 decimals). */
export function leaderboardCsv(summaries: readonly Summary[], options: LeaderboardCsvOptions = {}): string {
  const b = board(summaries);
  const percent = (v: number | null | undefined): string => (v === null || v === undefined ? '' : (v * 100).toFixed(2));
  const rows = b.models.map((m) => [m, ...b.datasets.flatMap((d) => {
    const s = b.cell(m, d);
    if (options.ci !== true) return [percent(s?.primary.value)];
    const ci = s?.ci?.[s.primary.protocol]?.[s.primary.metric];
    return [percent(s?.primary.value), percent(ci?.lo), percent(ci?.hi)];
  })]);
  const head = b.datasets.flatMap((d) => {
    const name = `${d} (${metricName(b, d)})`;
    // Same names as `actial-eval leaderboard --ci` (board-text.ts).
    return options.ci === true ? [name, `${d} ci_lo`, `${d} ci_hi`] : [name];
  });
  return stringify([['model', ...head], ...rows]);
}

export function leaderboardTable(summaries: readonly Summary[]): string {
  const b = board(summaries);
  const table = new Table({ head: ['model', ...b.datasets], style: { head: [], border: [] } });
  for (const m of b.models) table.push([m, ...b.datasets.map((d) => pct(b.cell(m, d)?.primary.value))]);
  return `Leaderboard (primary protocol's headline metric, %)\n${table.toString()}\n`;
}

function metricName(b: Board, dataset: string): string {
  const any = b.models.map((m) => b.cell(m, dataset)).find((s) => s !== undefined);
  return any !== undefined ? `${any.primary.protocol} ${any.primary.metric}` : 'Overall';
}
