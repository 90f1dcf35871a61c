import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { ScoredItem } from '../core/types.js';
import type { AccuracyTable } from '../score/accuracy.js';
import type { Summary } from './summary.js';

/** File names of the output contract, per model M and dataset D. */
export function outputPaths(workDir: string, model: string, dataset: string) {
  const dir = join(workDir, model);
  const stem = join(dir, `${model}_${dataset}`);
  return {
    dir,
    predictions: `${stem}.jsonl`,
    scores: `${stem}_score.jsonl`,
    acc: `${stem}_acc.csv`,
    summary: `${stem}_summary.json`,
    /** Every metric of every protocol with its confidence interval. */
    metrics: `${stem}_metrics.csv`,
    /** The LLM judge's cached verdicts. */
    judge: `${stem}_judge.jsonl`,
  };
}

/** Writes to a temp file then renames, so a reader never sees half a report. */
export async function writeAtomic(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  await writeFile(tmp, content);
  await rename(tmp, file);
}

export function scoresJsonl(items: readonly ScoredItem[], vlmevalkit: readonly ScoredItem[], truncated: ReadonlySet<string>): string {
  const vk = new Map(vlmevalkit.map((it) => [it.index, it]));
  return items
    .map((it) => {
      const other = vk.get(it.index);
      return JSON.stringify({
        index: it.index,
        answer: it.answer,
        extracted: it.extracted,
        method: it.method,
        hit: it.hit,
        extracted_vlmevalkit: other?.extracted ?? null,
        hit_vlmevalkit: other?.hit ?? false,
        ...(truncated.has(it.index) ? { truncated: true } : {}),
        ...it.fields,
      });
    })
    .map((line) => `${line}\n`)
    .join('');
}

/** VLMEvalKit's `_acc.csv`: split, Overall, then each category; fractions. */
export function accCsv(table: AccuracyTable): string {
  const rows = table.rows.map((r) => [r.split, ...table.columns.map((c) => formatFraction(r.values[c]))]);
  return stringify([['split', ...table.columns], ...rows]);
}

/**
 * Every metric of every protocol with its confidence interval, one row each (fractions; empty cells
 * where a metric has no value). Kept apart from `_acc.csv`, which stays VLMEvalKit's exact layout.
 */
export function metricsCsv(summary: Summary): string {
  const rows: (string | number)[][] = [];
  for (const [protocol, metrics] of Object.entries(summary.metrics)) {
    for (const [metric, value] of Object.entries(metrics)) {
      const ci = summary.ci[protocol]?.[metric] ?? null;
      rows.push([protocol, metric, cell(value), cell(ci?.lo), cell(ci?.hi), summary.n[protocol]?.[metric] ?? '', ci?.method ?? '']);
    }
  }
  return stringify([['protocol', 'metric', 'value', 'ci_lo', 'ci_hi', 'n', 'method'], ...rows]);
}

function cell(v: number | null | undefined): string {
  return v === null || v === undefined ? '' : String(v);
}

export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

function formatFraction(v: number | undefined): string {
  return v === undefined || Number.isNaN(v) ? '' : String(v);
}
