import Table from 'cli-table3';
import type { Benchmark } from '../benchmark/types.js';
import type { Summary } from './summary.js';
import { pct } from './table.js';

/**
 * The paper view: one table laid out like the Actial paper's Table 1, a row per model and, for
 * each benchmark that declares paper columns (in registry order), those official metrics.
 * A benchmark evaluated on several datasets (e.g. CV-Bench-2D and -3D) uses the dataset whose
 * summary has the most of its columns.
 */
export function renderPaperTable(summaries: readonly Summary[], benchmarks: readonly Benchmark[]): string {
  const models = [...new Set(summaries.map((s) => s.model))].sort();
  const columns = benchmarks.flatMap((b) =>
    (b.paperColumns ?? []).map((c) => ({ benchmark: b, label: `${shortTitle(b)} ${c.label}`, metric: c.metric })),
  ).filter((c) => summaries.some((s) => s.benchmark === c.benchmark.id));
  if (columns.length === 0) return 'No paper-view benchmarks in this work dir (see actial-eval list).\n';
  const table = new Table({ head: ['model', ...columns.map((c) => c.label)], style: { head: [], border: [] } });
  for (const model of models) {
    table.push([model, ...columns.map((c) => pct(bestValue(summaries, model, c.benchmark, c.metric)))]);
  }
  return `Paper view (official metrics, %)\n${table.toString()}\n`;
}

function bestValue(summaries: readonly Summary[], model: string, benchmark: Benchmark, metric: string): number | null {
  const mine = summaries.filter((s) => s.model === model && s.benchmark === benchmark.id);
  const wanted = (benchmark.paperColumns ?? []).map((c) => c.metric);
  const ranked = mine
    .map((s) => ({ s, have: wanted.filter((m) => s.metrics['official']?.[m] !== null && s.metrics['official']?.[m] !== undefined).length }))
    .sort((a, b) => b.have - a.have || (a.s.dataset < b.s.dataset ? -1 : 1));
  return ranked[0]?.s.metrics['official']?.[metric] ?? null;
}

function shortTitle(b: Benchmark): string {
  return b.title.split(' ')[0] ?? b.id;
}
