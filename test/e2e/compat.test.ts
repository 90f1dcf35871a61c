import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  completionRequests,
  gptModel,
  mcqData,
  mockServer,
  nonProgressLines,
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

const ROWS = 8;

async function vlmevalkitRun(apiBase: (url: string) => string): Promise<void> {
  const dir = await tempDir();
  const server = await mockServer();
  const tsv = join(dir, 'E2E.tsv');
  await writeMcqTsv(tsv, ROWS);
  const config = await writeConfig(join(dir, 'config.json'), {
    model: { GPT4o: gptModel(apiBase(server.url)) },
    data: { E2E: mcqData(tsv) },
  });
  const work = join(dir, 'work');
  const res = await runCli(['--config', config, '--work-dir', work, '--api-nproc', '4']);
  expect(res.stderr).not.toMatch(/error/i);
  expect(res.code).toBe(0);
  expect(completionRequests(server)).toBe(ROWS);
  const p = paths(work, 'GPT4o', 'E2E');
  const records = await readJsonl<StoredRecord>(p.predictions);
  expect([...okCounts(records).values()]).toEqual(Array(ROWS).fill(1));
  const summary = await readJson<SummaryJson>(p.summary);
  expect(summary.counts).toMatchObject({ rows: ROWS, answered: ROWS, failed: 0 });
  expect(summary.provenance['endpoint_model']).toBe('mock-model');
}

describe('VLMEvalKit configs', () => {
  it('GPT4V with api_base = full /chat/completions URL works unchanged', async () => {
    await vlmevalkitRun((url) => `${url}/chat/completions`);
  });

  it('GPT4V with api_base = /v1 base works too', async () => {
    await vlmevalkitRun((url) => url);
  });

  it('an in-process class (Qwen2VLChat + model_path) is refused with one line pointing at vllm serve', async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'E2E.tsv');
    await writeMcqTsv(tsv, 2);
    const config = await writeConfig(join(dir, 'config.json'), {
      model: { 'Qwen2.5-VL-7B': { class: 'Qwen2VLChat', model_path: 'Qwen/Qwen2.5-VL-7B-Instruct' } },
      data: { E2E: mcqData(tsv) },
    });
    const work = join(dir, 'work');
    const res = await runCli(['--config', config, '--work-dir', work]);
    expect(res.code).toBe(2);
    const lines = nonProgressLines(res.stderr);
    expect(lines).toHaveLength(1);
    expect(res.stderr.trim().split('\n')).toHaveLength(1);
    expect(lines[0]).toMatch(/vllm serve/);
    expect(lines[0]).toMatch(/OpenAIWrapper/);
    expect(lines[0]).toMatch(/api_base/);
    expect(lines[0]).toContain('Qwen/Qwen2.5-VL-7B-Instruct');
    expect(res.stdout).toBe('');
  });
});
