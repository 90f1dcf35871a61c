/** Plain-text tables for the bench report (no colours, so logs stay readable). */

export type Verdict = 'meets' | 'MISSES' | 'info' | 'error';

export interface Row {
  readonly figure: string;
  readonly measured: string;
  readonly goal: string;
  readonly verdict: Verdict;
  readonly notes: string;
}

export function renderTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  const rule = `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`;
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

export function renderReport(rows: readonly Row[]): string {
  return renderTable(
    ['figure', 'measured', 'goal', 'verdict', 'notes'],
    rows.map((r) => [r.figure, r.measured, r.goal, r.verdict, r.notes]),
  );
}

export const fmt = {
  n: (x: number, digits = 0): string => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }),
  ms: (x: number): string => `${Math.round(x).toLocaleString('en-US')} ms`,
  s: (ms: number): string => `${(ms / 1000).toFixed(2)} s`,
  mb: (kb: number): string => `${(kb / 1024).toFixed(0)} MB`,
  pct: (x: number): string => `${(100 * x).toFixed(1)}%`,
};
