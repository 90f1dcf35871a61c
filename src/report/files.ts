import { mkdir, open, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { diskFullAt } from '../core/errors.js';
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

/**
 * Writes to a temp file then renames, so a reader never sees half a report. Content given in chunks
 * is written chunk by chunk, so a large report is never one string in memory.
 */
export async function writeAtomic(file: string, content: string | Iterable<string>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    if (typeof content === 'string') {
      await writeFile(tmp, content);
    } else {
      const fh = await open(tmp, 'w');
      try {
        // writeFile, not write: write() may store part of a chunk on a full disk and not say so.
        for (const chunk of content) await fh.writeFile(chunk);
      } finally {
        await fh.close();
      }
    }
  } catch (err) {
    // A full disk leaves the old report in place and no half-written temp file taking space.
    await rm(tmp, { force: true });
    throw diskFullAt(file, err);
  }
  await rename(tmp, file);
}

const LINES_PER_CHUNK = 4096;

/** `M_D_score.jsonl`, in chunks of lines. */
export function* scoresJsonl(items: readonly ScoredItem[], vlmevalkit: readonly ScoredItem[], truncated: ReadonlySet<string>): Generator<string> {
  let byIndex: Map<string, ScoredItem> | undefined;
  // Both protocols score the same records in the same order, so the row at the same position is
  // the same row; the map is only a fallback.
  const other = (it: ScoredItem, i: number): ScoredItem | undefined => {
    const same = vlmevalkit[i];
    if (same?.index === it.index) return same;
    byIndex ??= new Map(vlmevalkit.map((v) => [v.index, v]));
    return byIndex.get(it.index);
  };
  let lines: string[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i] as ScoredItem;
    lines.push(scoreLine(it, other(it, i), truncated.has(it.index)));
    if (lines.length === LINES_PER_CHUNK) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('');
}

function scoreLine(it: ScoredItem, other: ScoredItem | undefined, truncated: boolean): string {
  const line = JSON.stringify({
    index: it.index,
    answer: it.answer,
    extracted: it.extracted,
    method: it.method,
    hit: it.hit,
    extracted_vlmevalkit: other?.extracted ?? null,
    hit_vlmevalkit: other?.hit ?? false,
    ...(truncated ? { truncated: true } : {}),
    ...it.fields,
  });
  return `${line}\n`;
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
