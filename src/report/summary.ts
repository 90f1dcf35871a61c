import { VANILLA_METRIC, type Evaluation, type ProtocolResult } from '../score/evaluate.js';
import { primaryProtocol, twinOf } from '../benchmark/protocols.js';
import type { Interval } from '../score/intervals.js';
import type { AccuracyTable } from '../score/accuracy.js';
import { reasoningMetrics } from '../score/reasoning.js';
import type { JudgeStats } from '../extract/judge/run.js';
import { JUDGE_PROMPT_VERSION } from '../extract/judge/prompt.js';
import { JUDGE_METHOD, JUDGE_UNDECIDED_METHOD } from '../score/judged.js';
import type { ShardSet } from '../workdir/header.js';
import { SUMMARY_SCHEMA, type ProtocolInfo, type Provenance, type Summary } from '../workdir/summary.js';

export type { Provenance, Summary } from '../workdir/summary.js';

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

type TableJson = Summary['tables'][string];

export function buildSummary(input: SummaryInput): Summary {
  const ps = input.evaluation.protocols;
  const primary = primaryProtocol(ps);
  const twin = twinOf(ps, 'vlmevalkit');
  const answered = input.evaluation.records.length - input.evaluation.failed.length;
  const primaryValue = primary.metrics.get(primary.primary)?.value;
  return {
    schema: SUMMARY_SCHEMA,
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
    protocols: Object.fromEntries(ps.map((p) => [p.name, protocolInfo(p, input.provenance.judge?.model ?? null)])),
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

function protocolInfo(p: ProtocolResult, judgeModel: string | null): ProtocolInfo {
  return {
    roles: p.roles,
    pipeline: p.pipeline,
    grouping: p.grouping,
    primary: p.primary,
    units: p.units.length,
    unextracted: p.unextracted,
    incomplete_groups: p.incompleteGroups,
    methods: p.methods,
    ...(p.roles.includes('judge') ? { judge: protocolJudge(p, judgeModel) } : {}),
  };
}

/** Who decided a judged protocol's answers: its rules, the judge, or (no judge on) nobody. */
function protocolJudge(p: ProtocolResult, model: string | null): NonNullable<ProtocolInfo['judge']> {
  const judgeDecided = p.methods[JUDGE_METHOD] ?? 0;
  const judgeUndecided = p.methods[JUDGE_UNDECIDED_METHOD] ?? 0;
  const rulesDecided = p.rowItems.length - p.unextracted - judgeDecided;
  return {
    rules_decided: rulesDecided,
    rules_undecided: p.rowItems.length - rulesDecided,
    judge_decided: judgeDecided,
    judge_undecided: judgeUndecided,
    model,
    prompt_version: p.judgePrompt ?? JUDGE_PROMPT_VERSION,
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
