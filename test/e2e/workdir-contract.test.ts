/**
 * Every command that reads a work dir reads it through the same schemas: a run header, a record
 * line in the middle of a store, a score line or a summary that does not match (hand-edited, cut
 * short, from another version) stops `score`, `compare`, `merge`, `report` and a resumed run with
 * one line naming the file, the line and the field, exit 2, and changes nothing in the store.
 * Each command is tried on the files it reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gptModel, mcqData, nonProgressLines, paths, REPO_ROOT, runCli, writeConfig, writeMcqTsv } from './helpers.js';

const MODELS = ['base', 'tuned'] as const;
const DATA = 'Set';

let root: string;
let config: string;
/** A finished run of both models, and the work dirs of a 2-shard run of the same config. */
let whole: string;
let shards: [string, string];
let cases = 0;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'actial-contract-'));
  const tsv = join(root, `${DATA}.tsv`);
  await writeMcqTsv(tsv, 8);
  config = await writeConfig(join(root, 'config.json'), {
    model: {
      base: gptModel('mock', { mock: { accuracy: 0.5, seed: 1 } }),
      tuned: gptModel('mock', { mock: { accuracy: 0.8, seed: 2 } }),
    },
    data: { [DATA]: mcqData(tsv) },
  });
  whole = join(root, 'W');
  shards = [join(root, 'S1'), join(root, 'S2')];
  const runs = await Promise.all([
    runCli(['--config', config, '--work-dir', whole]),
    runCli(['--config', config, '--shard', '1/2', '--work-dir', shards[0]]),
    runCli(['--config', config, '--shard', '2/2', '--work-dir', shards[1]]),
  ]);
  for (const r of runs) expect(r.code, r.stderr).toBe(0);
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** A copy of a work dir to break. */
async function copyOf(dir: string): Promise<string> {
  const copy = join(root, `case-${++cases}`);
  await cp(dir, copy, { recursive: true });
  return copy;
}

async function editJson(file: string, edit: (value: Record<string, unknown>) => void): Promise<void> {
  const value = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  edit(value);
  await writeFile(file, `${JSON.stringify(value, null, 2)}\n`);
}

/** Edits line `n` (1-based) of a JSONL file. */
async function editLine(file: string, n: number, edit: (value: Record<string, unknown>) => void): Promise<void> {
  const lines = (await readFile(file, 'utf8')).split('\n');
  const value = JSON.parse(lines[n - 1] ?? '') as Record<string, unknown>;
  edit(value);
  lines[n - 1] = JSON.stringify(value);
  await writeFile(file, lines.join('\n'));
}

const breakHeader = (work: string, model: string): Promise<void> =>
  editJson(paths(work, model, DATA).predictions.replace(/\.jsonl$/, '.meta.json'), (h) => (h['circular'] = 'yes'));
const breakRecord = (work: string, model: string): Promise<void> => editLine(paths(work, model, DATA).predictions, 2, (r) => (r['status'] = 'done'));
const breakScoreLine = (work: string, model: string): Promise<void> => editLine(paths(work, model, DATA).scores, 3, (s) => (s['hit'] = 'yes'));
const breakSummary = (work: string, model: string): Promise<void> =>
  editJson(paths(work, model, DATA).summary, (s) => delete (s['counts'] as Record<string, unknown>)['failed']);

const HEADER_ERROR = (model: string): RegExp => new RegExp(`${model}_${DATA}\\.meta\\.json: field 'circular': expected boolean, received string`);
const RECORD_ERROR = (model: string): RegExp => new RegExp(`${model}_${DATA}\\.jsonl:2: field 'status': expected one of "ok"\\|"failed"`);
const SCORE_ERROR = (model: string): RegExp => new RegExp(`${model}_${DATA}_score\\.jsonl:3: field 'hit': expected boolean, received string`);
const SUMMARY_ERROR = (model: string): RegExp => new RegExp(`${model}_${DATA}_summary\\.json: field 'counts\\.failed' is missing`);

/** Exit 2 and one error line (progress aside) naming file and field; the stores' bytes unchanged. */
async function expectRefused(args: readonly string[], message: RegExp, stores: readonly string[]): Promise<void> {
  const before = await Promise.all(stores.map((f) => readFile(f)));
  const res = await runCli(args);
  expect(res.code, res.stderr).toBe(2);
  const lines = nonProgressLines(res.stderr);
  expect(lines, res.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^actial-eval: error: /);
  expect(lines[0]).toMatch(message);
  expect(lines[0]).toMatch(/\[WorkDirError\]$/);
  const after = await Promise.all(stores.map((f) => readFile(f)));
  after.forEach((bytes, i) => expect(bytes.equals(before[i] as Buffer), stores[i]).toBe(true));
}

const storesOf = (work: string): string[] => MODELS.map((m) => paths(work, m, DATA).predictions);

describe('a work-dir file that does not match its schema: one line naming file and field, exit 2', () => {
  it('score: a run header, a record line in the middle of a store, a summary it reads for the leaderboard', async () => {
    const a = await copyOf(whole);
    await breakHeader(a, 'tuned');
    await expectRefused(['score', '--work-dir', a], HEADER_ERROR('tuned'), storesOf(a));
    const b = await copyOf(whole);
    await breakRecord(b, 'base');
    await expectRefused(['score', '--work-dir', b], RECORD_ERROR('base'), storesOf(b));
    const c = await copyOf(whole);
    await breakSummary(c, 'tuned');
    await expectRefused(['score', '--work-dir', c, '--model', 'base'], SUMMARY_ERROR('tuned'), storesOf(c));
  });

  it('compare: a run header, a record line', async () => {
    const a = await copyOf(whole);
    await breakHeader(a, 'tuned');
    await expectRefused(['compare', 'base', 'tuned', '--work-dir', a], HEADER_ERROR('tuned'), storesOf(a));
    const b = await copyOf(whole);
    await breakRecord(b, 'base');
    await expectRefused(['compare', 'base', 'tuned', '--work-dir', b], RECORD_ERROR('base'), storesOf(b));
  });

  it("merge: a shard's run header, a shard's record line", async () => {
    const [h1, h2] = [await copyOf(shards[0]), await copyOf(shards[1])];
    await breakHeader(h1, 'base');
    await expectRefused(['merge', '--out', join(root, `out-${cases}`), h1, h2], HEADER_ERROR('base'), [...storesOf(h1), ...storesOf(h2)]);
    const [r1, r2] = [await copyOf(shards[0]), await copyOf(shards[1])];
    await breakRecord(r2, 'tuned');
    await expectRefused(['merge', '--out', join(root, `out-${cases}`), r1, r2], RECORD_ERROR('tuned'), [...storesOf(r1), ...storesOf(r2)]);
  });

  it('report: a run header, a record line, a score line, a summary', async () => {
    const broken: [(work: string, model: string) => Promise<void>, RegExp][] = [
      [breakHeader, HEADER_ERROR('tuned')],
      [breakRecord, RECORD_ERROR('tuned')],
      [breakScoreLine, SCORE_ERROR('tuned')],
      [breakSummary, SUMMARY_ERROR('tuned')],
    ];
    for (const [damage, message] of broken) {
      const work = await copyOf(whole);
      await damage(work, 'tuned');
      await expectRefused(['report', '--work-dir', work, '--out', join(work, 'r.html')], message, storesOf(work));
    }
  });

  it('a resumed run: a run header, a record line, a summary it reads for the leaderboard; nothing is asked', async () => {
    const a = await copyOf(whole);
    await breakHeader(a, 'base');
    await expectRefused(['--config', config, '--work-dir', a], HEADER_ERROR('base'), storesOf(a));
    const b = await copyOf(whole);
    await breakRecord(b, 'base');
    await expectRefused(['--config', config, '--work-dir', b], RECORD_ERROR('base'), storesOf(b));
    const c = await copyOf(whole);
    await breakSummary(c, 'tuned');
    await expectRefused(['--config', config, '--work-dir', c, '--model', 'base'], SUMMARY_ERROR('tuned'), storesOf(c));
  });
});

describe('a work dir written before the files had versions', () => {
  it("is read as version 1: 8f9ec48's demo headers, stores, summaries and score lines give a report, leaderboard and paper view", async () => {
    const golden = join(REPO_ROOT, 'test', 'fixtures', 'golden-demo');
    const work = join(root, 'v1');
    await cp(join(golden, 'work'), work, { recursive: true });
    for (const model of ['qwen2.5-vl-7b-sim', 'actial-7b-sim']) await cp(join(golden, 'expected', model), join(work, model), { recursive: true });
    const headers = await readFile(join(work, 'actial-7b-sim', 'actial-7b-sim_BLINK.meta.json'), 'utf8');
    expect(headers).not.toContain('"schema"');
    const report = await runCli(['report', '--work-dir', work, '--out', join(work, 'r.html'), '--thumbnails', '0']);
    expect(report.code, report.stderr).toBe(0);
    // The v1 score lines were read (through the v1 headers' formats): the report lists their methods.
    expect(await readFile(join(work, 'r.html'), 'utf8')).toMatch(/· [A-D] \(bare-letter\)/);
    // The version-1 summaries give the leaderboard and paper view that 8f9ec48 printed from them.
    const board = await runCli(['leaderboard', '--work-dir', work, '--ci']);
    expect(board.code, board.stderr).toBe(0);
    expect(board.stdout).toBe(await readFile(join(golden, 'expected', 'leaderboard-ci.csv'), 'utf8'));
    const paper = await runCli(['paper', '--work-dir', work]);
    expect(paper.stdout).toBe(await readFile(join(golden, 'expected', 'paper.txt'), 'utf8'));
    // Reading changed nothing: the headers are rewritten only by a run, score or merge.
    expect(await readFile(join(work, 'actial-7b-sim', 'actial-7b-sim_BLINK.meta.json'), 'utf8')).toBe(headers);
  });
});
