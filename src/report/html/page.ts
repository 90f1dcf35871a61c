/** The whole HTML report as one self-contained string: inline CSS, inline SVG charts, one inline script, data-URL images. */
import { createHash } from 'node:crypto';
import type { ReportData } from './build.js';
import { compareSection } from './compare.js';
import { esc } from './escape.js';
import { itemsSection } from './items-html.js';
import { SCRIPT } from './script.js';
import { categoriesSection, leaderboardSection, paperSection, provenanceSection, reasoningSection, swatch } from './sections.js';
import { STYLE } from './style.js';

export interface PageInfo {
  /** Harness version (and sha) that wrote the report; no clock time, so the same inputs give the same bytes. */
  readonly harness: string;
}

export function renderReport(data: ReportData, info: PageInfo): string {
  const { board } = data;
  const sections = [
    ['benchmarks', 'Benchmarks', leaderboardSection(board, data.summaries)],
    ['paper', 'Paper view', paperSection(board, data.paper)],
    ['categories', 'Per category', categoriesSection(board)],
    ['compare', 'Comparison', compareSection(board, data.comparisons)],
    ['reasoning', 'Reasoning', reasoningSection(board)],
    ['items', 'Items', itemsSection(board, data.datasets, data.images)],
    ['provenance', 'Provenance', provenanceSection(board)],
  ].filter(([, , html]) => html !== '');
  const nav = sections.map(([id, label]) => `<a href="#${id}">${label}</a>`).join('');
  const models = board.models.map((m) => swatch(board, m)).join(', ');
  // The CSP is the no-network guarantee: nothing may load from anywhere, and only this script runs.
  const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'`;
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>actial-eval report: ${esc(board.models.join(', '))}</title>
<style>${STYLE}</style></head>
<body><main>
<header class="top"><h1>actial-eval report</h1>
<p>Models: ${models} · ${board.datasets.length} dataset(s) · from ${data.workDirs.map((d) => `<code>${esc(d)}</code>`).join(', ')}</p>
<p class="muted">Official protocol numbers (each benchmark's authors' formula) unless a table says otherwise; failed requests are excluded, not counted wrong. ${esc(info.harness)}</p>
<nav>${nav}</nav></header>
${sections.map(([, , html]) => html).join('\n')}
</main>
<script>${SCRIPT}</script>
</body></html>
`;
}
