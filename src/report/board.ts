/**
 * The cross-work-dir leaderboard: models × datasets of official primary metrics, a mean column and
 * optional confidence intervals. The run-time `leaderboard.csv` (leaderboard.ts) keeps its own
 * columns; this is what `actial-eval leaderboard` and the HTML report show.
 */
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { readSummaries } from '../workdir/summary.js';
import type { Summary } from './summary.js';

/** A confidence interval as the summary's `ci` block holds it (fractions). */
export type Interval = NonNullable<Summary['ci'][string][string]>;

/** `summary.ci[protocol][metric]`, or null where the summary has none (a metric without units). */
export function ciOf(summary: Summary, protocol: string, metric: string): Interval | null {
  return summary.ci[protocol]?.[metric] ?? null;
}

/** `summary.ci_settings` as flat `key: value` text. */
export function ciSettingsText(summary: Summary): string {
  return Object.entries(summary.ci_settings).map(([k, v]) => `${k}: ${String(v)}`).join(', ');
}

export interface Sourced {
  readonly summary: Summary;
  /** The work dir the summary was read from (absolute). */
  readonly workDir: string;
}

/**
 * Every summary of several work dirs. The same (model, dataset) in two of them is refused: which
 * one a leaderboard should show is the user's call, not ours.
 */
export async function readWorkDirs(dirs: readonly string[]): Promise<Sourced[]> {
  const out: Sourced[] = [];
  const seen = new Map<string, string>();
  for (const dir of dirs.map((d) => resolve(d))) {
    const summaries = await readSummaries(dir);
    if (summaries.length === 0) throw new InputError(`${dir}: no summaries (M/M_D_summary.json) found; run or score it first`);
    for (const summary of summaries) {
      const key = `${summary.model}\0${summary.dataset}`;
      const other = seen.get(key);
      if (other !== undefined) {
        throw new InputError(`${summary.model} × ${summary.dataset} is in both ${other} and ${dir}; give only one of them (or rename the model)`);
      }
      seen.set(key, dir);
      out.push({ summary, workDir: dir });
    }
  }
  return out;
}

export interface MeanCell {
  /** Mean of the primary metrics the model has, or null when it has none. */
  readonly value: number | null;
  /** How many datasets went into it; fewer than the board's columns marks an incomplete row. */
  readonly of: number;
}

export interface Board {
  readonly models: readonly string[];
  readonly datasets: readonly string[];
  readonly cell: (model: string, dataset: string) => Summary | undefined;
  /** `official <metric>` of a dataset's column. */
  readonly metricLabel: (dataset: string) => string;
  readonly mean: (model: string) => MeanCell;
}

/** Models and datasets sorted by name unless an order is given, so the same inputs give the same columns. */
export function buildBoard(summaries: readonly Summary[], modelOrder?: readonly string[]): Board {
  const byKey = new Map(summaries.map((s) => [`${s.model}\0${s.dataset}`, s]));
  const present = [...new Set(summaries.map((s) => s.model))].sort();
  const models = modelOrder === undefined ? present : [...modelOrder.filter((m) => present.includes(m)), ...present.filter((m) => !modelOrder.includes(m))];
  const datasets = [...new Set(summaries.map((s) => s.dataset))].sort();
  const cell = (m: string, d: string): Summary | undefined => byKey.get(`${m}\0${d}`);
  return {
    models,
    datasets,
    cell,
    metricLabel: (d) => {
      const s = models.map((m) => cell(m, d)).find((x) => x !== undefined);
      return s === undefined ? 'official Overall' : `${s.primary.protocol} ${s.primary.metric}`;
    },
    mean: (m) => {
      const values = datasets.map((d) => cell(m, d)?.primary.value).filter((v): v is number => typeof v === 'number');
      return { value: values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length, of: values.length };
    },
  };
}

/** The primary metric's interval of a cell, when the summary has one. */
export function primaryCi(s: Summary | undefined): Interval | null {
  return s === undefined ? null : ciOf(s, s.primary.protocol, s.primary.metric);
}
