/**
 * Checkpoint comparison: each model against the baseline (the first --model, else the first by
 * name) with `actial-eval compare`'s paired tests, drawn as B − A bars with their intervals and
 * listed with p-values and the units gained and lost.
 */
import type { DatasetComparison } from '../../compare/compare.js';
import { ci, level, pct, pts, pValue, testName, verdict } from '../../compare/format.js';
import type { MetricComparison } from '../../compare/metrics.js';
import type { Board } from '../board.js';
import { COMPARE_SETTINGS, type PairReport } from './build.js';
import { barChart, modelColor, niceMax, type Group } from './chart.js';
import { esc } from './escape.js';
import { swatch } from './sections.js';

export function compareSection(board: Board, pairs: readonly PairReport[]): string {
  const baseline = board.models[0];
  if (baseline === undefined || pairs.length === 0) return '';
  const { alpha, resamples } = COMPARE_SETTINGS;
  const intro = `<p>Baseline: ${swatch(board, baseline)}. Each other model against it, as <code>actial-eval compare</code> does: stored predictions re-scored with the rules (no judge), `
    + `units paired by row or group, exact McNemar for accuracies, paired bootstrap (${resamples} resamples) for macro means, ${level(alpha)} intervals of B − A, α = ${alpha}.</p>`;
  const rows = pairs.flatMap((p) => p.datasets.flatMap((d) => {
    const m = primary(d);
    return m === undefined ? [] : [metricRow(board, p.model, d.dataset, m, alpha)];
  }));
  const head = ['model', 'dataset', 'metric', 'baseline %', 'model %', 'B − A (pts)', 'CI', 'p', 'test', 'verdict', 'gained / lost', 'n'];
  const table = `<table class="data compare"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const details = pairs.flatMap((p) => p.datasets.map((d) => detailsOf(board, p.model, d, alpha))).join('');
  const errors = pairs.flatMap((p) => p.errors.map((e) => `<li>${esc(p.model)}: ${esc(e)}</li>`));
  return `<section id="compare"><h2>Checkpoint comparison</h2>${intro}${diffChart(board, pairs)}${table}${details}`
    + `${errors.length === 0 ? '' : `<p class="note">Not compared:</p><ul class="note">${errors.join('')}</ul>`}</section>`;
}

function primary(d: DatasetComparison): MetricComparison | undefined {
  return d.metrics.find((m) => m.primary);
}

function diffChart(board: Board, pairs: readonly PairReport[]): string {
  const datasets = [...new Set(pairs.flatMap((p) => p.datasets.map((d) => d.dataset)))].sort();
  if (datasets.length === 0) return '';
  const groups: Group[] = datasets.map((name) => ({
    label: name,
    bars: pairs.map((p) => {
      const m = p.datasets.find((d) => d.dataset === name);
      const row = m === undefined ? undefined : primary(m);
      if (row === undefined || !Number.isFinite(row.diff)) return null;
      const hasCi = Number.isFinite(row.low) && Number.isFinite(row.high);
      return { value: row.diff * 100, lo: hasCi ? row.low * 100 : null, hi: hasCi ? row.high * 100 : null, n: row.n, method: testName(row) };
    }),
  }));
  const reach = niceMax(groups.flatMap((g) => g.bars.flatMap((b) => (b === null ? [] : [Math.abs(b.value), Math.abs(b.lo ?? 0), Math.abs(b.hi ?? 0)]))));
  const series = pairs.map((p) => ({ name: p.model, color: modelColor(board.models.indexOf(p.model)) }));
  const svg = barChart({ series, groups, axisLabel: 'primary metric, model − baseline (percentage points)', min: -reach, max: reach, decimals: 1 });
  return `<figure><figcaption>Primary metric change against the baseline, with ${level(COMPARE_SETTINGS.alpha)} intervals</figcaption>${svg}</figure>`;
}

function metricRow(board: Board, model: string, dataset: string, m: MetricComparison, alpha: number): string {
  const cls = verdict(m, alpha) === 'better' ? ' class="up"' : verdict(m, alpha) === 'worse' ? ' class="down"' : '';
  const cells = [esc(dataset), esc(m.metric), pct(m.a), pct(m.b), pts(m.diff), ci(m), pValue(m.p), testName(m)].map((c) => `<td>${c}</td>`).join('');
  return `<tr><td>${swatch(board, model)}</td>${cells}<td${cls}>${esc(verdict(m, alpha))}</td><td>${m.gained} / ${m.lost}</td><td>${m.n}</td></tr>`;
}

function detailsOf(board: Board, model: string, d: DatasetComparison, alpha: number): string {
  const rows = d.metrics.map((m) => metricRow(board, model, d.dataset, m, alpha)).join('');
  const unpaired = d.onlyA + d.onlyB > 0 ? ` ${d.onlyA} unit(s) scored only for the baseline and ${d.onlyB} only for the model are left out.` : '';
  return `<details><summary>${esc(model)} × ${esc(d.dataset)}: every official metric (${d.paired} paired ${d.grouping === 'row' ? 'rows' : 'units'})</summary>`
    + `<table class="data compare"><tbody>${rows}</tbody></table><p class="note">${esc(unpaired)}</p></details>`;
}
