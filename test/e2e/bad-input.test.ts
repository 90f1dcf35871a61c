import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  gptModel,
  listFiles,
  mcqData,
  mockServer,
  nonProgressLines,
  okCounts,
  oneModelOneTsv,
  paths,
  readJsonl,
  runCli,
  spawnCli,
  tempDir,
  tsvLine,
  waitFor,
  writeConfig,
  writeMcqTsv,
  type StoredRecord,
  type TsvRow,
} from './helpers.js';

const ROWS = 8;
const BAD = 5; // 0-based data row that goes bad; the reader counts data rows from 1
const BAD_ROW = BAD + 1;
const MODEL = 'ckpt';
const DATA = 'E2E';

/** A work dir holding a finished run, its files' bytes, and the config that made it. */
async function finishedRun() {
  const dir = await tempDir();
  const server = await mockServer();
  const tsv = join(dir, `${DATA}.tsv`);
  await writeMcqTsv(tsv, ROWS);
  const model = gptModel(`${server.url}/chat/completions`);
  const configFile = join(dir, 'config.json');
  const config = { model: { [MODEL]: model }, data: { [DATA]: mcqData(tsv) } };
  await writeConfig(configFile, config);
  const work = join(dir, 'work');
  const res = await runCli(['--config', configFile, '--work-dir', work]);
  expect(res.code).toBe(0);
  const snapshot = await snapshotOf(work);
  expect(Object.keys(snapshot)).toContain(paths(work, MODEL, DATA).predictions);
  return { dir, tsv, work, config, configFile, snapshot, model };
}

/** Bytes of every file in the work dir but the run headers, which each run rewrites. */
async function snapshotOf(work: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of await listFiles(work)) {
    if (f.endsWith('.meta.json')) continue;
    out[f] = (await readFile(f)).toString('base64');
  }
  return out;
}

/** Exit 2, one error line (progress lines aside) matching every pattern, work dir untouched. */
async function expectRefused(work: string, snapshot: Record<string, string>, configFile: string, patterns: readonly (RegExp | string)[]) {
  const res = await runCli(['--config', configFile, '--work-dir', work]);
  expect(res.code, res.stderr).toBe(2);
  const lines = nonProgressLines(res.stderr);
  expect(lines, res.stderr).toHaveLength(1);
  const line = lines[0] ?? '';
  expect(line).toMatch(/^actial-eval: error: /);
  for (const p of patterns) {
    if (typeof p === 'string') expect(line).toContain(p);
    else expect(line).toMatch(p);
  }
  expect(await snapshotOf(work)).toEqual(snapshot);
  return line;
}

describe('bad input: exit 2, one line naming file and row/field, store untouched', () => {
  it('a row with the wrong number of fields', async () => {
    const run = await finishedRun();
    await writeMcqTsv(run.tsv, ROWS, (row, i) => (i === BAD ? `${tsvLine(row)}\textra` : row));
    await expectRefused(run.work, run.snapshot, run.configFile, [run.tsv, `row ${BAD_ROW}`, /12|11/]);
  });

  it('invalid base64 in image', async () => {
    const run = await finishedRun();
    await writeMcqTsv(run.tsv, ROWS, (row, i) => (i === BAD ? { ...row, image: `iVBOR${'@'.repeat(95)}` } : row));
    await expectRefused(run.work, run.snapshot, run.configFile, [run.tsv, `row ${BAD_ROW}`, 'image', /base64/]);
  });

  it('an answer letter that is not among the options', async () => {
    const run = await finishedRun();
    await writeMcqTsv(run.tsv, ROWS, (row, i) => (i === BAD ? { ...row, D: '', answer: 'D' } : row));
    await expectRefused(run.work, run.snapshot, run.configFile, [run.tsv, `row ${BAD_ROW}`, 'answer', "'D'"]);
  });

  it('a row without options', async () => {
    const run = await finishedRun();
    await writeMcqTsv(run.tsv, ROWS, (row, i): TsvRow => (i === BAD ? { ...row, A: '', B: '', C: '', D: '' } : row));
    await expectRefused(run.work, run.snapshot, run.configFile, [run.tsv, `row ${BAD_ROW}`, /option/]);
  });

  it('a config field of the wrong type', async () => {
    const run = await finishedRun();
    const bad = { ...run.config, model: { [MODEL]: { ...run.model, temperature: 'hot' } } };
    await writeConfig(run.configFile, bad);
    await expectRefused(run.work, run.snapshot, run.configFile, [run.configFile, 'temperature', /number/]);
  });

  it('an unknown top-level config key', async () => {
    const run = await finishedRun();
    await writeConfig(run.configFile, { ...run.config, judges: { model: 'gpt-4o' } });
    await expectRefused(run.work, run.snapshot, run.configFile, [run.configFile, '"judges"']);
  });

  it('a dataset name that climbs out of the work dir', async () => {
    const run = await finishedRun();
    await writeConfig(run.configFile, { ...run.config, data: { [`../${DATA}`]: mcqData(run.tsv) } });
    await expectRefused(run.work, run.snapshot, run.configFile, [run.configFile, `../${DATA}`]);
    expect((await listFiles(run.dir)).filter((f) => f.includes(`${MODEL}_..`))).toEqual([]);
  });

  it('a missing TSV: the message lists where it looked', async () => {
    const run = await finishedRun();
    const missing = join(run.dir, 'nowhere', 'Missing.tsv');
    await writeConfig(run.configFile, { ...run.config, data: { [DATA]: mcqData(missing) } });
    await expectRefused(run.work, run.snapshot, run.configFile, [missing, DATA]);

    // Without "path", the lookup is $LMUData/<dataset>.tsv, and the message says so.
    await writeConfig(run.configFile, { ...run.config, data: { [DATA]: { class: 'ImageMCQDataset', dataset: 'NoSuchBench' } } });
    const lmu = join(run.dir, 'LMUData');
    const res = await runCli(['--config', run.configFile, '--work-dir', run.work], { env: { LMUData: lmu } });
    expect(res.code).toBe(2);
    const lines = nonProgressLines(res.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(join(lmu, 'NoSuchBench.tsv'));
    expect(await snapshotOf(run.work)).toEqual(run.snapshot);
  });
});

describe('one run per work dir', () => {
  it('refuses a second concurrent run on the same work dir', async () => {
    const dir = await tempDir();
    // Long enough (60 × 300 ms / 2 ≈ 9 s) that the first run is still going when the second starts,
    // even on a loaded 2-core machine where a CLI start takes seconds.
    const server = await mockServer({ latencyMs: 300 });
    const rows = 60;
    const { config: configFile, work, paths: p } = await oneModelOneTsv(dir, server, { model: MODEL, data: DATA, rows });
    const store = p.predictions;

    const first = spawnCli(['--config', configFile, '--work-dir', work, '--api-nproc', '2']);
    let exited = false;
    void first.done.then(() => (exited = true));
    await waitFor(async () => exited || (await readFile(store, 'utf8').catch(() => '')).includes('\n'), 20_000);
    expect(exited, 'the first run ended before the second started').toBe(false);

    const second = await runCli(['--config', configFile, '--work-dir', work, '--api-nproc', '2']);
    expect(second.code).toBe(2);
    const lines = nonProgressLines(second.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/in use/);
    expect(lines[0]).toContain(work);

    const firstResult = await first.done;
    expect(firstResult.code).toBe(0);
    const records = await readJsonl<StoredRecord>(store);
    expect(records).toHaveLength(rows);
    expect([...okCounts(records).values()].every((n) => n === 1)).toBe(true);
    expect(server.stats.completionsOk).toBe(rows);
  });
});
