import Table from 'cli-table3';
import type { PaperColumn } from '../benchmark/types.js';
import type { Summary } from './summary.js';
import { pct } from './table.js';

/**
 * A paper-style table: a row per model, the declared columns in order. A column takes the official
 * metric from the model's summaries of the column's benchmarks (first in name order that has it),
 * else the mean of `orMeanOf` gathered the same way; columns no model has are left out.
 */
export function renderPaperTable(summaries: readonly Summary[], layout: readonly PaperColumn[]): string {
  const models = [...new Set(summaries.map((s) => s.model))].sort();
  const cell = (model: string, c: PaperColumn): number | null => paperValue(summaries.filter((s) => s.model === model), c);
  const columns = layout.filter((c) => models.some((m) => cell(m, c) !== null));
  if (columns.length === 0) return 'No paper-view benchmarks in this work dir (see actial-eval list).\n';
  const table = new Table({ head: ['model', ...columns.map((c) => `${c.group} ${c.label}`)], style: { head: [], border: [] } });
  for (const model of models) table.push([model, ...columns.map((c) => pct(cell(model, c)))]);
  return `Paper view (official metrics, %)\n${table.toString()}\n`;
}

export function paperValue(mine: readonly Summary[], c: PaperColumn): number | null {
  const sources = mine.filter((s) => c.benchmarks.includes(s.benchmark)).sort((a, b) => (a.dataset < b.dataset ? -1 : 1));
  const find = (metric: string): number | null => {
    for (const s of sources) {
      const v = s.metrics[s.primary.protocol]?.[metric];
      if (v !== null && v !== undefined) return v;
    }
    return null;
  };
  const direct = find(c.metric);
  if (direct !== null || c.orMeanOf === undefined) return direct;
  const parts = c.orMeanOf.map(find);
  return parts.every((p): p is number => p !== null) ? parts.reduce((a, b) => a + b, 0) / parts.length : null;
}
