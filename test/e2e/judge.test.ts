/**
 * The LLM judge end to end: the compiled CLI as a child process, the evaluated model the embedded
 * mock answering in 'prose' (option text in a sentence, which no rule places), and a loopback mock
 * server acting as the judge.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  gptModel,
  listFiles,
  mcqData,
  mockServer,
  nonProgressLines,
  paths,
  readJson,
  readJsonl,
  runCli,
  sha256File,
  tempDir,
  writeConfig,
  writeMcqTsv,
  type CliResult,
  type SummaryJson,
} from './helpers.js';

const MODEL = 'sim';
const DATA = 'E2E';
const ROWS = 12;
const JUDGE_KEY = 'sk-judge-SECRET-5551234';
/** Rows whose gold option's text contains two other options' texts: the judge says Z. */
const AMBIGUOUS = [0, 4, 8];

interface JudgeSummary extends SummaryJson {
  readonly counts: SummaryJson['counts'] & { judged: number; judge_decided: number; judge_undecided: number; judge_failed: number };
}

async function setup(judge: Record<string, unknown> | undefined) {
  const dir = await tempDir();
  const tsv = join(dir, `${DATA}.tsv`);
  await writeMcqTsv(tsv, ROWS, (row, i) => (AMBIGUOUS.includes(i) ? { ...row, C: `${row.B} beside ${row.A}`, answer: 'C' } : row));
  const model = gptModel('mock', { model: 'sim', max_tokens: 512, mock: { style: 'prose' } });
  const config = { model: { [MODEL]: model }, data: { [DATA]: mcqData(tsv) }, ...(judge !== undefined ? { judge } : {}) };
  const configFile = await writeConfig(join(dir, 'config.json'), config);
  return { dir, configFile, work: join(dir, 'work'), p: paths(join(dir, 'work'), MODEL, DATA) };
}

async function expectNoKey(work: string, results: readonly CliResult[]): Promise<void> {
  for (const res of results) expect(res.stdout + res.stderr).not.toContain(JUDGE_KEY);
  for (const f of await listFiles(work)) expect((await readFile(f)).includes(JUDGE_KEY), f).toBe(false);
}

describe('LLM judge', () => {
  it('decides what rules cannot, counts what it cannot decide, and a rerun asks nothing', async () => {
    const judge = await mockServer({ modelId: 'judge-model', apiKey: JUDGE_KEY });
    const { configFile, work, p } = await setup({ model: 'judge-model', api_base: judge.url, key: JUDGE_KEY, api_nproc: 4 });
    const first = await runCli(['--config', configFile, '--work-dir', work]);
    expect(nonProgressLines(first.stderr)).toEqual([]);
    expect(first.code).toBe(0);
    expect(judge.stats.completionsOk).toBe(ROWS);
    expect(first.stdout).toContain(`${MODEL} × ${DATA}: judge judge-model (mcq-match@1): ${ROWS} undecided by the rules → 9 decided, 3 still undecided; 0 cached, ${ROWS} asked`);

    const summary = await readJson<JudgeSummary>(p.summary);
    expect(summary.counts).toMatchObject({ answered: ROWS, judged: ROWS, judge_decided: 9, judge_undecided: 3, judge_failed: 0, unextracted: 3, unextracted_vlmevalkit: ROWS });
    expect(summary.provenance['judge']).toEqual({ model: 'judge-model', prompt_version: 'mcq-match@1', max_tokens: 32 });
    // The mock model is always right, so every decided row is a hit; VLMEvalKit's protocol stays exact matching.
    expect(summary.metrics.official['Overall']).toBe(0.75);
    expect(summary.metrics.vlmevalkit['Overall']).toBe(0);
    const scores = await readJsonl<{ index: string; method: string; extracted: string | null }>(p.scores);
    expect(scores.filter((s) => s.method === 'judge')).toHaveLength(9);
    expect(scores.filter((s) => s.method === 'judge-undecided').map((s) => Number(s.index))).toEqual(AMBIGUOUS);
    expect(await readJsonl(join(work, MODEL, `${MODEL}_${DATA}_judge.jsonl`))).toHaveLength(ROWS);

    const reports = [p.scores, p.acc, p.summary];
    const before = await Promise.all(reports.map((f) => sha256File(f)));
    const requests = judge.stats.requests;
    const rescored = await runCli(['--config', configFile, '--work-dir', work, '--mode', 'eval']);
    expect(rescored.code).toBe(0);
    expect(judge.stats.requests).toBe(requests);
    expect(rescored.stdout).toContain(`${ROWS} cached, 0 asked`);
    expect(await Promise.all(reports.map((f) => sha256File(f)))).toEqual(before);

    const scored = await runCli(['score', '--work-dir', work, '--judge', 'judge-model', '--judge-base-url', judge.url, '--judge-key', JUDGE_KEY]);
    expect(scored.code).toBe(0);
    expect(judge.stats.requests).toBe(requests);
    expect(await Promise.all(reports.map((f) => sha256File(f)))).toEqual(before);

    // A full rerun checks the judge up front (/v1/models) but sends it no question.
    const again = await runCli(['--config', configFile, '--work-dir', work]);
    expect(again.code).toBe(0);
    expect(judge.stats.completionsOk).toBe(ROWS);
    await expectNoKey(work, [first, rescored, scored, again]);
  });

  it('a judge with two endpoints, one down: the other decides every row, one line says which is out', async () => {
    const judge = await mockServer({ modelId: 'judge-model' });
    const gone = await mockServer({ modelId: 'judge-model' });
    await gone.close();
    const { configFile, work, p } = await setup({ model: 'judge-model', api_base: [gone.url, judge.url], api_nproc: 2 });
    const res = await runCli(['--config', configFile, '--work-dir', work]);
    expect(res.code).toBe(0);
    expect(nonProgressLines(res.stderr)).toEqual([
      expect.stringMatching(new RegExp(`^judge: endpoint ${gone.url.replace(/[.]/g, '\\.')} taken out \\(not reachable at start: connection error: .*ECONNREFUSED.*\\); re-checking /health$`)),
    ]);
    expect(judge.stats.completionsOk).toBe(ROWS);
    expect(judge.stats.maxInFlight).toBeLessThanOrEqual(2);
    const summary = await readJson<JudgeSummary>(p.summary);
    expect(summary.counts).toMatchObject({ judged: ROWS, judge_decided: 9, judge_undecided: 3, judge_failed: 0 });
  });

  it('without a judge the same answers stay undecided; --judge exact_matching turns a configured judge off', async () => {
    const judge = await mockServer({ modelId: 'judge-model' });
    const { configFile, work, p } = await setup({ model: 'judge-model', api_base: judge.url });
    const res = await runCli(['--config', configFile, '--work-dir', work, '--judge', 'exact_matching']);
    expect(res.code).toBe(0);
    expect(judge.stats.requests).toBe(0);
    const summary = await readJson<JudgeSummary>(p.summary);
    expect(summary.counts).toMatchObject({ judged: 0, unextracted: ROWS });
    expect(summary.provenance['judge']).toBeNull();
  });
});

describe('a judge that is down is an error before scoring, never a fallback', () => {
  /** A finished run without a judge, then `--mode eval` with one: the store must not change. */
  async function rescoreWith(judgeFlags: readonly string[], env: Record<string, string> = {}) {
    const { configFile, work, p } = await setup(undefined);
    expect((await runCli(['--config', configFile, '--work-dir', work])).code).toBe(0);
    const files = [p.predictions, p.scores, p.acc, p.summary];
    const before = await Promise.all(files.map((f) => sha256File(f)));
    const res = await runCli(['--config', configFile, '--work-dir', work, '--mode', 'eval', ...judgeFlags], { env });
    expect(res.code).toBe(2);
    expect(await Promise.all(files.map((f) => sha256File(f)))).toEqual(before);
    expect((await listFiles(work)).filter((f) => f.endsWith('_judge.jsonl'))).toEqual([]);
    const lines = nonProgressLines(res.stderr);
    expect(lines).toHaveLength(1);
    return { line: lines[0] ?? '', res, work };
  }

  it('nothing listening: one line naming the judge URL, exit 2, nothing rewritten', async () => {
    const gone = await mockServer({});
    const url = gone.url;
    await gone.close();
    const { line } = await rescoreWith(['--judge', 'judge-model'], { OPENAI_API_BASE: url });
    expect(line).toMatch(/^actial-eval: error: judge at /);
    expect(line).toContain(`cannot list models at ${url}/models`);
  });

  it('a server without the judge model: the line names the URL and what it serves', async () => {
    const judge = await mockServer({ modelId: 'judge-model' });
    const { line } = await rescoreWith(['--judge', 'gpt-4o-mini', '--judge-base-url', judge.url]);
    expect(line).toContain(`judge at ${judge.url} does not serve "gpt-4o-mini" (it serves: judge-model)`);
    expect(judge.stats.completionsOk).toBe(0);
  });

  it('a refused key: the line points at the key and shows neither key', async () => {
    const judge = await mockServer({ modelId: 'judge-model', apiKey: JUDGE_KEY });
    const wrong = 'sk-judge-WRONG-0009876';
    const { line, res, work } = await rescoreWith(['--judge', 'judge-model', '--judge-base-url', judge.url, '--judge-key', wrong]);
    expect(line).toMatch(/401.*--judge-key/);
    expect(res.stderr + res.stdout).not.toContain(wrong);
    await expectNoKey(work, [res]);
  });

  it('a run that will ask the model checks the judge first: no prediction is stored', async () => {
    const judge = await mockServer({ modelId: 'judge-model' });
    const { configFile, work, p } = await setup({ model: 'gpt-4o-mini', api_base: judge.url });
    const res = await runCli(['--config', configFile, '--work-dir', work]);
    expect(res.code).toBe(2);
    expect(nonProgressLines(res.stderr)).toEqual([expect.stringContaining(`judge at ${judge.url} does not serve "gpt-4o-mini"`)]);
    await expect(readFile(p.predictions)).rejects.toThrow();
  });

  it('a bad "judge" entry is refused with one line naming the field', async () => {
    const { configFile, work } = await setup({ model: 'judge-model', temperature: 0.7 });
    const res = await runCli(['--config', configFile, '--work-dir', work]);
    expect(res.code).toBe(2);
    expect(nonProgressLines(res.stderr)).toEqual([expect.stringMatching(/unknown key\(s\) "temperature" in judge/)]);
  });
});
