/**
 * `M/M_D_score.jsonl`: one line per answered row, with its extraction and hit under every protocol
 * of the evaluation. Rewritten whole by every scoring; its format is recorded in the run header
 * (`formats.scores`), not on each line.
 */
import { z } from 'zod';
import { parseWith } from './errors.js';
import { forEachJsonl } from './jsonl.js';
import { stringMap } from './records.js';
import type { DeepReadonly } from './readonly.js';

export const SCORES_FORMAT = 'actial-eval/scores@2';
/** Before protocols were keyed by name: the VLMEvalKit twin in fixed fields, category fields spread at the top. */
export const SCORES_FORMAT_V1 = 'actial-eval/scores@1';
export type ScoresFormat = typeof SCORES_FORMAT | typeof SCORES_FORMAT_V1;

const extracted = z.string().nullable().describe('the answer found (an option letter for MCQ), or null when no step decided');
const method = z.string().describe("the extraction step that decided (`judge` for the LLM judge), or 'none'");
const hit = z.boolean().describe('the extracted answer equals the gold one');
const fields = stringMap().describe("the row's category-like fields (category, split, …)");
const credit = z
  .number()
  .gt(0)
  .lt(1)
  .optional()
  .describe('partial credit, for protocols that score by degree (a number\'s mean relative accuracy); absent: 1 for a hit, 0 for a miss');

/** One row scored under one protocol: what scoring works on in memory, and the primary part of a score line. */
export const scoredItemSchema = z.strictObject({
  index: z.string().describe("the dataset's row id"),
  answer: z.string().describe('the gold answer'),
  extracted,
  method,
  hit,
  credit,
  fields,
});

export type ScoredItem = DeepReadonly<z.infer<typeof scoredItemSchema>>;

const protocolScoreSchema = z.strictObject({ extracted, method, hit, credit });
type ProtocolScore = z.infer<typeof protocolScoreSchema>;

export const scoreLineSchema = z.strictObject({
  index: z.string().describe("the dataset's row id"),
  answer: z.string().describe('the gold answer'),
  extracted: extracted.describe("the primary protocol's extraction (the headline number's)"),
  method: method.describe("the primary protocol's deciding step"),
  hit: hit.describe("the primary protocol's hit"),
  credit: credit.describe("the primary protocol's partial credit, when it scores by degree"),
  protocols: z
    .record(z.string(), protocolScoreSchema)
    .meta({ key: 'protocol', description: 'every protocol of the evaluation (the primary one too), keyed by name, in evaluation order' }),
  truncated: z.literal(true).optional().describe('present (true) when the answer was cut by max_tokens'),
  fields,
});

export type ScoreLine = DeepReadonly<z.infer<typeof scoreLineSchema>>;

const scoreLineV1Schema = z
  .object({
    index: z.string(),
    answer: z.string(),
    extracted: z.string().nullable(),
    method: z.string(),
    hit: z.boolean(),
    extracted_vlmevalkit: z.string().nullable(),
    hit_vlmevalkit: z.boolean(),
    truncated: z.literal(true).optional(),
  })
  .catchall(z.string());

/** One protocol's per-row results, as scoring produced them. */
export interface ProtocolRows {
  readonly name: string;
  readonly rowItems: readonly ScoredItem[];
}

const LINES_PER_CHUNK = 4096;

/**
 * The score file in chunks of lines: a line per row of the primary protocol (the headline
 * number's, one of `protocols`), with every protocol's result for that row, in the order given.
 * `truncated` holds the indices cut by max_tokens.
 */
export function* scoreLines(protocols: readonly ProtocolRows[], primary: ProtocolRows, truncated: ReadonlySet<string>): Generator<string> {
  const lookups = protocols.map(rowLookup);
  let lines: string[] = [];
  for (let i = 0; i < primary.rowItems.length; i++) {
    const it = primary.rowItems[i] as ScoredItem;
    const byName: Record<string, ProtocolScore> = {};
    for (let k = 0; k < protocols.length; k++) {
      const row = (lookups[k] as RowLookup)(it.index, i);
      if (row !== undefined) byName[(protocols[k] as ProtocolRows).name] = protocolScore(row);
    }
    const primaryCredit = it.credit === undefined ? {} : { credit: it.credit };
    const line: ScoreLine = truncated.has(it.index)
      ? { index: it.index, answer: it.answer, extracted: it.extracted, method: it.method, hit: it.hit, ...primaryCredit, protocols: byName, truncated: true, fields: it.fields }
      : { index: it.index, answer: it.answer, extracted: it.extracted, method: it.method, hit: it.hit, ...primaryCredit, protocols: byName, fields: it.fields };
    lines.push(`${JSON.stringify(line)}\n`);
    if (lines.length === LINES_PER_CHUNK) {
      yield lines.join('');
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join('');
}

function protocolScore(row: ScoredItem): ProtocolScore {
  return row.credit === undefined ? { extracted: row.extracted, method: row.method, hit: row.hit } : { extracted: row.extracted, method: row.method, hit: row.hit, credit: row.credit };
}

type RowLookup = (index: string, position: number) => ScoredItem | undefined;

/**
 * Every protocol scores the same records in the same order, so the row at the same position is
 * the same row; the map by index is only a fallback.
 */
function rowLookup(p: ProtocolRows): RowLookup {
  let byIndex: Map<string, ScoredItem> | undefined;
  return (index, position) => {
    const same = p.rowItems[position];
    if (same?.index === index) return same;
    byIndex ??= new Map(p.rowItems.map((r) => [r.index, r]));
    return byIndex.get(index);
  };
}

/**
 * The score lines of a file written in `format` (from the run header), validated; a version-1 line
 * is read into today's shape, its protocols holding the primary one (always `official` then).
 */
export async function forEachScoreLine(file: string, format: ScoresFormat, visit: (line: ScoreLine, lineNumber: number) => void): Promise<void> {
  await forEachJsonl(file, (value, n) => visit(format === SCORES_FORMAT ? parseWith(scoreLineSchema, value, file, n) : fromV1(parseWith(scoreLineV1Schema, value, file, n)), n));
}

function fromV1(v1: z.infer<typeof scoreLineV1Schema>): ScoreLine {
  const { index, answer, extracted: e, method: m, hit: h, extracted_vlmevalkit: _e, hit_vlmevalkit: _h, truncated: t, ...rest } = v1;
  const spread: Record<string, string> = {};
  for (const [k, v] of Object.entries(rest)) if (typeof v === 'string') spread[k] = v;
  return { index, answer, extracted: e, method: m, hit: h, protocols: { official: { extracted: e, method: m, hit: h } }, ...(t === true ? { truncated: true } : {}), fields: spread };
}
