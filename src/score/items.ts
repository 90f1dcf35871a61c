import type { PredictionRecord, ScoredItem } from '../core/types.js';
import { extractAnswer, type PipelineName } from '../extract/pipelines.js';

/** Extracts and judges every answered record with one pipeline. Failed requests are not items. */
export function scoreRecords(records: Iterable<PredictionRecord>, pipeline: PipelineName): ScoredItem[] {
  const items: ScoredItem[] = [];
  for (const rec of records) {
    if (rec.status !== 'ok') continue;
    const { answer, method } = extractAnswer(pipeline, rec.prediction, rec.choices);
    items.push({ index: rec.index, answer: rec.answer, extracted: answer, method, hit: answer !== null && answer === rec.answer, fields: rec.fields });
  }
  return items;
}

export function compareIndex(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}
