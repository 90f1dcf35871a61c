import type { ScoringDataset } from '../config/data.js';
import { evaluate } from '../score/evaluate.js';
import { hasRole, primaryProtocol, withUserPipeline } from '../benchmark/protocols.js';
import { accuracyTable } from '../score/accuracy.js';
import { accCsv, metricsCsv } from '../report/files.js';
import { buildSummary, type Provenance, type Summary } from '../report/summary.js';
import { harnessIdentity } from './provenance.js';
import type { JudgeSession } from '../extract/judge/session.js';
import type { JudgeStats } from '../extract/judge/run.js';
import { JUDGE_PROMPT_VERSION } from '../extract/judge/prompt.js';
import type { Protocol } from '../benchmark/types.js';
import type { DatasetJudgement } from './judge-dataset.js';
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
  if (judge !== undefined && judged !== undefined) {
    for (const [version, stats] of judged.stats) options.log?.(judgeLine(model, dataset.name, judge.provenance.model, version, stats));
  }
  const ev = evaluate(latest, protocols, dataset.circular, judged === undefined ? undefined : verdictsByProtocol(protocols, judged.verdicts));
  const summary = buildSummary({
    model,
    dataset: dataset.name,
    datasetName: dataset.datasetName,
    benchmark: dataset.benchmark.id,
    circular: dataset.circular,
    evaluation: ev,
    datasetRows: header?.dataset_rows ?? null,
    partial: header?.shard,
    provenance: { ...provenanceOf(header), judge: judge === undefined ? null : { ...judge.provenance, prompt_version: promptVersion(primaryProtocol(protocols)) } },
    judge: judged === undefined ? undefined : totalStats([...judged.stats.values()]),
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

/** The prompt a judged protocol asks: its authors' when it declares one, else ours. */
function promptVersion(protocol: Protocol): string {
  return protocol.judgePrompt?.version ?? JUDGE_PROMPT_VERSION;
}

function verdictsByProtocol(protocols: readonly Protocol[], byPrompt: DatasetJudgement['verdicts']): Map<string, ReadonlyMap<string, string | null>> {
  const out = new Map<string, ReadonlyMap<string, string | null>>();
  for (const p of protocols) {
    const verdicts = hasRole(p, 'judge') ? byPrompt.get(promptVersion(p)) : undefined;
    if (verdicts !== undefined) out.set(p.name, verdicts);
  }
  return out;
}

function totalStats(all: readonly JudgeStats[]): JudgeStats {
  const sum = (f: (s: JudgeStats) => number): number => all.reduce((n, s) => n + f(s), 0);
  return {
    judged: sum((s) => s.judged),
    decided: sum((s) => s.decided),
    undecided: sum((s) => s.undecided),
    failed: sum((s) => s.failed),
    cacheHits: sum((s) => s.cacheHits),
    cacheMisses: sum((s) => s.cacheMisses),
    firstError: all.find((s) => s.firstError !== undefined)?.firstError,
  };
}

function judgeLine(model: string, dataset: string, id: string, version: string, s: JudgeStats): string {
  const failed = s.failed > 0 ? `, ${s.failed} judge request(s) failed (asked again next run): ${(s.firstError ?? '').slice(0, 200)}` : '';
  return `${model} × ${dataset}: judge ${id} (${version}): ${s.judged} undecided by the rules → ${s.decided} decided, ${s.undecided} still undecided; ${s.cacheHits} cached, ${s.cacheMisses} asked${failed}\n`;
}
