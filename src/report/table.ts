import Table from 'cli-table3';
import type { Summary } from './summary.js';

/**
 * One table per (model, dataset): a row per metric (Overall, then each category), a column per
 * split and protocol, so long category lists stay readable. Percentages with one decimal.
 */
export function renderSummaryTable(s: Summary): string {
  const official = s.tables.official;
  const vk = s.tables.vlmevalkit;
  const multi = official.rows.length > 1;
  const head = ['', ...official.rows.flatMap((r) => {
    const suffix = multi ? ` [${r.split}]` : '';
    return [`official${suffix}`, `vlmevalkit${suffix}`, `n${suffix}`];
  })];
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const col of official.columns) {
    const cells = official.rows.flatMap((r, i) => [pct(r.values[col]), pct(vk.rows[i]?.values[col]), String(r.n[col] ?? 0)]);
    table.push([col, ...cells]);
  }
  const c = s.counts;
  const title = `${s.model} × ${s.dataset}  (${s.benchmark}${s.circular ? ', circular' : ''}; official extraction: ${s.extraction.official.pipeline})`;
  const notes = [
    `rows ${c.rows}`,
    `answered ${c.answered}`,
    `failed ${c.failed}${c.failed > 0 ? ' (excluded, re-asked next run)' : ''}`,
    `unextracted ${c.unextracted} official / ${c.unextracted_vlmevalkit} vlmevalkit`,
    ...(s.circular ? [`groups scored ${c.scored}, incomplete ${c.incomplete_groups}`] : []),
  ];
  return `${title}\n${table.toString()}\n${notes.join(' · ')}\n`;
}

export function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '-' : (v * 100).toFixed(1);
}
