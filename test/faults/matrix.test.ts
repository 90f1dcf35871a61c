/**
 * The fault matrix, end to end: one CLI run against a mock that injects every fault kind, each on
 * its own item (selected by question text), then a clean run for reference. Each row of the table
 * says what the store must hold for that item: status, error kind, attempts, words of the error.
 * No fault may turn into a wrong answer: failed items are absent from `_score.jsonl`, and items
 * that failed and then passed are scored exactly as in the clean run.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFault } from '../../src/mock/faults.js';
import {
  gptModel,
  mcqData,
  mockServer,
  paths,
  readJson,
  readJsonl,
  runCli,
  tempDir,
  writeConfig,
  writeMcqTsv,
  type StoredRecord,
  type SummaryJson,
} from '../e2e/helpers.js';

interface Expected {
  readonly fault: string;
  readonly status: 'ok' | 'failed';
  readonly attempts: number;
  readonly kind?: 'transient' | 'permanent';
  readonly http?: number;
  /** Fragments the failure record's error must contain (the server's words and the reason). */
  readonly error?: readonly RegExp[];
}

const TRIES = 3;
/** The model's `timeout`, seconds: long enough that a loaded CI machine answers well within it. */
const TIMEOUT_S = 3;
const GAVE_UP = new RegExp(`\\[gave up after ${TRIES} attempts: `);
const NOT_RETRIED = /\[not retried: HTTP \d+ is permanent/;

/** The matrix. `first=K` faults fail K attempts and then let the item through. */
const MATRIX: readonly Expected[] = [
  { fault: '500', status: 'failed', kind: 'transient', attempts: TRIES, http: 500, error: [/^500 mock fault 500/, GAVE_UP, /HTTP 500 is transient/] },
  { fault: '500:first=2', status: 'ok', attempts: 3 },
  { fault: '503', status: 'failed', kind: 'transient', attempts: TRIES, http: 503, error: [/^503 /, GAVE_UP] },
  { fault: '503:first=1', status: 'ok', attempts: 2 },
  { fault: '429', status: 'failed', kind: 'transient', attempts: TRIES, http: 429, error: [/^429 /, GAVE_UP, /Retry-After honoured/] },
  { fault: '429:first=1', status: 'ok', attempts: 2 },
  { fault: 'reset', status: 'failed', kind: 'transient', attempts: TRIES, error: [/^connection error: .*ECONNRESET/, GAVE_UP, /connection errors are transient/] },
  { fault: 'reset:first=2', status: 'ok', attempts: 3 },
  { fault: 'hang', status: 'failed', kind: 'transient', attempts: TRIES, error: [new RegExp(`^request timed out after ${TIMEOUT_S} s`), GAVE_UP, /timeouts are transient/] },
  { fault: 'hang:first=1', status: 'ok', attempts: 2 },
  { fault: 'slow:ms=200', status: 'ok', attempts: 1 },
  // A body that trickles past the timeout after the headers: only a timeout over the body cuts it.
  { fault: 'slow:ms=8000', status: 'failed', kind: 'transient', attempts: TRIES, error: [new RegExp(`^request timed out after ${TIMEOUT_S} s`), GAVE_UP] },
  { fault: 'slow:ms=8000:first=1', status: 'ok', attempts: 2 },
  { fault: 'malformed-json', status: 'failed', kind: 'transient', attempts: TRIES, error: [/^server answered with malformed JSON/, GAVE_UP, /server fault, transient/] },
  { fault: 'malformed-json:first=1', status: 'ok', attempts: 2 },
  { fault: 'empty-choices', status: 'failed', kind: 'transient', attempts: TRIES, error: [/^server answered without choices/, GAVE_UP] },
  { fault: 'empty-choices:first=2', status: 'ok', attempts: 3 },
  // The model's own (empty) answer, not a fault of the request: stored and scored, see NULL_CONTENT.
  { fault: 'null-content', status: 'ok', attempts: 1 },
  { fault: '400-context', status: 'failed', kind: 'permanent', attempts: 1, http: 400, error: [/^400 This model's maximum context length is 32768 tokens/, NOT_RETRIED] },
  { fault: '400-images', status: 'failed', kind: 'permanent', attempts: 1, http: 400, error: [/^400 At most 0 image\(s\) may be provided in one prompt/, NOT_RETRIED] },
  { fault: '400-max-tokens', status: 'failed', kind: 'permanent', attempts: 1, http: 400, error: [/^400 'max_tokens' or 'max_completion_tokens' is too large/, NOT_RETRIED] },
  { fault: '404-model', status: 'failed', kind: 'permanent', attempts: 1, http: 404, error: [/^404 The model `mock-model` does not exist/, NOT_RETRIED] },
  { fault: '401', status: 'failed', kind: 'permanent', attempts: 1, http: 401, error: [/^401 Unauthorized/, NOT_RETRIED] },
];
const NULL_CONTENT = MATRIX.findIndex((c) => c.fault === 'null-content');
/** Rows past the matrix get no fault: the control group. */
const ROWS = MATRIX.length + 3;
const MODEL = 'ckpt';
const DATA = 'E2E';

interface ScoreLine {
  readonly index: string;
  readonly extracted: string | null;
  readonly hit: boolean;
  readonly [key: string]: unknown;
}

/** Attempts that met the fault: all of them for a failed item, K for `first=K`, 1 otherwise. */
function faultedAttempts(c: Expected): number {
  return c.status === 'failed' ? c.attempts : Math.max(1, c.attempts - 1);
}

async function runAgainst(dir: string, name: string, url: string, tsv: string): Promise<{ code: number | null; work: string }> {
  const config = await writeConfig(join(dir, `${name}.json`), {
    model: { [MODEL]: gptModel(`${url}/chat/completions`, { retry: TRIES, wait: 0.01, timeout: TIMEOUT_S }) },
    data: { [DATA]: mcqData(tsv) },
  });
  const work = join(dir, name);
  const res = await runCli(['--config', config, '--work-dir', work, '--api-nproc', String(ROWS)]);
  return { code: res.code, work };
}

describe('fault matrix', () => {
  it('classifies every fault, records why, and never scores a failure as a wrong answer', async () => {
    const dir = await tempDir();
    const tsv = join(dir, `${DATA}.tsv`);
    await writeMcqTsv(tsv, ROWS);
    // `Item i:` is in row i's question text only, so each fault hits exactly its row.
    const faults = MATRIX.map((c, i) => parseFault(`${c.fault}:items=Item ${i}:`));
    const faulty = await mockServer({ seed: 4, faults, retryAfterS: 1 });
    const clean = await mockServer({ seed: 4 });

    const [run, reference] = await Promise.all([runAgainst(dir, 'faulty', faulty.url, tsv), runAgainst(dir, 'clean', clean.url, tsv)]);
    expect(reference.code).toBe(0);
    expect(run.code, 'finished with failed requests').toBe(3);

    const records = await readJsonl<StoredRecord>(paths(run.work, MODEL, DATA).predictions);
    expect(records).toHaveLength(ROWS);
    const byIndex = new Map(records.map((r) => [r.index, r]));
    MATRIX.forEach((c, i) => {
      const rec = byIndex.get(String(i));
      const label = `${c.fault} (index ${i})`;
      expect(rec, label).toBeDefined();
      if (rec === undefined) return;
      expect({ status: rec.status, attempts: rec.attempts, kind: rec['error_kind'], http: rec['http_status'] }, `${label}: ${rec.error ?? 'no error'}`).toEqual({
        status: c.status,
        attempts: c.attempts,
        kind: c.kind,
        http: c.http,
      });
      for (const fragment of c.error ?? []) expect(rec.error, label).toMatch(fragment);
      if (c.status === 'failed') expect(rec.prediction, label).toBe('');
    });
    for (let i = MATRIX.length; i < ROWS; i++) expect(byIndex.get(String(i))).toMatchObject({ status: 'ok', attempts: 1 });

    // The server acted out exactly the faults the table implies, no more.
    const expectedFaults: Record<string, number> = {};
    for (const c of MATRIX) {
      const kind = c.fault.split(':')[0] ?? '';
      expectedFaults[kind] = (expectedFaults[kind] ?? 0) + faultedAttempts(c);
    }
    expect(faulty.stats.faults).toEqual(expectedFaults);

    // Scores: failures are absent; everything answered is scored exactly as in the clean run.
    const scores = new Map((await readJsonl<ScoreLine>(paths(run.work, MODEL, DATA).scores)).map((s) => [s.index, s]));
    const cleanScores = new Map((await readJsonl<ScoreLine>(paths(reference.work, MODEL, DATA).scores)).map((s) => [s.index, s]));
    const failed = records.filter((r) => r.status === 'failed').map((r) => r.index);
    expect(failed.filter((i) => scores.has(i)), 'failed items in _score.jsonl').toEqual([]);
    for (const rec of records.filter((r) => r.status === 'ok')) {
      if (rec.index === String(NULL_CONTENT)) continue;
      expect(scores.get(rec.index), `score of ${rec.index}`).toEqual(cleanScores.get(rec.index));
    }

    // content null (a reasoning parser took the whole output) is the model's own empty answer:
    // stored with its reasoning, scored as naming no option. It is the one row that may miss.
    const nullRec = byIndex.get(String(NULL_CONTENT));
    expect(nullRec).toMatchObject({ status: 'ok', prediction: '', finish_reason: 'stop' });
    expect(typeof nullRec?.['reasoning']).toBe('string');
    expect(scores.get(String(NULL_CONTENT))).toMatchObject({ extracted: null, hit: false });

    const summary = await readJson<SummaryJson>(paths(run.work, MODEL, DATA).summary);
    const expectedFailed = MATRIX.filter((c) => c.status === 'failed').length;
    expect(summary.counts).toMatchObject({ rows: ROWS, failed: expectedFailed, answered: ROWS - expectedFailed, scored: ROWS - expectedFailed });
  });
});
