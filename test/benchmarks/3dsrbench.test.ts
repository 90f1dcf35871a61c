import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { threeDsrBench } from '../../benchmarks/3dsrbench.js';
import type { Choice } from '../../src/core/types.js';
import type { PredictionRecord } from '../../src/workdir/records.js';
import { extractAnswer, type GenericPipelineName } from '../../src/extract/pipelines.js';
import type { Pipeline } from '../../src/extract/types.js';
import { evaluate } from '../../src/score/evaluate.js';
import { COLUMNS, SUBTYPES, threeDsrRows, TYPES, type Row } from './3dsrbench-data.js';
import { SR3D } from '../extract/lmms-eval-cases.js';
import { rescoreWith } from './rescore.js';
import { errorLines, mean, metricsMismatch, readOutputs, ROOT, runDataset, tempDir, writeTsv } from './run-cli.js';

const DATASET = '3DSRBench';
const entry = (path: string) => ({ class: '_3DSRBench', dataset: DATASET, path });

function choicesOf(row: Row): Choice[] {
  return (['A', 'B', 'C', 'D'] as const).filter((l) => row[l] !== '').map((letter) => ({ letter, text: row[letter] }));
}

// ------------------------------------------------------------- the formulas, written out plainly

/** compute_3dsrbench_results(_circular).py: group by qid minus a trailing "-N"; all rows right. */
function officialScores(rows: readonly Row[], hit: (r: Row) => number): Record<string, number | null> {
  const results = new Map<string, { hit: number; subtype: string }>();
  for (const r of rows) {
    const qid = r.qid[r.qid.length - 2] === '-' ? r.qid.slice(0, -2) : r.qid;
    const seen = results.get(qid);
    if (seen === undefined) results.set(qid, { hit: hit(r), subtype: r.category });
    else seen.hit *= hit(r);
  }
  const groups = [...results.values()];
  const out: Record<string, number | null> = { Overall: mean(groups.map((g) => g.hit)) };
  for (const [t, subs] of Object.entries(TYPES)) out[t] = mean(groups.filter((g) => subs.includes(g.subtype)).map((g) => g.hit));
  for (const s of SUBTYPES) out[s] = mean(groups.filter((g) => g.subtype === s).map((g) => g.hit));
  return out;
}

/** VLMEvalKit report_acc without split/l2-category: Overall, then each category, sorted. */
function reportAcc(rows: readonly { category: string; hit: number }[]): Record<string, number | null> {
  const out: Record<string, number | null> = { Overall: mean(rows.map((r) => r.hit)) };
  for (const c of [...new Set(rows.map((r) => r.category))].sort()) out[c] = mean(rows.filter((r) => r.category === c).map((r) => r.hit));
  return out;
}

/** The four types over scored units (ours, in every setting): each unit's type from its subtype. */
function typeAcc(units: readonly { category: string; hit: number }[]): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  for (const [t, subs] of Object.entries(TYPES)) out[t] = mean(units.filter((u) => subs.includes(u.category)).map((u) => u.hit));
  return out;
}

/** _3DSRBench.evaluate, one setting: keep the rows whose qid is a key; each takes the product of its key's rows. */
function vlmevalkitSetting(rows: readonly Row[], hit: (r: Row) => number, keyOf: (qid: string) => string) {
  const keys = new Set(rows.map((r) => keyOf(r.qid)));
  const main = rows.filter((r) => keys.has(r.qid));
  const hitMap = new Map(main.map((r) => [r.qid, hit(r)]));
  for (const r of rows) hitMap.set(keyOf(r.qid), (hitMap.get(keyOf(r.qid)) as number) * hit(r));
  const units = main.map((r) => ({ category: r.category, hit: hitMap.get(r.qid) as number }));
  return { ...reportAcc(units), ...typeAcc(units) };
}

/** lmms-eval's 3dsrbench utils.py aggregations: per-row vanilla, main-category and category accuracies. */
function lmmsRows(rows: readonly Row[], hit: (r: Row) => number): Record<string, number | null> {
  const out: Record<string, number | null> = { vanilla_accuracy: mean(rows.map(hit)) };
  for (const [t, subs] of Object.entries(TYPES)) out[`${t}_accuracy`] = mean(rows.filter((r) => subs.includes(r.category)).map(hit));
  for (const sub of SUBTYPES) out[`${sub}_accuracy`] = mean(rows.filter((r) => r.category === sub).map(hit));
  return out;
}

/** aggregate_flip/circular/flip_circular_accuracy: groups by key, a group right when the product of its scores is 1; plus our four types over the groups. */
function lmmsGrouped(rows: readonly Row[], hit: (r: Row) => number, keyOf: (qid: string) => string, metric: string): Record<string, number | null> {
  const groups = new Map<string, { category: string; hit: number }>();
  for (const r of rows) {
    const g = groups.get(keyOf(r.qid));
    if (g === undefined) groups.set(keyOf(r.qid), { category: r.category, hit: hit(r) });
    else g.hit *= hit(r);
  }
  const units = [...groups.values()];
  return { [metric]: mean(units.map((u) => u.hit)), ...typeAcc(units), 'Overall (vanilla)': mean(rows.map(hit)) };
}

const FLIP = (x: string) => x.replaceAll('-flip', '');
const CIRC = (x: string) => (x.includes('-flip') ? x.slice(0, 13) : x.slice(0, 8));
const FLIP_CIRC = (x: string) => x.slice(0, 8);

type Metrics = Record<string, number | null>;

type Scored = 'robust' | 'vlmevalkit' | 'lmms';

type Setting = 'official' | 'vlmevalkit' | 'vanilla' | 'flip' | 'flip_circular' | 'lmms-eval' | 'lmms-eval-flip' | 'lmms-eval-circular' | 'lmms-eval-flip_circular' | 'robust';

function expectedMetrics(rows: readonly Row[], hits: Readonly<Record<Scored, (r: Row) => number>>): Record<Setting, Metrics> {
  const vanilla = (p: Scored) => mean(rows.map(hits[p]));
  return {
    // The authors scored VLMEvalKit's results: its exact matching (no judge here), their grouping.
    official: { ...officialScores(rows, hits.vlmevalkit), 'Overall (vanilla)': vanilla('vlmevalkit') },
    vlmevalkit: { ...vlmevalkitSetting(rows, hits.vlmevalkit, CIRC), 'Overall (vanilla)': vanilla('vlmevalkit') },
    vanilla: vlmevalkitSetting(rows, hits.vlmevalkit, (x) => x),
    flip: { ...vlmevalkitSetting(rows, hits.vlmevalkit, FLIP), 'Overall (vanilla)': vanilla('vlmevalkit') },
    flip_circular: { ...vlmevalkitSetting(rows, hits.vlmevalkit, FLIP_CIRC), 'Overall (vanilla)': vanilla('vlmevalkit') },
    'lmms-eval': lmmsRows(rows, hits.lmms),
    'lmms-eval-flip': lmmsGrouped(rows, hits.lmms, FLIP, 'flip_accuracy'),
    'lmms-eval-circular': lmmsGrouped(rows, hits.lmms, CIRC, 'circular_accuracy'),
    'lmms-eval-flip_circular': lmmsGrouped(rows, hits.lmms, FLIP_CIRC, 'flip_circular_accuracy'),
    // Ours, beside: the official grouping and metrics on the robust pipeline's answers.
    robust: { ...officialScores(rows, hits.robust), 'Overall (vanilla)': vanilla('robust') },
  };
}

/**
 * lmms-eval's 3dsrbench extract_answer written out again for ASCII replies (the mock's): the
 * first of its eight patterns that matches the stripped reply; process_results then compares
 * the letter with the gold one.
 */
function lmmsLetter(reply: string): string | null {
  const t = reply.trim();
  const patterns = [/^([A-D])[.\s)]/, /^([A-D])$/, /[Aa]nswer[:\s]+([A-D])/, /[Tt]he answer is[:\s]+([A-D])/, /[Mm]y answer is[:\s]+([A-D])/, /\(([A-D])\)/, /([A-D])\./, /\b([A-D])\b/];
  for (const p of patterns) {
    const m = p.exec(t);
    if (t !== '' && m !== null) return m[1] ?? null;
  }
  return null;
}

// ------------------------------------------------------------- end to end

describe('3DSRBench through the CLI (embedded mock)', () => {
  it('reports every protocol exactly as the official script and VLMEvalKit compute them from the stored answers', async () => {
    const dir = await tempDir();
    const rows = threeDsrRows(26);
    const tsv = join(dir, `${DATASET}.tsv`);
    await writeTsv(tsv, COLUMNS, rows);
    const res = await runDataset(dir, DATASET, entry(tsv));
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);

    const { predictions, summary } = await readOutputs(res.work, DATASET);
    expect(predictions.size).toBe(rows.length);
    const hitWith = (p: GenericPipelineName | Pipeline) => (r: Row) => {
      const prediction = predictions.get(r.index);
      if (prediction === undefined) throw new Error(`no answer stored for index ${r.index}`);
      return extractAnswer(p, prediction, choicesOf(r)).answer === r.answer ? 1 : 0;
    };
    const lmms = (r: Row) => {
      const prediction = predictions.get(r.index) ?? '';
      expect(prediction).toMatch(/^[\x00-\x7f]*$/);
      return lmmsLetter(prediction) === r.answer ? 1 : 0;
    };
    const hits = { robust: hitWith('robust'), vlmevalkit: hitWith('vlmevalkit'), lmms };
    const expected = expectedMetrics(rows, hits);

    expect(metricsMismatch(summary.metrics, expected)).toEqual([]);
    expect(summary.primary).toEqual({ protocol: 'official', metric: 'Overall', value: expected.official['Overall'] });
    // The settings tell apart on this data, so a wrong grouping cannot pass unnoticed.
    const overalls = [expected.vanilla['Overall'], expected.flip['Overall'], expected.vlmevalkit['Overall'], expected.flip_circular['Overall']];
    expect(new Set(overalls).size, JSON.stringify(overalls)).toBe(4);
    // lmms-eval's patterns read some replies otherwise than VLMEvalKit's rules do, and its groups
    // are the same as VLMEvalKit's settings: the numbers differ only by extraction.
    expect(expected['lmms-eval']?.['vanilla_accuracy']).not.toBe(expected.vanilla?.['Overall']);
    expect(expected['lmms-eval-circular']?.['circular_accuracy']).not.toBe(expected['lmms-eval']?.['vanilla_accuracy']);
    // Every setting reports the four types, each computed over that setting's units.
    for (const p of ['official', 'vlmevalkit', 'vanilla', 'flip', 'flip_circular', 'lmms-eval-flip', 'lmms-eval-circular', 'lmms-eval-flip_circular']) {
      for (const t of Object.keys(TYPES)) expect(summary.metrics[p]?.[t], `${p} ${t}`).toEqual(expect.any(Number));
    }
    expect(expected.official['Overall']).not.toBe(expected.official['Overall (vanilla)']);
    // 26 questions asked twice (plain, mirrored): 52 official groups.
    expect(summary.counts['scored']).toBe(52);
  });
});

describe("3DSRBench lmms-eval protocols on the original's cases", () => {
  it("the stored replies replaced by the cases and re-scored by the CLI give lmms-eval's aggregations of the original letters", async () => {
    const dir = await tempDir();
    const rows = threeDsrRows(12);
    expect(rows.length).toBeGreaterThan(SR3D.length);
    const tsv = join(dir, `${DATASET}.tsv`);
    await writeTsv(tsv, COLUMNS, rows);
    const res = await runDataset(dir, DATASET, entry(tsv));
    expect(res.code, res.stderr).toBe(0);
    const caseOf = (index: string) => SR3D[(Number(index) - 1) % SR3D.length] as (typeof SR3D)[number];
    await rescoreWith(res.work, DATASET, (index) => caseOf(index)[0]);
    const { summary } = await readOutputs(res.work, DATASET);
    // The original extract_answer's letter for the row's reply, against the row's gold letter.
    const hit = (r: Row) => (caseOf(r.index)[1] === r.answer ? 1 : 0);
    const lmms = ['lmms-eval', 'lmms-eval-flip', 'lmms-eval-circular', 'lmms-eval-flip_circular'] as const;
    const all = expectedMetrics(rows, { robust: hit, vlmevalkit: hit, lmms: hit });
    const want = Object.fromEntries(lmms.map((p) => [p, all[p]]));
    const got = Object.fromEntries(lmms.map((p) => [p, summary.metrics[p] ?? {}]));
    expect(metricsMismatch(got, want)).toEqual([]);
  });
});

describe('3DSRBench demo file', () => {
  it('runs end to end: 6 questions, each plain and mirrored', async () => {
    const res = await runDataset(await tempDir(), DATASET, entry(join(ROOT, 'benchmarks', 'demo', '3DSRBench.tsv')));
    expect(errorLines(res.stderr)).toEqual([]);
    expect(res.code).toBe(0);
    const { summary } = await readOutputs(res.work, DATASET);
    expect(summary.counts).toMatchObject({ rows: 36, scored: 12 });
  });
});

// ------------------------------------------------------------- hand-made answers

const typeOf = (subtype: string): string => Object.entries(TYPES).find(([, subs]) => subs.includes(subtype))?.[0] ?? '';

/** A stored answer: `right` picks the gold letter, otherwise another option. */
function record(row: Row, right: boolean): PredictionRecord {
  const choices = choicesOf(row);
  const wrong = choices.find((c) => c.letter !== row.answer)?.letter ?? 'A';
  return {
    index: row.index, prompt_hash: 'h', settings_hash: 's', status: 'ok', prediction: right ? row.answer : wrong,
    finish_reason: 'stop', usage: null, latency_ms: 1, attempts: 1, time: '', answer: row.answer, choices,
    fields: { qid: row.qid, category: row.category, type: typeOf(row.category) },
  };
}

describe('3DSRBench groupings on hand-made answers', () => {
  // Question 1 (2 options, height_higher): Q3D00001 ✓, -1 ✗, -flip ✓, -flip-1 ✓.
  // Question 2 (4 options, location_above): all ✓ but Q3D00002-flip-2.
  const rows = threeDsrRows(2);
  const wrong = new Set(['Q3D00001-1', 'Q3D00002-flip-2']);
  const latest = new Map(rows.map((r) => [r.index, record(r, !wrong.has(r.qid))]));
  const result = evaluate(latest, threeDsrBench.protocols, false);
  const overall = (name: string) => result.protocols.find((p) => p.name === name)?.metrics.get('Overall')?.value;

  it.each([
    // 4 groups (Q1, Q1-flip, Q2, Q2-flip), right: Q1-flip, Q2.
    ['official', 2 / 4],
    ['vlmevalkit', 2 / 4],
    // 12 rows, 2 wrong.
    ['vanilla', 10 / 12],
    // 6 (question, mirror) rotation pairs, wrong: Q1 rotation 1, Q2 rotation 2.
    ['flip', 4 / 6],
    // 2 groups of everything, both hold a wrong row.
    ['flip_circular', 0],
  ] as const)('%s Overall = %d', (name, value) => {
    expect(overall(name)).toBeCloseTo(value, 12);
  });

  it('breaks the official score down by the type derived from the subtype', async () => {
    const official = result.protocols[0];
    expect(official?.metrics.get('height')?.value).toBeCloseTo(1 / 2, 12);
    expect(official?.metrics.get('location')?.value).toBeCloseTo(1 / 2, 12);
    expect(official?.metrics.get('orientation')?.value).toBeNaN();
  });
});

// ------------------------------------------------------------- bad input

describe('3DSRBench bad input: one clear error, exit 2', () => {
  async function refused(edit: (rows: Row[]) => { columns: readonly string[]; rows: Row[] }, patterns: readonly RegExp[]) {
    const dir = await tempDir();
    const tsv = join(dir, `${DATASET}.tsv`);
    const { columns, rows } = edit(threeDsrRows(3));
    await writeTsv(tsv, columns, rows);
    const res = await runDataset(dir, DATASET, entry(tsv));
    const lines = errorLines(res.stderr);
    expect(res.code).toBe(2);
    expect(lines).toHaveLength(1);
    for (const p of patterns) expect(lines[0]).toMatch(p);
  }

  it('an answer outside the row\'s options', async () => {
    // Row 2 is a rotation of a two-option question.
    await refused((rows) => {
      (rows[1] as Row).answer = 'C';
      return { columns: COLUMNS, rows };
    }, [/3DSRBench\.tsv \(row 2, column 'answer'\)/, /answer 'C' is not one of the row's options \(A, B\)/]);
  });

  it('a missing qid column', async () => {
    await refused((rows) => ({ columns: COLUMNS.filter((c) => c !== 'qid'), rows }), [/3DSRBench\.tsv \(row 1\b/, /missing column 'qid'/]);
  });

  it('a subtype the official script does not know', async () => {
    await refused((rows) => {
      (rows[4] as Row).category = 'location_behind';
      return { columns: COLUMNS, rows };
    }, [/row 5, column 'category'/, /unexpected value 'location_behind'; expected one of height_higher, location_above/]);
  });
});
