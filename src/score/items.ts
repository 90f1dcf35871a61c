import type { PredictionRecord } from '../workdir/records.js';
import type { ScoredItem } from '../workdir/scores.js';
import { extractAnswers, type Extraction, type Pipeline } from '../extract/pipelines.js';

/** Extracts and judges every answered record with one pipeline. Failed requests are not items. */
export function scoreRecords(records: Iterable<PredictionRecord>, pipeline: Pipeline): ScoredItem[] {
  return scoreRecordsBy(records, [pipeline])[0] as ScoredItem[];
}

/** `scoreRecords` under several pipelines in one pass (aligned with `pipelines`). */
export function scoreRecordsBy(records: Iterable<PredictionRecord>, pipelines: readonly Pipeline[]): ScoredItem[][] {
  const out: ScoredItem[][] = pipelines.map(() => []);
  for (const rec of records) {
    if (rec.status !== 'ok') continue;
    const found = extractAnswers(pipelines, rec.prediction, rec.choices, rec.fields, rec.raw_prediction);
    for (let p = 0; p < found.length; p++) {
      const { answer, method } = found[p] as Extraction;
      (out[p] as ScoredItem[]).push({ index: rec.index, answer: rec.answer, extracted: answer, method, hit: answer !== null && answer === rec.answer, fields: rec.fields });
    }
  }
  return out;
}

export function compareIndex(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
