/** The report's summary sections: leaderboard and benchmark chart, paper view, categories, reasoning, provenance. */
import { ciOf, ciSettingsText, primaryCi, type Board } from '../board.js';
import type { PaperView } from '../board-text.js';
import type { Summary } from '../summary.js';
import { barChart, modelColor, niceMax, type Bar, type Group, type Series } from './chart.js';
import { esc, pct1 } from './escape.js';

export function seriesOf(board: Board): Series[] {
  return board.models.map((name, i) => ({ name, color: modelColor(i) }));
}

export function swatch(board: Board, model: string): string {
  return `<span class="swatch" style="background:${modelColor(board.models.indexOf(model))}"></span>${esc(model)}`;
}

function figure(caption: string, svg: string, note = ''): string {
  return `<figure><figcaption>${esc(caption)}</figcaption>${svg}${note === '' ? '' : `<p class="note">${esc(note)}</p>`}</figure>`;
}

function pctBar(s: Summary | undefined, protocol: string, metric: string): Bar | null {
  const v = s?.metrics[protocol]?.[metric];
  if (s === undefined || v === null || v === undefined) return null;
  const ci = ciOf(s, protocol, metric);
  return { value: v * 100, lo: ci === null ? null : ci.lo * 100, hi: ci === null ? null : ci.hi * 100, method: ci?.method ?? null, n: s.n[protocol]?.[metric] ?? null };
}

function ciNote(summaries: readonly Summary[]): string {
  const settings = summaries.map(ciSettingsText).find((t) => t !== null);
  const any = summaries.some((s) => primaryCi(s) !== null);
  if (!any) return 'No confidence intervals in these summaries: bars have no whiskers.';
  return `Whiskers: confidence intervals stored in the summaries${settings === undefined || settings === null ? '' : ` (${settings})`}.`;
}

export function leaderboardSection(board: Board, summaries: readonly Summary[]): string {
  const head = ['model', ...board.datasets.map((d) => `${d}<br><span class="muted">${esc(board.metricLabel(d))}</span>`), 'mean'];
  let incomplete = false;
  const rows = board.models.map((m) => {
    const cells = board.datasets.map((d) => {
      const s = board.cell(m, d);
      const ci = primaryCi(s);
      return `${pct1(s?.primary.value)}${ci === null ? '' : `<br><span class="muted">[${pct1(ci.lo)}, ${pct1(ci.hi)}]</span>`}`;
    });
    const mean = board.mean(m);
    const mark = mean.of < board.datasets.length ? '*' : '';
    if (mark !== '') incomplete = true;
    return `<tr><td>${swatch(board, m)}</td>${cells.map((c) => `<td>${c}</td>`).join('')}<td>${pct1(mean.value)}${mark}</td></tr>`;
  });
  const table = `<table class="data"><thead><tr>${head.map((h, i) => `<th>${i === 0 || i === head.length - 1 ? esc(h) : h}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
  const groups: Group[] = board.datasets.map((d) => ({
    label: `${d} · ${board.metricLabel(d).replace(/^official /, '')}`,
    bars: board.models.map((m) => {
      const s = board.cell(m, d);
      return s === undefined ? null : pctBar(s, s.primary.protocol, s.primary.metric);
    }),
  }));
  const chart = barChart({ series: seriesOf(board), groups, axisLabel: 'primary metric (%)', max: 100, decimals: 1 });
  const meanNote = incomplete ? ' * mean over the datasets the model has, fewer than the columns: not comparable with complete rows.' : '';
  return `<section id="benchmarks"><h2>Benchmarks</h2>${figure('Official primary metric per dataset', chart, ciNote(summaries))}`
    + `<h3>Leaderboard (%)</h3>${table}<p class="note">Mean: unweighted over the datasets' primary metrics.${esc(meanNote)}</p></section>`;
}

export function paperSection(board: Board, paper: PaperView): string {
  if (paper.columns.length === 0) return '';
  const groups: Group[] = paper.columns.map((c, ci) => ({
    label: `${c.group} ${c.label}`,
    bars: paper.rows.map((r) => {
      const v = r.values[ci];
      return v === null || v === undefined ? null : { value: v * 100 };
    }),
  }));
  const chart = barChart({ series: seriesOf(board), groups, axisLabel: 'official metric (%)', max: 100, decimals: 1 });
  const head = `<tr><th>model</th>${paper.columns.map((c) => `<th>${esc(c.group)}<br>${esc(c.label)}</th>`).join('')}</tr>`;
  const rows = paper.rows.map((r) => `<tr><td>${swatch(board, r.model)}</td>${r.values.map((v) => `<td>${pct1(v)}</td>`).join('')}</tr>`).join('');
  return `<section id="paper"><h2>Paper view</h2>${figure("Actial paper Table 1 layout (official metrics, %)", chart)}`
    + `<table class="data"><thead>${head}</thead><tbody>${rows}</tbody></table></section>`;
}

/** One chart per dataset: every official metric (overall, then categories) for each model. */
export function categoriesSection(board: Board): string {
  const figures = board.datasets.map((d) => {
    const summaries = board.models.map((m) => board.cell(m, d));
    const metrics: string[] = [];
    for (const s of summaries) for (const name of Object.keys(s?.metrics[s.primary.protocol] ?? {})) if (!metrics.includes(name)) metrics.push(name);
    const groups: Group[] = metrics.map((name) => ({ label: name, bars: summaries.map((s) => pctBar(s, s?.primary.protocol ?? '', name)) }));
    const first = summaries.find((s) => s !== undefined);
    const main = first?.primary.protocol ?? '';
    const info = first === undefined ? '' : `${first.benchmark}${first.circular ? ', circular' : ''}; ${main} protocol: ${first.protocols[main]?.pipeline ?? '?'} extraction, ${first.protocols[main]?.grouping ?? '?'} units`;
    const chart = barChart({ series: seriesOf(board), groups, axisLabel: 'official accuracy (%)', max: 100, decimals: 1 });
    return `<div class="dataset" id="cat-${esc(slug(d))}">${figure(`${d} — per category`, chart, info)}${protocolsTable(board, d)}</div>`;
  });
  return `<section id="categories"><h2>Per category</h2>${figures.join('')}</section>`;
}

/** Every protocol's numbers behind the chart, folded away (VLMEvalKit's beside the official ones). */
function protocolsTable(board: Board, d: string): string {
  const rows: string[] = [];
  for (const m of board.models) {
    const s = board.cell(m, d);
    if (s === undefined) continue;
    for (const [protocol, metrics] of Object.entries(s.metrics)) {
      const cells = Object.entries(metrics).map(([k, v]) => `${esc(k)} ${pct1(v)}`).join(' · ');
      rows.push(`<tr><td>${swatch(board, m)}</td><td>${esc(protocol)}</td><td style="text-align:left">${cells}</td></tr>`);
    }
  }
  return `<details><summary>all protocols (%)</summary><table class="data"><thead><tr><th>model</th><th>protocol</th><th>metrics</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
}

export function reasoningSection(board: Board): string {
  const rows: string[] = [];
  for (const d of board.datasets) {
    for (const m of board.models) {
      const s = board.cell(m, d);
      if (s === undefined) continue;
      const r = s.reasoning;
      const c = s.counts;
      const cells = [
        String(c.answered), String(c.failed), String(c.unextracted), pct1(r.format_ok),
        `${pct1(r.truncated)} (${r.truncated_count}${r.truncated_count > 0 ? `, acc ${pct1(r.truncated_accuracy)}` : ''})`,
        fixed(r.completion_tokens_mean), fixed(r.completion_tokens_median), pct1(r.empty),
        `${fixed2(r.actial_reward.reward)} (${fixed2(r.actial_reward.format)} / ${fixed2(r.actial_reward.accuracy)})`,
      ];
      rows.push(`<tr><td>${esc(d)}</td><td>${swatch(board, m)}</td>${cells.map((x) => `<td>${esc(x)}</td>`).join('')}</tr>`);
    }
  }
  const head = ['dataset', 'model', 'answered', 'failed', 'unextracted', 'think/answer format %', 'cut by max_tokens % (n, acc)', 'tokens mean', 'tokens median', 'empty %', 'Actial reward (format / accuracy)'];
  const tokenGroups: Group[] = board.datasets.map((d) => ({
    label: d,
    bars: board.models.map((m) => {
      const v = board.cell(m, d)?.reasoning.completion_tokens_mean;
      return v === null || v === undefined ? null : { value: v };
    }),
  }));
  const formatGroups: Group[] = board.datasets.map((d) => ({
    label: d,
    bars: board.models.map((m) => {
      const v = board.cell(m, d)?.reasoning.format_ok;
      return v === null || v === undefined ? null : { value: v * 100 };
    }),
  }));
  const maxTokens = niceMax(tokenGroups.flatMap((g) => g.bars.map((b) => b?.value ?? 0)));
  return `<section id="reasoning"><h2>Reasoning</h2>`
    + figure('Think/answer format share (Actial format reward)', barChart({ series: seriesOf(board), groups: formatGroups, axisLabel: 'answers in <think>…</think><answer>…</answer> format (%)', max: 100, decimals: 1 }))
    + figure('Completion tokens per answer (mean)', barChart({ series: seriesOf(board), groups: tokenGroups, axisLabel: 'completion tokens', max: maxTokens, decimals: 0 }))
    + `<table class="data"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`
    + failuresList(board) + `</section>`;
}

function failuresList(board: Board): string {
  const lines: string[] = [];
  for (const d of board.datasets) {
    for (const m of board.models) {
      for (const [message, n] of Object.entries(board.cell(m, d)?.failures ?? {})) lines.push(`<li>${esc(m)} × ${esc(d)}: ${n}× <code>${esc(message)}</code></li>`);
    }
  }
  return lines.length === 0 ? '<p class="note">No failed requests.</p>' : `<h3>Failed requests (excluded from accuracy, asked again next run)</h3><ul>${lines.join('')}</ul>`;
}

export function provenanceSection(board: Board): string {
  const rows: string[] = [];
  for (const m of board.models) {
    for (const d of board.datasets) {
      const p = board.cell(m, d)?.provenance;
      if (p === undefined) continue;
      const settings = p.settings === null ? '' : JSON.stringify(p.settings, (k, v: unknown) => (k === 'system_prompt' ? '…' : v));
      const cells = [d, p.endpoint_model ?? '', p.harness_version, p.git_sha ?? '', p.config_hash ?? '', p.dataset_fingerprint ?? '', p.judge === null ? '' : `${p.judge.model} (${p.judge.prompt_version})`, settings];
      rows.push(`<tr><td>${swatch(board, m)}</td>${cells.map((c) => `<td style="text-align:left">${esc(c)}</td>`).join('')}</tr>`);
    }
  }
  const head = ['model', 'dataset', 'endpoint model', 'harness', 'git sha', 'config hash', 'data fingerprint', 'judge', 'settings'];
  return `<section id="provenance"><h2>Provenance</h2><details><summary>${rows.length} runs</summary><table class="data"><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table></details></section>`;
}

export function slug(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]+/g, '_');
}

function fixed(v: number | null): string {
  return v === null ? '–' : v.toFixed(0);
}

function fixed2(v: number | null): string {
  return v === null ? '–' : v.toFixed(2);
}
