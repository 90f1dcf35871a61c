import Table from 'cli-table3';
import type { Summary } from './summary.js';

/**
 * One table per (model, dataset): a row per metric (Overall, then each category) with the official
 * and VLMEvalKit numbers over all items, then one official column per split when there are several.
 * Percentages with one decimal.
 */
export function renderSummaryTable(s: Summary): string {
  const splits = s.tables.official.rows.length > 1 ? s.tables.official.rows : [];
  const head = ['', 'official', 'vlmevalkit', 'n', ...splits.map((r) => `split ${r.split}`)];
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const col of s.tables.official.columns) {
    table.push([
      col,
      pct(s.metrics.official[col]),
      pct(s.metrics.vlmevalkit[col]),
      String(s.overall_n[col] ?? 0),
      ...splits.map((r) => pct(r.values[col])),
    ]);
  }
  const vanilla = s.metrics.official['Overall (vanilla)'];
  if (s.circular && vanilla !== undefined) {
    table.push(['Overall (vanilla, per row)', pct(vanilla), pct(s.metrics.vlmevalkit['Overall (vanilla)']), String(s.counts.answered), ...splits.map(() => '')]);
  }
  const c = s.counts;
  const title = `${s.model} × ${s.dataset}  (${s.benchmark}${s.circular ? ', circular' : ''}; official extraction: ${s.extraction.official.pipeline})`;
  const notes = [
    `rows ${c.rows}${c.missing !== null && c.missing > 0 ? ` (${c.missing} of ${c.dataset_rows} never asked: run again to complete)` : ''}`,
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
