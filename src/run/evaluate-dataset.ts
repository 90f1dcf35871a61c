import type { ScoringDataset } from '../config/data.js';
import { evaluate } from '../score/evaluate.js';
import { primaryProtocol, withUserPipeline } from '../benchmark/protocols.js';
import { accuracyTable } from '../score/accuracy.js';
import { accCsv, metricsCsv } from '../report/files.js';
import { buildSummary, type Provenance, type Summary } from '../report/summary.js';
import { harnessIdentity } from './provenance.js';
import type { JudgeSession } from '../extract/judge/session.js';
import type { JudgeStats } from '../extract/judge/run.js';
import { writeAtomic } from '../workdir/atomic.js';
import { CURRENT_FORMATS, readRunHeaderIfAny, writeRunHeader, type RunHeader } from '../workdir/header.js';
import { outputPaths, type PairPaths } from '../workdir/paths.js';
import { readLatest } from '../workdir/records.js';
import { scoreLines } from '../workdir/scores.js';
import { writeSummary } from '../workdir/summary.js';

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
  const header = await readRunHeaderIfAny(paths.header);
  const latest = await readLatest(paths.predictions);
  const protocols = withUserPipeline(dataset.benchmark.protocols, dataset.extract);
  const judge = options.judge;
  // The judge's queue and cache are loaded only when a judge is on.
  const judged = judge === undefined ? undefined : await (await import('./judge-dataset.js')).judgeDataset(judge, latest, protocols, paths.judge);
  if (judge !== undefined && judged !== undefined) options.log?.(judgeLine(model, dataset.name, judge, judged.stats));
  const ev = evaluate(latest, protocols, dataset.circular, judged?.verdicts);
  const summary = buildSummary({
    model,
    dataset: dataset.name,
    datasetName: dataset.datasetName,
    benchmark: dataset.benchmark.id,
    circular: dataset.circular,
    evaluation: ev,
    datasetRows: header?.dataset_rows ?? null,
    partial: header?.shard,
    provenance: { ...provenanceOf(header), judge: judge?.provenance ?? null },
    judge: judged?.stats,
  });
  const primary = primaryProtocol(ev.protocols);
  const truncated = new Set(ev.records.filter((r) => r.status === 'ok' && r.finish_reason === 'length').map((r) => r.index));
  await recordScoresFormat(paths, header);
  await writeAtomic(paths.scores, scoreLines(ev.protocols, primary, truncated));
  await writeAtomic(paths.acc, accCsv(primary.table ?? accuracyTable(primary.units, [], '\0none')));
  await writeAtomic(paths.metrics, metricsCsv(summary));
  await writeSummary(paths.summary, summary);
  return summary;
}

/** Evaluated without a run header (predictions copied from elsewhere), provenance stays partial. */
function provenanceOf(header: RunHeader | undefined): Omit<Provenance, 'judge'> {
  const id = harnessIdentity();
  return {
    harness_version: id.version,
    git_sha: id.sha,
    config_hash: header?.config_hash ?? null,
    dataset_file: header?.dataset_file ?? null,
    dataset_fingerprint: header?.dataset_fingerprint ?? null,
    settings: header?.settings ?? null,
    endpoint_model: header?.endpoint_model ?? null,
    ...(header?.prompt_builder !== undefined ? { prompt_builder: header.prompt_builder } : {}),
  };
}

/**
 * The header names the score file's format, and a header an older version wrote names the older
 * one: it is brought up to date before the file is rewritten (readers then expect the new lines;
 * were this cut short in between, they would say so rather than misread).
 */
async function recordScoresFormat(paths: PairPaths, header: RunHeader | undefined): Promise<void> {
  if (header === undefined || header.formats.scores === CURRENT_FORMATS.scores) return;
  await writeRunHeader(paths.header, { ...header, formats: { ...header.formats, scores: CURRENT_FORMATS.scores } });
}

function judgeLine(model: string, dataset: string, judge: JudgeSession, s: JudgeStats): string {
  const { model: id, prompt_version: version } = judge.provenance;
  const failed = s.failed > 0 ? `, ${s.failed} judge request(s) failed (asked again next run): ${(s.firstError ?? '').slice(0, 200)}` : '';
  return `${model} × ${dataset}: judge ${id} (${version}): ${s.judged} undecided by the rules → ${s.decided} decided, ${s.undecided} still undecided; ${s.cacheHits} cached, ${s.cacheMisses} asked${failed}\n`;
}
