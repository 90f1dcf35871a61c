/**
 * Checkpoint comparison: each model against the first (the baseline: the first --model, else the
 * first by name): the change in each dataset's primary metric and how the rows both answered moved
 * (fixed = baseline wrong, model right; regressed = the reverse). Descriptive counts over rows,
 * not a significance test.
 */
import type { Board } from '../board.js';
import type { DatasetReport } from './build.js';
import { esc, pct1 } from './escape.js';
import { swatch } from './sections.js';

export function compareSection(board: Board, datasets: readonly DatasetReport[]): string {
  const baseline = board.models[0];
  if (baseline === undefined || board.models.length < 2) return '';
  const rows: string[] = [];
  for (const other of board.models.slice(1)) {
    for (const ds of datasets) {
      const d = ds.items.dataset;
      const a = board.cell(baseline, d);
      const b = board.cell(other, d);
      const pos = ds.items.models.indexOf(other);
      const pair = pos > 0 && ds.items.models[0] === baseline ? ds.versusFirst[pos] : null;
      if (a === undefined || b === undefined) continue;
      const delta = a.primary.value === null || b.primary.value === null ? null : (b.primary.value - a.primary.value) * 100;
      const cls = delta === null || Math.abs(delta) < 1e-9 ? '' : delta > 0 ? ' class="up"' : ' class="down"';
      const counts = pair === null || pair === undefined ? ['–', '–', '–', '–'] : [pair.bothRight, pair.fixed, pair.regressed, pair.bothWrong].map(String);
      rows.push(`<tr><td>${swatch(board, other)}</td><td>${esc(d)}</td><td>${pct1(a.primary.value)}</td><td>${pct1(b.primary.value)}</td>`
        + `<td${cls}>${delta === null ? '–' : `${delta > 0 ? '+' : ''}${delta.toFixed(1)}`}</td>${counts.map((c) => `<td>${c}</td>`).join('')}</tr>`);
    }
  }
  const head = ['model', 'dataset', `baseline %`, 'model %', 'Δ points', 'both right', 'fixed (✗→✓)', 'regressed (✓→✗)', 'both wrong'];
  return `<section id="compare"><h2>Checkpoint comparison</h2><p>Baseline: ${swatch(board, baseline)}. Primary metric change per dataset, and how the rows both models had scored moved.</p>`
    + `<table class="data compare"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`
    + `<p class="note">Row counts are per dataset row (a rotation of a circular question is its own row); the primary metric may group rows. The item list's "flipped" filter shows these rows.</p></section>`;
}
