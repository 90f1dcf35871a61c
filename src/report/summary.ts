import type { Evaluation, ProtocolResult } from '../score/evaluate.js';
import type { AccuracyTable } from '../score/accuracy.js';

export interface Provenance {
  readonly harness_version: string;
  readonly git_sha: string | null;
  readonly config_hash: string | null;
  readonly dataset_file: string | null;
  readonly dataset_fingerprint: string | null;
  readonly settings: Readonly<Record<string, unknown>> | null;
  readonly endpoint_model: string | null;
}

export interface SummaryInput {
  readonly model: string;
  readonly dataset: string;
  readonly datasetName: string;
  readonly benchmark: string;
  readonly circular: boolean;
  readonly evaluation: Evaluation;
  readonly provenance: Provenance;
  /** Rows of the dataset when known (a complete streaming pass happened), else null. */
  readonly datasetRows: number | null;
}

type Num = number | null;

/** Everything `M_D_summary.json` holds; numbers are fractions, NaN becomes null. */
export interface Summary {
  readonly schema: 'actial-eval/summary@1';
  readonly model: string;
  readonly dataset: string;
  readonly dataset_name: string;
  readonly benchmark: string;
  readonly circular: boolean;
  readonly primary: { readonly protocol: 'official'; readonly metric: 'Overall'; readonly value: Num };
  readonly metrics: { readonly official: Record<string, Num>; readonly vlmevalkit: Record<string, Num> };
  /** Per split, as in `_acc.csv`. */
  readonly tables: { readonly official: TableJson; readonly vlmevalkit: TableJson };
  /** Items (groups when circular) behind each all-splits metric. */
  readonly overall_n: Readonly<Record<string, number>>;
  readonly counts: {
    readonly rows: number;
    readonly dataset_rows: number | null;
    /** Dataset rows never asked (an interrupted run); null when the dataset size is unknown. */
    readonly missing: number | null;
    readonly answered: number;
    readonly failed: number;
    readonly unextracted: number;
    readonly unextracted_vlmevalkit: number;
    readonly scored: number;
    readonly incomplete_groups: number;
  };
  readonly extraction: {
    readonly official: { readonly pipeline: string; readonly methods: Readonly<Record<string, number>> };
    readonly vlmevalkit: { readonly pipeline: string; readonly methods: Readonly<Record<string, number>> };
  };
  readonly failures: Readonly<Record<string, number>>;
  readonly provenance: Provenance;
}

interface TableJson {
  readonly columns: readonly string[];
  readonly rows: readonly { readonly split: string; readonly values: Record<string, Num>; readonly n: Record<string, number> }[];
}

export function buildSummary(input: SummaryInput): Summary {
  const { official, vlmevalkit } = input.evaluation.protocols;
  const answered = input.evaluation.records.length - input.evaluation.failed.length;
  return {
    schema: 'actial-eval/summary@1',
    model: input.model,
    dataset: input.dataset,
    dataset_name: input.datasetName,
    benchmark: input.benchmark,
    circular: input.circular,
    primary: { protocol: 'official', metric: 'Overall', value: overall(official.items) },
    metrics: { official: flatMetrics(official, input.circular), vlmevalkit: flatMetrics(vlmevalkit, input.circular) },
    tables: { official: tableJson(official.table), vlmevalkit: tableJson(vlmevalkit.table) },
    overall_n: Object.fromEntries(official.overall.columns.map((c) => [c, official.overall.counts[0]?.values[c] ?? 0])),
    counts: {
      rows: input.evaluation.records.length,
      dataset_rows: input.datasetRows,
      missing: input.datasetRows === null ? null : Math.max(0, input.datasetRows - input.evaluation.records.length),
      answered,
      failed: input.evaluation.failed.length,
      unextracted: official.unextracted,
      unextracted_vlmevalkit: vlmevalkit.unextracted,
      scored: official.items.length,
      incomplete_groups: official.incompleteGroups,
    },
    extraction: { official: methodsOf(official), vlmevalkit: methodsOf(vlmevalkit) },
    failures: failureCounts(input.evaluation),
    provenance: input.provenance,
  };
}

function overall(items: ProtocolResult['items']): Num {
  return items.length === 0 ? null : items.filter((i) => i.hit).length / items.length;
}

function methodsOf(p: ProtocolResult): { pipeline: string; methods: Readonly<Record<string, number>> } {
  return { pipeline: p.pipeline, methods: p.methods };
}

/**
 * Columns over all items (`Overall`, each category); with several splits also `split/column`;
 * for circular datasets also `Overall (vanilla)`, the per-row accuracy before grouping.
 */
function flatMetrics(p: ProtocolResult, circular: boolean): Record<string, Num> {
  const out: Record<string, Num> = {};
  const all = p.overall.rows[0];
  for (const col of p.overall.columns) out[col] = num(all?.values[col]);
  if (circular) out['Overall (vanilla)'] = num(p.vanilla);
  if (p.table.rows.length > 1) {
    for (const row of p.table.rows) {
      for (const col of p.table.columns) out[`${row.split}/${col}`] = num(row.values[col]);
    }
  }
  return out;
}

function tableJson(table: AccuracyTable): TableJson {
  return {
    columns: table.columns,
    rows: table.rows.map((row, i) => ({
      split: row.split,
      values: Object.fromEntries(table.columns.map((c) => [c, num(row.values[c])])),
      n: Object.fromEntries(table.columns.map((c) => [c, table.counts[i]?.values[c] ?? 0])),
    })),
  };
}

function failureCounts(ev: Evaluation): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of ev.failed) {
    const key = (r.error ?? 'unknown error').slice(0, 200);
    out[key] = (out[key] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function num(v: number | undefined): Num {
  return v === undefined || Number.isNaN(v) ? null : v;
}
