/**
 * The cross-work-dir leaderboard: models × datasets of official primary metrics, a mean column and
 * optional confidence intervals. The run-time `leaderboard.csv` (leaderboard.ts) keeps its own
 * columns; this is what `actial-eval leaderboard` and the HTML report show.
 */
import { resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { readSummaries } from '../workdir/summary.js';
import type { Summary } from './summary.js';

/** A confidence interval as the summary's optional `ci` block holds it (fractions). */
export interface Interval {
  readonly lo: number;
  readonly hi: number;
  readonly method: string;
}

/**
 * `summary.ci[protocol][metric]`, read defensively: summaries written before intervals existed have
 * no `ci`, and a malformed entry is treated as absent rather than drawn wrongly.
 */
export function ciOf(summary: Summary, protocol: string, metric: string): Interval | null {
  const ci: unknown = (summary as unknown as { ci?: unknown }).ci;
  const entry = field(field(ci, protocol), metric);
  if (entry === undefined || entry === null || typeof entry !== 'object') return null;
  const { lo, hi, method } = entry as { lo?: unknown; hi?: unknown; method?: unknown };
  if (typeof lo !== 'number' || typeof hi !== 'number' || !Number.isFinite(lo) || !Number.isFinite(hi)) return null;
  return { lo, hi, method: typeof method === 'string' ? method : 'unspecified' };
}

/** `summary.ci_settings` as flat `key: value` text, when present. */
export function ciSettingsText(summary: Summary): string | null {
  const settings: unknown = (summary as unknown as { ci_settings?: unknown }).ci_settings;
  if (settings === undefined || settings === null || typeof settings !== 'object') return null;
  return Object.entries(settings as Record<string, unknown>)
    .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(', ');
}

function field(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
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
