/**
 * The browsable items of the HTML report: each dataset row with every model's answer, joined from
 * the prediction store (`M/M_D.jsonl`) and the scores (`M/M_D_score.jsonl`). Long texts are cut
 * while streaming so memory and page size stay bounded however long the models' outputs are.
 */
import type { Choice } from '../../core/types.js';
import { readRunHeaderIfAny, scoresFormatOf } from '../../workdir/header.js';
import { outputPaths } from '../../workdir/paths.js';
import { forEachRecord, type PredictionRecord } from '../../workdir/records.js';
import { forEachScoreLine, type ScoresFormat } from '../../workdir/scores.js';

/** Characters kept of a question; of a response, this many from its start and as many from its end. */
export const QUESTION_CHARS = 3000;
export const RESPONSE_HALF = 1500;

export interface ModelAnswer {
  readonly status: 'ok' | 'failed';
  /** Scored: true/false; null when the row has no score (failed, or not scored yet). */
  readonly hit: boolean | null;
  /** Whole model output (raw, before post-processing), cut in the middle when long. */
  readonly response: string;
  /** The post-processed answer when it differs from the raw output (e.g. ActialChat's <answer>). */
  readonly answerText: string | null;
  /** The server's separate reasoning field, when it sent one. */
  readonly reasoning: string | null;
  readonly extracted: string | null;
  readonly method: string | null;
  readonly truncated: boolean;
  readonly error: string | null;
  readonly finishReason: string | null;
  readonly attempts: number;
}

export interface Item {
  readonly index: string;
  readonly question: string;
  readonly choices: readonly Choice[];
  readonly gold: string;
  readonly fields: Readonly<Record<string, string>>;
  /** One entry per model of the dataset (same order), null when that model has no record. */
  readonly answers: readonly (ModelAnswer | null)[];
}

export interface ItemFlags {
  /** Models (by position) whose scored answer is wrong; unextracted answers count as wrong, as scored. */
  readonly wrong: readonly number[];
  readonly unextracted: readonly number[];
  readonly failed: readonly number[];
  /** The scored answers disagree on right/wrong (needs two or more models). */
  readonly flipped: boolean;
}

export function itemFlags(item: Item): ItemFlags {
  const positions = (test: (a: ModelAnswer) => boolean): number[] =>
    item.answers.flatMap((a, i) => (a !== null && test(a) ? [i] : []));
  const hits = new Set(item.answers.flatMap((a) => (a !== null && a.hit !== null ? [a.hit] : [])));
  return {
    wrong: positions((a) => a.hit === false),
    unextracted: positions((a) => a.status === 'ok' && a.hit !== null && a.extracted === null),
    failed: positions((a) => a.status === 'failed'),
    flipped: hits.size > 1,
  };
}

export interface DatasetItems {
  readonly dataset: string;
  readonly models: readonly string[];
  /** The first `maxItems` items in index order. */
  readonly items: readonly Item[];
  /** Items in the store before the cap. */
  readonly total: number;
}

interface Score {
  readonly extracted: string | null;
  readonly method: string | null;
  readonly hit: boolean;
  readonly truncated: boolean;
}

/** Loads one dataset's items for the given (model, work dir) pairs. */
export async function loadItems(dataset: string, sources: readonly { model: string; workDir: string }[], maxItems: number): Promise<DatasetItems> {
  const perModel = await Promise.all(sources.map(async (s) => {
    const paths = outputPaths(s.workDir, s.model, dataset);
    const format = scoresFormatOf(await readRunHeaderIfAny(paths.header));
    return { records: await compactRecords(paths.predictions), scores: await readScores(paths.scores, format) };
  }));
  const indices = [...new Set(perModel.flatMap((m) => [...m.records.keys()]))].sort(compareIndex);
  const items = indices.slice(0, maxItems).map((index): Item => {
    const first = perModel.map((m) => m.records.get(index)).find((r) => r !== undefined) as PredictionRecord;
    return {
      index,
      question: cut(first.question ?? '', QUESTION_CHARS),
      choices: first.choices,
      gold: first.answer,
      fields: first.fields,
      answers: perModel.map((m) => answerOf(m.records.get(index), m.scores.get(index))),
    };
  });
  return { dataset, models: sources.map((s) => s.model), items, total: indices.length };
}

/** Numeric row ids in numeric order (VLMEvalKit's are numbers), anything else in code-unit order. */
export function compareIndex(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (a.trim() !== '' && b.trim() !== '' && Number.isFinite(na) && Number.isFinite(nb) && na !== nb) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

function answerOf(rec: PredictionRecord | undefined, score: Score | undefined): ModelAnswer | null {
  if (rec === undefined) return null;
  const raw = rec.raw_prediction ?? rec.prediction;
  const scored = rec.status === 'ok' ? score : undefined;
  return {
    status: rec.status,
    hit: scored?.hit ?? null,
    response: raw,
    answerText: rec.raw_prediction !== undefined && rec.raw_prediction !== rec.prediction ? rec.prediction : null,
    reasoning: rec.reasoning ?? null,
    extracted: scored?.extracted ?? null,
    method: scored?.method ?? null,
    truncated: scored?.truncated === true || (rec.status === 'ok' && rec.finish_reason === 'length'),
    error: rec.error ?? null,
    finishReason: rec.finish_reason ?? null,
    attempts: rec.attempts,
  };
}

/** The latest record per index, its long texts already cut (the store keeps every retry). */
async function compactRecords(file: string): Promise<Map<string, PredictionRecord>> {
  const out = new Map<string, PredictionRecord>();
  await forEachRecord(file, (r) => {
    out.set(r.index, {
      ...r,
      prediction: cutMiddle(r.prediction),
      ...(r.raw_prediction !== undefined ? { raw_prediction: cutMiddle(r.raw_prediction) } : {}),
      ...(r.reasoning !== undefined ? { reasoning: cutMiddle(r.reasoning) } : {}),
      ...(r.question !== undefined ? { question: cut(r.question, QUESTION_CHARS) } : {}),
    });
  });
  return out;
}

async function readScores(file: string, format: ScoresFormat): Promise<Map<string, Score>> {
  const out = new Map<string, Score>();
  await forEachScoreLine(file, format, (s) => {
    out.set(s.index, { extracted: s.extracted, method: s.method, hit: s.hit, truncated: s.truncated === true });
  });
  return out;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max)} […${text.length - max} more characters not shown]`;
}

/** Keeps the start and the end: a reasoning model's answer is usually at the end of its output. */
export function cutMiddle(text: string): string {
  if (text.length <= 2 * RESPONSE_HALF + 200) return text;
  const dropped = text.length - 2 * RESPONSE_HALF;
  return `${text.slice(0, RESPONSE_HALF)}\n[… ${dropped} characters not shown …]\n${text.slice(-RESPONSE_HALF)}`;
}
