import { VANILLA_METRIC, type Evaluation, type ProtocolResult } from '../score/evaluate.js';
import { primaryProtocol, twinOf } from '../benchmark/protocols.js';
import type { CiSettings, Interval } from '../score/intervals.js';
import type { AccuracyTable } from '../score/accuracy.js';
import { reasoningMetrics, type ReasoningMetrics } from '../score/reasoning.js';
import type { JudgeStats } from '../extract/judge/run.js';
import type { JudgeProvenance } from '../extract/judge/session.js';
import type { ShardSet } from '../core/types.js';

export interface Provenance {
  readonly harness_version: string;
  readonly git_sha: string | null;
  readonly config_hash: string | null;
  readonly dataset_file: string | null;
  readonly dataset_fingerprint: string | null;
  readonly settings: Readonly<Record<string, unknown>> | null;
  readonly endpoint_model: string | null;
  /** The LLM judge when one was on (never its key or URL), else null. */
  readonly judge: JudgeProvenance | null;
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
  /** What the LLM judge did, when one was on. */
  readonly judge?: JudgeStats | undefined;
  /** The shards the store holds, when it holds only some (`--shard`). */
  readonly partial?: ShardSet | undefined;
}

type Num = number | null;

/** Per-row accuracy before grouping, reported beside grouped (circular, flip) protocols. */
export const VANILLA = VANILLA_METRIC;

/** Everything `M_D_summary.json` holds; numbers are fractions, NaN becomes null. */
export interface Summary {
  readonly schema: 'actial-eval/summary@1';
  readonly model: string;
  readonly dataset: string;
  readonly dataset_name: string;
  readonly benchmark: string;
  readonly circular: boolean;
  /**
   * Only a shard's rows were evaluated (`--shard`): every number covers those rows, `dataset_rows`
   * counts them. Absent for a whole dataset, so a merged run's summary equals an unsharded one's.
   */
  readonly partial?: ShardSet;
  /** The headline number: the headline metric of the protocol with the `primary` role. */
  readonly primary: { readonly protocol: string; readonly metric: string; readonly value: Num };
  /** protocol → metric → value, protocols in the benchmark's order, metrics in report order. */
  readonly metrics: Readonly<Record<string, Readonly<Record<string, Num>>>>;
  /** protocol → metric → units behind it. */
  readonly n: Readonly<Record<string, Readonly<Record<string, number>>>>;
  /**
   * protocol → metric → confidence interval (fractions, same keys as `metrics`), null where the
   * metric is null. `method`: wilson, bootstrap (percentile, stratified) or cluster-bootstrap.
   */
  readonly ci: Readonly<Record<string, Readonly<Record<string, Interval | null>>>>;
  readonly ci_settings: CiSettings;
  readonly protocols: Readonly<Record<string, ProtocolInfo>>;
  /** VLMEvalKit report_acc tables (per split), for the protocols that declare one. */
  readonly tables: Readonly<Record<string, TableJson>>;
  readonly counts: {
    readonly rows: number;
    readonly dataset_rows: number | null;
    /** Dataset rows never asked (an interrupted run); null when the dataset size is unknown. */
    readonly missing: number | null;
    readonly answered: number;
    readonly failed: number;
    /** Answered rows the primary protocol's rules (and judge) left undecided. */
    readonly unextracted: number;
    /** The same for the VLMEvalKit twin; null when the benchmark has none. */
    readonly unextracted_vlmevalkit: number | null;
    /** Units (questions or groups) behind the official metrics. */
    readonly scored: number;
    readonly incomplete_groups: number;
    /**
     * Answered rows the rules left undecided that went to the LLM judge, and what became of them.
     * Cache hits and requests are left out on purpose: they differ between a run and its rerun,
     * and the same predictions must give byte-identical reports.
     */
    readonly judged: number;
    readonly judge_decided: number;
    readonly judge_undecided: number;
    /** Judge requests that failed after retries: those rows keep the rules' result this time. */
    readonly judge_failed: number;
  };
  readonly reasoning: ReasoningMetrics;
  readonly failures: Readonly<Record<string, number>>;
  readonly provenance: Provenance;
}

export interface ProtocolInfo {
  /** What the protocol is for (primary, judge, twin:vlmevalkit, …), as the benchmark declares. */
  readonly roles: readonly string[];
  readonly pipeline: string;
  readonly grouping: string;
  readonly primary: string;
  readonly units: number;
  readonly unextracted: number;
  readonly incomplete_groups: number;
  /** How many rows each extraction step decided. */
  readonly methods: Readonly<Record<string, number>>;
}

interface TableJson {
  readonly columns: readonly string[];
  readonly rows: readonly { readonly split: string; readonly values: Record<string, Num>; readonly n: Record<string, number> }[];
}

export function buildSummary(input: SummaryInput): Summary {
  const ps = input.evaluation.protocols;
  const primary = primaryProtocol(ps);
  const twin = twinOf(ps, 'vlmevalkit');
  const answered = input.evaluation.records.length - input.evaluation.failed.length;
  const primaryValue = primary.metrics.get(primary.primary)?.value;
  return {
    schema: 'actial-eval/summary@1',
    model: input.model,
    dataset: input.dataset,
    dataset_name: input.datasetName,
    benchmark: input.benchmark,
    circular: input.circular,
    ...(input.partial !== undefined ? { partial: input.partial } : {}),
    primary: { protocol: primary.name, metric: primary.primary, value: num(primaryValue) },
    metrics: Object.fromEntries(ps.map((p) => [p.name, metricValues(p)])),
    n: Object.fromEntries(ps.map((p) => [p.name, metricCounts(p)])),
    ci: Object.fromEntries(ps.map((p) => [p.name, metricIntervals(p)])),
    ci_settings: input.evaluation.ci,
    protocols: Object.fromEntries(ps.map((p) => [p.name, protocolInfo(p)])),
    tables: Object.fromEntries(ps.flatMap((p) => (p.table === undefined ? [] : [[p.name, tableJson(p.table)]]))),
    counts: {
      rows: input.evaluation.records.length,
      dataset_rows: input.datasetRows,
      missing: input.datasetRows === null ? null : Math.max(0, input.datasetRows - input.evaluation.records.length),
      answered,
      failed: input.evaluation.failed.length,
      unextracted: primary.unextracted,
      unextracted_vlmevalkit: twin?.unextracted ?? null,
      scored: primary.units.length,
      incomplete_groups: primary.incompleteGroups,
      judged: input.judge?.judged ?? 0,
      judge_decided: input.judge?.decided ?? 0,
      judge_undecided: input.judge?.undecided ?? 0,
      judge_failed: input.judge?.failed ?? 0,
    },
    reasoning: reasoningMetrics(input.evaluation.records, primary.rowItems),
    failures: failureCounts(input.evaluation),
    provenance: input.provenance,
  };
}

function metricValues(p: ProtocolResult): Record<string, Num> {
  const out: Record<string, Num> = {};
  for (const [name, m] of p.metrics) out[name] = num(m.value);
  if (p.grouping !== 'row') out[VANILLA] = num(p.vanilla);
  return out;
}

function metricCounts(p: ProtocolResult): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [name, m] of p.metrics) out[name] = m.n;
  if (p.grouping !== 'row') out[VANILLA] = p.rowItems.length;
  return out;
}

function metricIntervals(p: ProtocolResult): Record<string, Interval | null> {
  const out: Record<string, Interval | null> = {};
  for (const name of p.metrics.keys()) out[name] = p.intervals.get(name) ?? null;
  if (p.grouping !== 'row') out[VANILLA] = p.vanillaInterval;
  return out;
}

function protocolInfo(p: ProtocolResult): ProtocolInfo {
  return {
    roles: p.roles,
    pipeline: p.pipeline,
    grouping: p.grouping,
    primary: p.primary,
    units: p.units.length,
    unextracted: p.unextracted,
    incomplete_groups: p.incompleteGroups,
    methods: p.methods,
  };
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
