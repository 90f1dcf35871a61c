/**
 * Keys never leave the config or the environment: not in stdout/stderr, not in any file a run
 * writes (store, run headers, summaries, HTML report, leaderboard), on the paths where the run fails too. Every
 * file under the sandbox root is grepped, except the config the test itself wrote.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listFiles } from '../e2e/helpers.js';
import { withBadRow } from './fixtures.js';
import { baseConfig, errorLines, makeTemplate, MODEL, removeSandbox, runCli, sandboxFrom, TSV_DATA, writeJson, type CliResult, type Sandbox } from './harness.js';

const SECRET = 'sk-hostile-SECRET-0123456789abcdef';
/** Long enough to be a leak, short enough to catch a quoted fragment. */
const FRAGMENT = SECRET.slice(0, 12);

let template: string;
beforeAll(async () => {
  template = await makeTemplate();
}, 120_000);
afterAll(async () => {
  if (template !== undefined) await removeSandbox({ root: template });
});

async function inSandbox(fn: (s: Sandbox) => Promise<void>): Promise<void> {
  const s = await sandboxFrom(template);
  try {
    await fn(s);
  } finally {
    await removeSandbox(s);
  }
}

async function expectNoSecret(s: Sandbox, res: CliResult): Promise<void> {
  for (const text of [res.stdout, res.stderr]) {
    expect(text).not.toContain(FRAGMENT);
  }
  for (const file of await listFiles(s.root)) {
    if (file === s.config) continue;
    expect((await readFile(file)).includes(FRAGMENT), relative(s.root, file)).toBe(false);
  }
}

const run = (s: Sandbox, env: Record<string, string> = {}, args: readonly string[] = []) =>
  runCli(s, ['--config', s.config, '--work-dir', s.work, '--data', TSV_DATA, '--verbose', ...args], env);

function withKey(s: Sandbox, key: string): unknown {
  const c = baseConfig(s);
  return { ...c, model: { [MODEL]: { ...(c.model[MODEL] as object), key } } };
}

describe('keys on failure paths', () => {
  it('a config that is not JSON: the parse error quotes no part of the key', async () => {
    await inSandbox(async (s) => {
      // V8 quotes the text around an unexpected token; an unquoted key is exactly that token.
      await writeFile(s.config, `{"model": {"${MODEL}": {"class": "OpenAIWrapper", "api_base": "mock", "key": ${SECRET}}}, "data": {}}`);
      const res = await run(s);
      expect(res.code).toBe(2);
      expect(errorLines(res.stderr)[0]).toMatch(/not valid JSON \(Unexpected token\) \[ConfigError\]$/);
      await expectNoSecret(s, res);

      await writeFile(s.config, `{"model": {"${MODEL}": {"key": "${SECRET}" "class": "x"}}}`);
      const res2 = await run(s);
      expect(errorLines(res2.stderr)[0]).toMatch(/not valid JSON \(Expected ',' or '}' after property value at line 1, column \d+\) \[ConfigError\]$/);
      await expectNoSecret(s, res2);
    });
  });

  it('a key in the config and a data error mid-run', async () => {
    await inSandbox(async (s) => {
      await writeJson(s.config, withKey(s, SECRET));
      await writeFile(s.tsv, withBadRow((r) => ({ ...r, answer: 'Q' })));
      const res = await run(s);
      expect(res.code, res.stderr).toBe(2);
      expect(errorLines(res.stderr)[0]).toMatch(/\[DataError\]$/);
      await expectNoSecret(s, res);
    });
  });

  it('a key from an environment reference, on a finished run and on a refused config', async () => {
    await inSandbox(async (s) => {
      await writeJson(s.config, withKey(s, '${HOSTILE_TEST_KEY}'));
      const ok = await run(s, { HOSTILE_TEST_KEY: SECRET });
      expect(ok.code, ok.stderr).toBe(0);
      await expectNoSecret(s, ok);
      // The HTML report and the leaderboard are built from what the run wrote: no key there either.
      const html = await runCli(s, ['report', '--work-dir', s.work], { HOSTILE_TEST_KEY: SECRET });
      expect(html.code, html.stderr).toBe(0);
      await expectNoSecret(s, html);
      const board = await runCli(s, ['leaderboard', '--work-dir', s.work, '--out', join(s.work, 'board.csv')], { HOSTILE_TEST_KEY: SECRET });
      expect(board.code, board.stderr).toBe(0);
      await expectNoSecret(s, board);
      expect((await listFiles(s.work)).some((f) => f.endsWith('report.html'))).toBe(true);
      const c = withKey(s, '${HOSTILE_TEST_KEY}') as { model: Record<string, Record<string, unknown>> };
      await writeJson(s.config, { ...c, model: { [MODEL]: { ...c.model[MODEL], temperature: 'hot' } } });
      const refused = await run(s, { HOSTILE_TEST_KEY: SECRET });
      expect(refused.code).toBe(2);
      await expectNoSecret(s, refused);
    });
  });

  it('a key in OPENAI_API_KEY and a dataset that is not found', async () => {
    await inSandbox(async (s) => {
      const c = baseConfig(s);
      await writeJson(s.config, { ...c, data: { [TSV_DATA]: { class: 'ImageMCQDataset', dataset: 'NoSuchSet' } } });
      const res = await run(s, { OPENAI_API_KEY: SECRET });
      expect(res.code).toBe(2);
      expect(errorLines(res.stderr)[0]).toMatch(/\[DataNotFoundError\]$/);
      await expectNoSecret(s, res);
    });
  });
});
