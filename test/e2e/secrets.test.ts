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
  runCli,
  tempDir,
  writeConfig,
  writeMcqTsv,
  type CliResult,
  type SummaryJson,
} from './helpers.js';

const SECRET = 'sk-test-SECRET-123456789';
const WRONG = 'sk-test-WRONG-987654321';
const MODEL = 'ckpt';
const DATA = 'E2E';
const ROWS = 6;

async function expectNoKeyAnywhere(work: string, res: CliResult, keys: readonly string[]): Promise<void> {
  const files = await listFiles(work).catch(() => []);
  for (const key of keys) {
    expect(res.stdout, 'stdout').not.toContain(key);
    expect(res.stderr, 'stderr').not.toContain(key);
    for (const f of files) expect((await readFile(f)).includes(key), f).toBe(false);
  }
}

async function setup(modelExtra: Record<string, unknown>, serverKey: string | null = SECRET) {
  const dir = await tempDir();
  const server = await mockServer(serverKey === null ? {} : { apiKey: serverKey });
  const tsv = join(dir, `${DATA}.tsv`);
  await writeMcqTsv(tsv, ROWS);
  const model = gptModel(`${server.url}/chat/completions`);
  delete model['key'];
  const configFile = await writeConfig(join(dir, 'config.json'), {
    model: { [MODEL]: { ...model, ...modelExtra } },
    data: { [DATA]: mcqData(tsv) },
  });
  return { dir, server, configFile, work: join(dir, 'work') };
}

describe('API keys never reach logs or files', () => {
  it('a key in the config', async () => {
    const { server, configFile, work } = await setup({ key: SECRET });
    const res = await runCli(['--config', configFile, '--work-dir', work, '--verbose']);
    expect(res.code).toBe(0);
    expect(server.stats.completionsOk).toBe(ROWS);
    expect((await listFiles(work)).length).toBeGreaterThan(0);
    await expectNoKeyAnywhere(work, res, [SECRET]);
  });

  it('a key from OPENAI_API_KEY', async () => {
    const { server, configFile, work } = await setup({});
    const res = await runCli(['--config', configFile, '--work-dir', work, '--verbose'], { env: { OPENAI_API_KEY: SECRET } });
    expect(res.code).toBe(0);
    expect(server.stats.completionsOk).toBe(ROWS);
    await expectNoKeyAnywhere(work, res, [SECRET]);
  });

  it('a wrong key: the run fails (401) without printing or storing either key', async () => {
    const { server, configFile, work } = await setup({ key: WRONG });
    const res = await runCli(['--config', configFile, '--work-dir', work, '--verbose']);
    expect(server.stats.errorsByStatus[401]).toBeGreaterThan(0);
    expect(server.stats.completionsOk).toBe(0);
    await expectNoKeyAnywhere(work, res, [SECRET, WRONG]);
    // Nothing was answered, so nothing may be scored as wrong: either the 401s are recorded as
    // failed requests (exit 3) or the run stops at model discovery (exit 2) with one clear line.
    expect([2, 3]).toContain(res.code);
    if (res.code === 3) {
      const summary = await readJson<SummaryJson>(paths(work, MODEL, DATA).summary);
      expect(summary.counts).toMatchObject({ rows: ROWS, answered: 0, failed: ROWS });
    } else {
      const lines = nonProgressLines(res.stderr);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/401/);
      // A refused key is not a wrong URL: the line must point at the key, not only at api_base.
      expect(lines[0]).toMatch(/\bkey\b|OPENAI_API_KEY/i);
    }
  });

  it('a key under a name the class does not read (GPT4V with "api_key") is not written to any file', async () => {
    // VLMEvalKit's GPT4V reads "key"; ActialChat reads "api_key". A config moved from one class to
    // the other keeps its key under the other name, where it becomes a payload field.
    const { configFile, work } = await setup({ api_key: SECRET }, null);
    const res = await runCli(['--config', configFile, '--work-dir', work]);
    expect([0, 2]).toContain(res.code);
    if (res.code === 0) expect((await listFiles(work)).length).toBeGreaterThan(0);
    await expectNoKeyAnywhere(work, res, [SECRET]);
  });
});
