/** The terminal report: one cli-table3 table per dataset, notes under it, then the gate verdict. */
import Table from 'cli-table3';
import type { Comparison, DatasetComparison } from './compare.js';
import type { GateResult } from './gate.js';
import { ci, level, pct, pts, pValue, testName, verdict } from './format.js';

export function renderCompareTables(c: Comparison, gate: GateResult | undefined): string {
  const out = [`Compare A = ${c.a.label} → B = ${c.b.label}  (paired tests at α = ${c.alpha}, ${level(c.alpha)} CIs of B − A)\n`];
  for (const d of c.datasets) out.push(datasetTable(c, d));
  out.push(...datasetNotes(c));
  if (gate !== undefined) out.push(`${gateLine(gate)}\n`);
  return out.join('');
}

function datasetTable(c: Comparison, d: DatasetComparison): string {
  const head = ['metric', 'A %', 'B %', 'B − A (pts)', `${level(c.alpha)} CI`, 'p', 'test', 'verdict', 'gained', 'lost', 'n'];
  const table = new Table({ head, style: { head: [], border: [] } });
  for (const m of d.metrics) {
    table.push([`${m.primary ? '* ' : ''}${m.metric}`, pct(m.a), pct(m.b), pts(m.diff), ci(m), pValue(m.p), testName(m), verdict(m, c.alpha), String(m.gained), String(m.lost), String(m.n)]);
  }
  const title = `${d.dataset}  (${d.benchmark}${d.circular ? ', circular' : ''}; ${d.paired} paired ${d.grouping === 'row' ? 'rows' : 'units'}; * = primary)`;
  return `${title}\n${table.toString()}\n${unitNotes(d).map((n) => `  note: ${n}\n`).join('')}`;
}

/** What a reader must know to trust the numbers: what was left out, and how prompts were matched. */
export function unitNotes(d: DatasetComparison): string[] {
  const notes: string[] = [];
  if (d.onlyA > 0 || d.onlyB > 0) {
    notes.push(`${d.onlyA} unit(s) scored for A only and ${d.onlyB} for B only (missing, failed or incomplete): left out, scores above are over the ${d.paired} paired units`);
  }
  if (d.prompts.byText > 0) notes.push(`${d.prompts.byText} row(s) matched by question text and options (stored before question_hash existed; images not compared)`);
  if (d.prompts.unverified > 0) notes.push(`${d.prompts.unverified} row(s) could not be checked for the same prompt (stores without question text); only gold answers were compared`);
  return notes;
}

export function datasetNotes(c: Comparison): string[] {
  const out: string[] = [];
  if (c.onlyInA.length > 0) out.push(`Only in A (not compared): ${c.onlyInA.join(', ')}\n`);
  if (c.onlyInB.length > 0) out.push(`Only in B (not compared): ${c.onlyInB.join(', ')}\n`);
  return out;
}

export function gateLine(g: GateResult): string {
  const unjudged = g.unjudged.length > 0 ? ` (no primary value to judge: ${g.unjudged.join(', ')})` : '';
  if (g.regressions.length === 0) {
    return `Gate passed: no dataset's primary metric is significantly worse (p < ${g.alpha}) by more than ${g.threshold} pts${unjudged}`;
  }
  const which = g.regressions.map((r) => `${r.dataset} ${r.row.metric} ${pts(r.row.diff)} pts (CI ${ci(r.row)}, p = ${pValue(r.row.p)})`);
  return `Gate FAILED: B is significantly worse than A by more than ${g.threshold} pts on ${which.join('; ')}${unjudged}`;
}
