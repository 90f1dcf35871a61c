import { readFile } from 'node:fs/promises';
import type { ScoringDataset } from '../config/data.js';
import { readLatest } from '../store/predictions.js';
import { evaluate } from '../score/evaluate.js';
import { primaryProtocol, twinOf, withUserPipeline } from '../benchmark/protocols.js';
import { accuracyTable } from '../score/accuracy.js';
import { accCsv, metricsCsv, outputPaths, scoresJsonl, summaryJson, writeAtomic } from '../report/files.js';
import { buildSummary, type Provenance, type Summary } from '../report/summary.js';
import { harnessIdentity } from './provenance.js';
import type { JudgeSession } from '../extract/judge/session.js';
import type { JudgeStats } from '../extract/judge/run.js';
import type { ShardSet } from '../shard/spec.js';

/** Run header written at inference: what evaluation cannot learn from the records themselves. */
export interface RunMeta {
  readonly config_hash: string;
  readonly dataset_file: string;
  readonly dataset_fingerprint: string;
  readonly settings: Readonly<Record<string, unknown>>;
  readonly endpoint_model: string;
  /** Rows in the dataset, known once a run streamed all of it. */
  readonly dataset_rows?: number;
  /** Enough to re-score without the config (`actial-eval score`). */
  readonly benchmark: string;
  readonly dataset_name: string;
  readonly circular: boolean;
  readonly extract: string | null;
  /** Present when the store holds only some shards of the dataset (`--shard`, `merge --allow-missing`). */
  readonly shard?: ShardSet;
}

export function metaPath(workDir: string, model: string, dataset: string): string {
  return outputPaths(workDir, model, dataset).predictions.replace(/\.jsonl$/, '.meta.json');
}

export interface EvaluateOptions {
  /** The LLM judge for rows the rules leave undecided (verdicts cached in `M/M_D_judge.jsonl`). */
  readonly judge?: JudgeSession | undefined;
  /** Where the judge's one-line report goes (cache hits and requests are run facts, not scores). */
  readonly log?: (line: string) => void;
}

/**
 * Scores a (model, dataset) from its prediction store (and the judge's cached verdicts) and
 * writes every report file. Nothing is written when the judge is needed but down.
 */
export async function evaluateDataset(workDir: string, model: string, dataset: ScoringDataset, options: EvaluateOptions = {}): Promise<Summary> {
  const paths = outputPaths(workDir, model, dataset.name);
  const latest = await readLatest(paths.predictions);
  const protocols = withUserPipeline(dataset.benchmark.protocols, dataset.extract);
  const judge = options.judge;
  // The judge's queue and cache are loaded only when a judge is on.
  const judged = judge === undefined ? undefined : await (await import('./judge-dataset.js')).judgeDataset(judge, latest, protocols, paths.judge);
  if (judge !== undefined && judged !== undefined) options.log?.(judgeLine(model, dataset.name, judge, judged.stats));
  const ev = evaluate(latest, protocols, dataset.circular, judged?.verdicts);
  const info = await runInfo(workDir, model, dataset.name);
  const summary = buildSummary({
    model,
    dataset: dataset.name,
    datasetName: dataset.datasetName,
    benchmark: dataset.benchmark.id,
    circular: dataset.circular,
    evaluation: ev,
    datasetRows: info.datasetRows,
    partial: info.shard,
    provenance: { ...info.provenance, judge: judge?.provenance ?? null },
    judge: judged?.stats,
  });
  const primary = primaryProtocol(ev.protocols);
  const twin = twinOf(ev.protocols, 'vlmevalkit') ?? primary;
  const truncated = new Set(ev.records.filter((r) => r.status === 'ok' && r.finish_reason === 'length').map((r) => r.index));
  await writeAtomic(paths.scores, scoresJsonl(primary.rowItems, twin.rowItems, truncated));
  await writeAtomic(paths.acc, accCsv(primary.table ?? accuracyTable(primary.units, [], '\0none')));
  await writeAtomic(paths.metrics, metricsCsv(summary));
  await writeAtomic(paths.summary, summaryJson(summary));
  return summary;
}

interface RunInfo {
  readonly provenance: Omit<Provenance, 'judge'>;
  readonly datasetRows: number | null;
  readonly shard: ShardSet | undefined;
}

async function runInfo(workDir: string, model: string, dataset: string): Promise<RunInfo> {
  const id = harnessIdentity();
  let meta: Partial<RunMeta> = {};
  try {
    meta = JSON.parse(await readFile(metaPath(workDir, model, dataset), 'utf8')) as Partial<RunMeta>;
  } catch {
    // evaluated without a run header (predictions copied from elsewhere): provenance stays partial
  }
  const provenance: Omit<Provenance, 'judge'> = {
    harness_version: id.version,
    git_sha: id.sha,
    config_hash: meta.config_hash ?? null,
    dataset_file: meta.dataset_file ?? null,
    dataset_fingerprint: meta.dataset_fingerprint ?? null,
    settings: meta.settings ?? null,
    endpoint_model: meta.endpoint_model ?? null,
  };
  return { provenance, datasetRows: meta.dataset_rows ?? null, shard: meta.shard };
}

function judgeLine(model: string, dataset: string, judge: JudgeSession, s: JudgeStats): string {
  const { model: id, prompt_version: version } = judge.provenance;
  const failed = s.failed > 0 ? `, ${s.failed} judge request(s) failed (asked again next run): ${(s.firstError ?? '').slice(0, 200)}` : '';
  return `${model} × ${dataset}: judge ${id} (${version}): ${s.judged} undecided by the rules → ${s.decided} decided, ${s.undecided} still undecided; ${s.cacheHits} cached, ${s.cacheMisses} asked${failed}\n`;
}
