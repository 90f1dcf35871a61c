import type { PredictionRecord, ScoredItem } from '../core/types.js';
import type { MetricRecipe } from '../benchmark/types.js';
import type { PipelineName } from '../extract/pipelines.js';
import { accuracy, accuracyTable, type AccuracyTable } from './accuracy.js';

/** A field no item has, so every item falls in one 'none' split. */
const ALL_SPLITS = '\0all';
import { compareIndex, groupCircular, scoreRecords } from './items.js';

/** The scores of one protocol: which pipeline extracted, the per-item results and the table. */
export interface ProtocolResult {
  readonly pipeline: PipelineName;
  /** Per question (per circular group when circular). */
  readonly items: readonly ScoredItem[];
  /** Per row, before any grouping: what score.jsonl holds. */
  readonly rowItems: readonly ScoredItem[];
  /** Per split rows, VLMEvalKit's layout (what `_acc.csv` holds). */
  readonly table: AccuracyTable;
  /** The same columns over all splits together. */
  readonly overall: AccuracyTable;
  /** Per-row accuracy before circular grouping (equals `overall` Overall when not circular). */
  readonly vanilla: number;
  readonly methods: Readonly<Record<string, number>>;
  readonly unextracted: number;
  readonly incompleteGroups: number;
}

export interface Evaluation {
  readonly records: readonly PredictionRecord[];
  readonly failed: readonly PredictionRecord[];
  readonly protocols: { readonly official: ProtocolResult; readonly vlmevalkit: ProtocolResult };
}

/** Pure: stored records → scores under the benchmark's official pipeline and VLMEvalKit's. */
export function evaluate(
  latest: ReadonlyMap<string, PredictionRecord>,
  recipe: MetricRecipe,
  officialPipeline: PipelineName,
  circular: boolean,
): Evaluation {
  const records = [...latest.values()].sort((a, b) => compareIndex(a.index, b.index));
  const failed = records.filter((r) => r.status === 'failed');
  const run = (pipeline: PipelineName): ProtocolResult => protocol(records, failed, recipe, pipeline, circular);
  return { records, failed, protocols: { official: run(officialPipeline), vlmevalkit: run('vlmevalkit') } };
}

function protocol(
  records: readonly PredictionRecord[],
  failed: readonly PredictionRecord[],
  recipe: MetricRecipe,
  pipeline: PipelineName,
  circular: boolean,
): ProtocolResult {
  const rowItems = scoreRecords(records, pipeline);
  let items: readonly ScoredItem[] = rowItems;
  let incompleteGroups = 0;
  if (circular) {
    const grouped = groupCircular(rowItems, failed.map((r) => r.index));
    items = grouped.groups.sort((a, b) => compareIndex(a.index, b.index));
    incompleteGroups = grouped.incomplete.length;
  }
  const methods: Record<string, number> = {};
  for (const it of rowItems) methods[it.method] = (methods[it.method] ?? 0) + 1;
  return {
    pipeline,
    items,
    rowItems,
    table: accuracyTable(items, recipe.breakdowns, recipe.splitField),
    overall: accuracyTable(items, recipe.breakdowns, ALL_SPLITS),
    vanilla: accuracy(rowItems),
    methods: sortKeys(methods),
    unextracted: rowItems.filter((it) => it.extracted === null).length,
    incompleteGroups,
  };
}

function sortKeys(obj: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(obj).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
