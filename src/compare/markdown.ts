/**
 * Markdown for a CI job summary (`>> $GITHUB_STEP_SUMMARY`): the gate verdict and the primary
 * metrics up front, every metric of each dataset folded away below.
 */
import type { Comparison, DatasetComparison } from './compare.js';
import type { GateResult } from './gate.js';
import type { MetricComparison } from './metrics.js';
import { ci, level, pct, pts, pValue, testName, verdict } from './format.js';
import { datasetNotes, gateLine, unitNotes } from './table.js';

export function compareMarkdown(c: Comparison, gate: GateResult | undefined): string {
  const lines = [
    `## actial-eval compare: \`${cell(c.a.label)}\` → \`${cell(c.b.label)}\``,
    '',
    `Paired tests at α = ${c.alpha}: exact McNemar for accuracies, paired bootstrap (${c.resamples} resamples) for macro means and clustered units; ${level(c.alpha)} CIs of B − A in percentage points.`,
    '',
  ];
  if (gate !== undefined) lines.push(`${gate.regressions.length > 0 ? '❌' : '✅'} ${gateLine(gate)}`, '');
  lines.push(...header(['dataset', 'primary metric']));
  for (const d of c.datasets) {
    const p = d.metrics.find((m) => m.primary);
    if (p !== undefined) lines.push(row([d.dataset, p.metric, ...values(c, p)]));
  }
  lines.push('');
  for (const note of datasetNotes(c)) lines.push(`${note.trimEnd()}`, '');
  for (const d of c.datasets) lines.push(...details(c, d));
  return `${lines.join('\n')}\n`;
}

function details(c: Comparison, d: DatasetComparison): string[] {
  return [
    `<details><summary>${escapeHtml(d.dataset)}: every official metric (${d.paired} paired ${d.grouping === 'row' ? 'rows' : 'units'})</summary>`,
    '',
    ...header(['metric']),
    ...d.metrics.map((m) => row([`${m.primary ? '**' : ''}${m.metric}${m.primary ? '**' : ''}`, ...values(c, m)])),
    '',
    ...unitNotes(d).map((n) => `- ${n}`),
    '</details>',
    '',
  ];
}

function header(first: readonly string[]): string[] {
  const cols = [...first, 'A %', 'B %', 'B − A (pts)', 'CI', 'p', 'test', 'verdict', 'gained / lost', 'n'];
  return [row(cols), row(cols.map(() => '---'))];
}

function values(c: Comparison, m: MetricComparison): string[] {
  return [pct(m.a), pct(m.b), pts(m.diff), ci(m), pValue(m.p), testName(m), verdict(m, c.alpha), `${m.gained} / ${m.lost}`, String(m.n)];
}

function row(cells: readonly string[]): string {
  return `| ${cells.map(cell).join(' | ')} |`;
}

/** Pipes would end a table cell early. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
