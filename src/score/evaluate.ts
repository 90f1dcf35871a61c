import type { PredictionRecord } from '../workdir/records.js';
import type { ScoredItem } from '../workdir/scores.js';
import type { Grouping, Protocol, ProtocolRole, Scorer } from '../benchmark/types.js';
import { creditOf } from './credit.js';
import { hasRole } from '../benchmark/protocols.js';
import type { Pipeline } from '../extract/types.js';
import { accuracyTable, type AccuracyTable } from './accuracy.js';
import { compareIndex, scoreRecordsBy } from './items.js';
import { groupUnits, unitKey, type Unit } from './grouping.js';
import { clusteredAccuracyInterval, DEFAULT_CI, metricIntervals, rowClusterCache, type CiSettings, type Interval, type MetricIntervals, type RowClusters } from './intervals.js';
import { applyVerdicts } from './judged.js';
import { fieldsRead, metricsFromTallies, unitTallies, type MetricResults } from './metrics.js';

/** Name of the per-row accuracy reported beside grouped (circular, flip) protocols. */
export const VANILLA_METRIC = 'Overall (vanilla)';

/** The scores of one protocol: which pipeline extracted, per-unit results, metrics and table. */
export interface ProtocolResult {
  readonly name: string;
  readonly roles: readonly ProtocolRole[];
  /** The extraction pipeline's name. */
  readonly pipeline: string;
  /** The version of the judge prompt it declares (undefined: actial-eval's own, when judged). */
  readonly judgePrompt: string | undefined;
  readonly grouping: Grouping['kind'];
  readonly primary: string;
  readonly units: readonly Unit[];
  /** Per row, before any grouping. */
  readonly rowItems: readonly ScoredItem[];
  readonly metrics: MetricResults;
  /** VLMEvalKit's report_acc layout, when the protocol declares one. */
  readonly table: AccuracyTable | undefined;
  readonly methods: Readonly<Record<string, number>>;
  readonly unextracted: number;
  readonly incompleteGroups: number;
  /** Per-row accuracy before grouping (equals the micro accuracy when rows are units). */
  readonly vanilla: number;
  /** A confidence interval per metric (same names as `metrics`). */
  readonly intervals: MetricIntervals;
  /** The interval of `vanilla` when rows are grouped (rows resampled by cluster), else null. */
  readonly vanillaInterval: Interval | null;
}

export interface Evaluation {
  readonly records: readonly PredictionRecord[];
  readonly failed: readonly PredictionRecord[];
  /** In the benchmark's declaration order (then a user's `<primary>:<pipeline>`). */
  readonly protocols: readonly ProtocolResult[];
  /** How the confidence intervals were computed. */
  readonly ci: CiSettings;
}

/**
 * Pure: stored records → scores under every protocol the benchmark declares. `judged` holds, per
 * judged protocol (by name), the LLM judge's verdicts (index → letter, or null = undecided) for
 * rows its rules left undecided, asked with that protocol's judge prompt.
 */
export function evaluate(
  latest: ReadonlyMap<string, PredictionRecord>,
  protocols: readonly Protocol[],
  circular: boolean,
  judged?: ReadonlyMap<string, ReadonlyMap<string, string | null>>,
  ci: CiSettings = DEFAULT_CI,
): Evaluation {
  const records = [...latest.values()].sort((a, b) => compareIndex(a.index, b.index));
  const failed = records.filter((r) => r.status === 'failed');
  // Every pipeline in one pass over the records, each extracted once however many protocols use it.
  const pipelines: Pipeline[] = [...new Set(protocols.map((spec) => spec.extract))];
  const scored = scoreRecordsBy(records, pipelines);
  const extracted = new Map(pipelines.map((p, i) => [p, scored[i] as ScoredItem[]]));
  const rowClusters = rowClusterCache();
  const results = protocols.map((spec) => {
    const extractedRows = extracted.get(spec.extract) as ScoredItem[];
    const rows = spec.scorer === undefined ? extractedRows : scoredBy(extractedRows, spec.scorer);
    const verdicts = hasRole(spec, 'judge') ? judged?.get(spec.name) : undefined;
    return protocolResult(spec, verdicts === undefined ? rows : applyVerdicts(rows, verdicts), failed, circular, { ci, rowClusters });
  });
  return { records, failed, protocols: results, ci };
}

function protocolResult(
  spec: Protocol,
  rowItems: readonly ScoredItem[],
  failed: readonly PredictionRecord[],
  circular: boolean,
  { ci, rowClusters }: { ci: CiSettings; rowClusters: RowClusters },
): ProtocolResult {
  const grouping: Grouping = circular && spec.grouping.kind === 'row' ? { kind: 'circular-index' } : spec.grouping;
  const { units, incomplete } = groupUnits(rowItems, failed, grouping);
  units.sort((a, b) => compareIndex(a.index, b.index));
  const rows = rowStats(rowItems);
  const tallies = unitTallies(units, fieldsRead(spec.metrics));
  const metrics = metricsFromTallies(tallies, spec.metrics, units);
  const cluster = spec.cluster;
  // Rows of a group move together; a declared cluster (coarser than the group) moves them further.
  const rowCluster = cluster ?? grouping;
  const name = spec.name;
  return {
    name,
    roles: spec.roles,
    pipeline: spec.extract.name,
    judgePrompt: spec.judgePrompt?.version,
    grouping: grouping.kind,
    primary: spec.headline,
    units,
    rowItems,
    metrics,
    table: spec.table === undefined ? undefined : accuracyTable(units, spec.table.breakdowns, spec.table.splitField),
    methods: sortKeys(rows.methods),
    unextracted: rows.unextracted,
    incompleteGroups: incomplete,
    vanilla: rowItems.length === 0 ? Number.NaN : rows.hits / rowItems.length,
    intervals: metricIntervals({
      protocol: name,
      units,
      specs: spec.metrics,
      metrics,
      tallies,
      clusterOf: cluster === undefined ? undefined : (u) => unitKey(cluster, u.index, u.fields),
      ci,
    }),
    vanillaInterval:
      grouping.kind === 'row' ? null : clusteredAccuracyInterval(name, VANILLA_METRIC, rowItems, rowClusters(rowItems, rowCluster), ci),
  };
}

/** Rows whose credit the protocol's scorer decides (hit = full credit; partial credit kept). */
function scoredBy(rows: readonly ScoredItem[], scorer: Scorer): ScoredItem[] {
  return rows.map((row) => {
    const credit = scorer.credit(row.extracted, row.answer, row.fields, row.method);
    const base = { ...row, hit: credit === 1 };
    // Only a fraction is partial credit: 0 and 1 are a miss and a hit, counted as such.
    return credit > 0 && credit < 1 ? { ...base, credit } : base;
  });
}

/** Rows per extraction method, unextracted rows and hits, in one pass. */
function rowStats(rowItems: readonly ScoredItem[]): { methods: Record<string, number>; unextracted: number; hits: number } {
  const methods: Record<string, number> = {};
  let unextracted = 0;
  let hits = 0;
  for (const it of rowItems) {
    methods[it.method] = (methods[it.method] ?? 0) + 1;
    if (it.extracted === null) unextracted++;
    hits += creditOf(it);
  }
  return { methods, unextracted, hits };
}

function sortKeys(obj: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
