import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  gptModel,
  mcqData,
  mockServer,
  okCounts,
  paths,
  readJson,
  readJsonl,
  runCli,
  tempDir,
  writeConfig,
  writeMcqTsv,
  type StoredRecord,
  type SummaryJson,
} from './helpers.js';

const ROWS = 30;
const MODEL = 'ckpt';
const DATA = 'E2E';

interface ScoreLine {
  readonly index: string;
  readonly hit: boolean;
}

async function writeRunConfig(dir: string, tsv: string, url: string, extra: Record<string, unknown> = {}): Promise<string> {
  return writeConfig(join(dir, 'config.json'), {
    model: { [MODEL]: gptModel(`${url}/chat/completions`, extra) },
    data: { [DATA]: mcqData(tsv) },
  });
}

describe('failed requests are not wrong answers', () => {
  it('permanent 400s: exit 3, excluded from scores, re-asked (only them) by the next run', async () => {
    const dir = await tempDir();
    const tsv = join(dir, `${DATA}.tsv`);
    await writeMcqTsv(tsv, ROWS);
    const work = join(dir, 'work');
    const p = paths(work, MODEL, DATA);

    const broken = await mockServer({ failRate: 0.3, failStatus: 400, seed: 5 });
    const config = await writeRunConfig(dir, tsv, broken.url);
    const first = await runCli(['--config', config, '--work-dir', work, '--api-nproc', '4']);
    expect(first.code).toBe(3);
    // 400 is permanent: one attempt each, no retries.
    expect(broken.stats.errorsByStatus[400]).toBeGreaterThan(0);
    expect(broken.stats.completionsOk + (broken.stats.errorsByStatus[400] ?? 0)).toBe(ROWS);

    const records = await readJsonl<StoredRecord>(p.predictions);
    expect(records).toHaveLength(ROWS);
    const failed = records.filter((r) => r.status === 'failed');
    const answered = records.filter((r) => r.status === 'ok');
    expect(failed.length).toBeGreaterThan(0);
    expect(answered.length).toBeGreaterThan(0);
    for (const r of failed) {
      expect(r.attempts).toBe(1);
      expect(r.error).toMatch(/simulated failure/);
    }

    const summary = await readJson<SummaryJson>(p.summary);
    expect(summary.counts).toMatchObject({ rows: ROWS, failed: failed.length, answered: answered.length, scored: answered.length });

    const scores = await readJsonl<ScoreLine>(p.scores);
    const failedIdx = new Set(failed.map((r) => r.index));
    expect(scores.filter((s) => failedIdx.has(s.index))).toEqual([]);
    expect(scores.map((s) => s.index).sort()).toEqual(answered.map((r) => r.index).sort());
    // Accuracy is over the answered items only.
    const hits = scores.filter((s) => s.hit).length;
    expect(summary.metrics.official['Overall']).toBeCloseTo(hits / answered.length, 12);
    expect(summary.primary.value).toBeCloseTo(hits / answered.length, 12);
    // _acc.csv has one row per split; weighted by answered items they give the answered-only overall.
    const [header = '', ...rows] = (await readFile(p.acc, 'utf8')).split('\n').filter((l) => l !== '');
    const overallCol = header.split(',').indexOf('Overall');
    expect(overallCol).toBe(1);
    const splitOf = (r: StoredRecord): string => (r['fields'] as Record<string, string>)['split'] ?? '';
    let weighted = 0;
    for (const row of rows) {
      const cells = row.split(',');
      weighted += Number(cells[overallCol]) * answered.filter((r) => splitOf(r) === cells[0]).length;
    }
    expect(weighted / answered.length).toBeCloseTo(hits / answered.length, 9);
    await broken.close();

    // Next run, same work dir and settings, healthy server: only the failed items are asked again.
    const healthy = await mockServer({ seed: 5 });
    await writeRunConfig(dir, tsv, healthy.url);
    const second = await runCli(['--config', config, '--work-dir', work, '--api-nproc', '4']);
    expect(second.stderr).not.toMatch(/error/i);
    expect(second.code).toBe(0);
    expect(healthy.stats.completionsOk).toBe(failed.length);

    const after = await readJsonl<StoredRecord>(p.predictions);
    expect(after.slice(0, records.length)).toEqual(records);
    const ok = okCounts(after);
    expect([...ok.keys()].sort()).toEqual(records.map((r) => r.index).sort());
    expect([...ok.values()].every((n) => n === 1)).toBe(true);
    for (const r of answered) expect(after.filter((x) => x.index === r.index)).toHaveLength(1);
    const summary2 = await readJson<SummaryJson>(p.summary);
    expect(summary2.counts).toMatchObject({ rows: ROWS, answered: ROWS, failed: 0, scored: ROWS });
    expect(await readJsonl<ScoreLine>(p.scores)).toHaveLength(ROWS);
  });

  it('transient 503s are retried: --retry 3 answers every item on its second attempt', async () => {
    const dir = await tempDir();
    const tsv = join(dir, `${DATA}.tsv`);
    await writeMcqTsv(tsv, 12);
    const server = await mockServer({ flakyRate: 1, flakyStatus: 503 });
    // A short backoff base keeps the test quick; the retry count comes from the flag.
    const config = await writeRunConfig(dir, tsv, server.url, { retry: 1, wait: 0.01 });
    const work = join(dir, 'work');
    const res = await runCli(['--config', config, '--work-dir', work, '--api-nproc', '4', '--retry', '3']);
    expect(res.stderr).not.toMatch(/error/i);
    expect(res.code).toBe(0);
    expect(server.stats.errorsByStatus[503]).toBe(12);
    expect(server.stats.completionsOk).toBe(12);
    const records = await readJsonl<StoredRecord>(paths(work, MODEL, DATA).predictions);
    expect(records).toHaveLength(12);
    for (const r of records) {
      expect(r.status).toBe('ok');
      expect(r.attempts).toBe(2);
    }
    const summary = await readJson<SummaryJson>(paths(work, MODEL, DATA).summary);
    expect(summary.counts).toMatchObject({ rows: 12, answered: 12, failed: 0 });
  });
});
