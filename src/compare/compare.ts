/**
 * Compares two sides dataset by dataset: re-scores both from their prediction stores (the rules,
 * and for a judged primary number the verdicts its last scoring recorded; both sides must have been
 * judged alike), checks that paired rows were asked the same question,
 * pairs the official protocol's units by key (row index, or group key for circular/qid groups)
 * and compares every official metric.
 */
import { InputError } from '../core/errors.js';
import type { Grouping, Protocol } from '../benchmark/types.js';
import { primaryProtocol } from '../benchmark/protocols.js';
import { outputPaths } from '../workdir/paths.js';
import { readLatest, type PredictionRecord } from '../workdir/records.js';
import { creditOf } from '../score/credit.js';
import { evaluate, type ProtocolResult } from '../score/evaluate.js';
import { unitKey, type Unit } from '../score/grouping.js';
import { checkPrompts, type PromptCheck } from './identity.js';
import { checkJudges, recordedVerdicts } from './judges.js';
import { compareMetrics, type MetricComparison, type PairedUnit } from './metrics.js';
import { storedDatasets, type Side, type StoredDataset } from './sides.js';

export interface CompareOptions {
  readonly alpha: number;
  readonly resamples: number;
  readonly seed: number;
  /** Only these datasets (all shared ones when absent). */
  readonly data?: readonly string[] | undefined;
}

export interface DatasetComparison {
  readonly dataset: string;
  readonly benchmark: string;
  readonly circular: boolean;
  readonly grouping: string;
  readonly paired: number;
  /** Units scored on one side only (missing, failed, or a group with other rows on the other side). */
  readonly onlyA: number;
  readonly onlyB: number;
  readonly prompts: PromptCheck;
  /** The primary metric first. */
  readonly metrics: readonly MetricComparison[];
}

export interface Comparison {
  readonly a: Side;
  readonly b: Side;
  readonly alpha: number;
  readonly resamples: number;
  readonly datasets: readonly DatasetComparison[];
  /** Datasets stored for one side only: reported, not compared. */
  readonly onlyInA: readonly string[];
  readonly onlyInB: readonly string[];
}

export async function compareSides(a: Side, b: Side, opts: CompareOptions): Promise<Comparison> {
  const [storedA, storedB] = await Promise.all([storedDatasets(a), storedDatasets(b)]);
  const wanted = (name: string): boolean => opts.data === undefined || opts.data.includes(name);
  for (const name of opts.data ?? []) {
    if (!storedA.has(name) && !storedB.has(name)) throw new InputError(`compare: --data ${name}: stored for neither side`);
  }
  const shared = [...storedA.keys()].filter((n) => storedB.has(n) && wanted(n)).sort();
  const onlyInA = [...storedA.keys()].filter((n) => !storedB.has(n) && wanted(n)).sort();
  const onlyInB = [...storedB.keys()].filter((n) => !storedA.has(n) && wanted(n)).sort();
  if (shared.length === 0) {
    throw new InputError(`compare: ${a.label} and ${b.label} have no dataset in common (A: ${[...storedA.keys()].join(', ') || 'none'}; B: ${[...storedB.keys()].join(', ') || 'none'})`);
  }
  const datasets: DatasetComparison[] = [];
  for (const name of shared) datasets.push(await compareDataset(a, b, storedA.get(name) as StoredDataset, storedB.get(name) as StoredDataset, opts));
  return { a, b, alpha: opts.alpha, resamples: opts.resamples, datasets, onlyInA, onlyInB };
}

async function compareDataset(a: Side, b: Side, da: StoredDataset, db: StoredDataset, opts: CompareOptions): Promise<DatasetComparison> {
  if (da.benchmark.id !== db.benchmark.id || da.circular !== db.circular) {
    throw new InputError(`compare: ${da.name}: A was scored as ${da.benchmark.id}${da.circular ? ' (circular)' : ''}, B as ${db.benchmark.id}${db.circular ? ' (circular)' : ''}`);
  }
  if (da.promptBuilder !== undefined && db.promptBuilder !== undefined && da.promptBuilder !== db.promptBuilder) {
    throw new InputError(
      `compare: ${da.name}: A was asked with ${da.promptBuilder} prompts, B with ${db.promptBuilder} prompts (model classes that build their own prompts, e.g. VLMEvalKit's Qwen2-VL classes, ask other questions); compare checkpoints asked alike, e.g. both with "use_custom_prompt": false or both through the same class`,
    );
  }
  checkJudges(da.name, da.judge, db.judge);
  const [latestA, latestB] = await Promise.all([
    readLatest(outputPaths(a.workDir, a.model, da.name).predictions),
    readLatest(outputPaths(b.workDir, b.model, db.name).predictions),
  ]);
  const prompts = checkPrompts(da.name, latestA, latestB);
  const primary = primaryProtocol(da.benchmark.protocols);
  const resultA = primaryResult(latestA, da, await recordedVerdicts(da));
  const { paired, onlyA, onlyB } = pairUnits(resultA.units, primaryResult(latestB, db, await recordedVerdicts(db)).units);
  return {
    dataset: da.name,
    benchmark: da.benchmark.id,
    circular: da.circular,
    grouping: resultA.grouping,
    paired: paired.length,
    onlyA,
    onlyB,
    prompts,
    metrics: compareMetrics(paired, { ...primary, primary: primary.headline, clusterOf: clusterKey(primary) }, { ...opts, seedText: da.name }),
  };
}

/**
 * The protocol's clusters of dependent units (a question and its mirrored image), when it
 * declares them. Read structurally: `cluster` belongs to the confidence-interval work on Protocol,
 * and compare must build with or without it.
 */
function clusterKey(protocol: Protocol): ((u: PairedUnit) => string) | undefined {
  const cluster = (protocol as Protocol & { readonly cluster?: Grouping }).cluster;
  return cluster === undefined ? undefined : (u) => unitKey(cluster, u.key, u.fields);
}

/**
 * The primary protocol alone: the others are not compared, so they are not scored either. A judged
 * number gets the verdicts its scoring recorded (checkJudges made sure both sides were judged alike).
 */
function primaryResult(latest: ReadonlyMap<string, PredictionRecord>, d: StoredDataset, verdicts: ReadonlyMap<string, string | null> | undefined): ProtocolResult {
  const primary = primaryProtocol(d.benchmark.protocols);
  return evaluate(latest, [primary], d.circular, verdicts === undefined ? undefined : new Map([[primary.name, verdicts]])).protocols[0] as ProtocolResult;
}

/**
 * Units with the same key and the same number of rows on both sides, in A's order. A group whose
 * row count differs (a row missing on one side) is not the same question and stays unpaired.
 */
export function pairUnits(unitsA: readonly Unit[], unitsB: readonly Unit[]): { paired: PairedUnit[]; onlyA: number; onlyB: number } {
  const byKey = new Map(unitsB.map((u) => [u.index, u]));
  const paired: PairedUnit[] = [];
  for (const ua of unitsA) {
    const ub = byKey.get(ua.index);
    if (ub === undefined || (ua.members ?? 1) !== (ub.members ?? 1)) continue;
    const credit = ua.credit !== undefined || ub.credit !== undefined ? { creditA: creditOf(ua), creditB: creditOf(ub) } : {};
    paired.push({ key: ua.index, hitA: ua.hit, hitB: ub.hit, ...credit, fields: ua.fields });
  }
  return { paired, onlyA: unitsA.length - paired.length, onlyB: unitsB.length - paired.length };
}
