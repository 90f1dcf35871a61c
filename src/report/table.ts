import { withoutJudgeLine } from './judge-line.js';
import Table from 'cli-table3';
import type { Summary } from './summary.js';

/**
 * One table per (model, dataset): a row per metric (the primary protocol's headline first, then its
 * breakdowns, then metrics only other protocols have), a column per protocol (official, vlmevalkit,
 * then others), the primary protocol's unit count, and one column of it per split when there are several.
 * Percentages with one decimal; the primary protocol's values carry their confidence interval, `75.0 [70.1, 79.6]`
 * (Wilson and bootstrap intervals are asymmetric near 0 and 100%, so no `±`).
 */
export function renderSummaryTable(s: Summary): string {
  const protocols = Object.keys(s.metrics);
  const main = s.primary.protocol;
  const officialTable = s.tables[main];
  const splits = officialTable !== undefined && officialTable.rows.length > 1 ? officialTable.rows : [];
  const level = s.ci_settings === undefined ? '' : ` [${Math.round(s.ci_settings.level * 100)}% CI]`;
  const head = ['', ...protocols.map((p) => (p === main ? `${p}${level}` : p)), 'n', ...splits.map((r) => `split ${r.split}`)];
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const name of metricOrder(s)) {
    table.push([
      name,
      ...protocols.map((p) => (p === main ? pctWithCi(s.metrics[p]?.[name], s.ci?.[p]?.[name]) : pct(s.metrics[p]?.[name]))),
      String(s.n[main]?.[name] ?? ''),
      ...splits.map((r) => pct(r.values[name])),
    ]);
  }
  const c = s.counts;
  const official = s.protocols[main];
  const title = `${s.model} × ${s.dataset}  (${s.benchmark}${s.circular ? ', circular' : ''}; ${main}: ${official?.pipeline ?? '?'} extraction, ${official?.grouping ?? '?'} units)`;
  const notes = [
    `rows ${c.rows}${c.missing !== null && c.missing > 0 ? ` (${c.missing} of ${c.dataset_rows} never asked: run again to complete)` : ''}`,
    `answered ${c.answered}`,
    `failed ${c.failed}${c.failed > 0 ? ' (excluded, re-asked next run)' : ''}`,
    `unextracted ${c.unextracted} ${main}${c.unextracted_vlmevalkit === null || twinIsPrimary(s) ? '' : ` / ${c.unextracted_vlmevalkit} vlmevalkit`}`,
    ...(c.incomplete_groups > 0 ? [`groups left out for a failed row: ${c.incomplete_groups}`] : []),
  ];
  const r = s.reasoning;
  const reasoning = [
    `think/answer format ${pct(r.format_ok)}%`,
    `cut by max_tokens ${pct(r.truncated)}%${r.truncated_count > 0 ? ` (${r.truncated_count}, accuracy ${pct(r.truncated_accuracy)}%)` : ''}`,
    `completion tokens mean ${fixed(r.completion_tokens_mean)} / median ${fixed(r.completion_tokens_median)}`,
    `empty answers ${pct(r.empty)}%`,
    `Actial reward ${fixed2(r.actial_reward.reward)} (format ${fixed2(r.actial_reward.format)}, accuracy ${fixed2(r.actial_reward.accuracy)})`,
  ];
  const undecided = withoutJudgeLine(s);
  return `${title}\n${table.toString()}\n${notes.join(' · ')}\n${undecided === undefined ? '' : `${undecided}\n`}${reasoning.join(' · ')}\n`;
}

/** The VLMEvalKit twin is the primary protocol itself (a benchmark whose only scoring is VLMEvalKit's). */
function twinIsPrimary(s: Summary): boolean {
  return s.protocols[s.primary.protocol]?.roles.includes('twin:vlmevalkit') === true;
}

function metricOrder(s: Summary): string[] {
  const names: string[] = [s.primary.metric];
  for (const metrics of Object.values(s.metrics)) {
    for (const name of Object.keys(metrics)) if (!names.includes(name)) names.push(name);
  }
  return names;
}

function fixed2(v: number | null): string {
  return v === null ? '-' : v.toFixed(2);
}

function fixed(v: number | null): string {
  return v === null ? '-' : v.toFixed(0);
}

/** `75.0 [70.1, 79.6]`; the bare value when there is no interval (summaries written before intervals). */
export function pctWithCi(v: number | null | undefined, ci: { readonly lo: number; readonly hi: number } | null | undefined): string {
  return ci === null || ci === undefined || v === null || v === undefined ? pct(v) : `${pct(v)} [${pct(ci.lo)}, ${pct(ci.hi)}]`;
}

export function pct(v: number | null | undefined): string {
  return v === null || v === undefined ? '-' : (v * 100).toFixed(1);
}
