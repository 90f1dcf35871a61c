/**
 * `"serve"` end to end through the CLI: actial-eval starts the built-in mock as its managed server,
 * evaluates against it and stops it, on success, on a data error, on Ctrl-C and after kill -9. Each
 * test reads the server's pid from its log and checks that no process of its group is left.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { mcqData, onCleanup, paths, readJsonl, runCli, spawnCli, tempDir, tsvLine, waitFor, writeConfig, writeMcqTsv, type StoredRecord } from './helpers.js';
import { groupAlive, killGroup, lastStartedPid, mockCommand, NEVER_READY, SERVED, startedPids } from '../serve/fixtures.js';

const MODEL = 'ckpt';
const DATA = 'E2E';

interface Setup {
  readonly dir: string;
  readonly work: string;
  readonly configFile: string;
  readonly tsv: string;
  readonly log: string;
}

/** A config whose model is served by `command` on a free port. */
async function setup(command: readonly string[], opts: { rows?: number; serve?: Record<string, unknown> } = {}): Promise<Setup> {
  const dir = await tempDir();
  const tsv = join(dir, `${DATA}.tsv`);
  await writeMcqTsv(tsv, opts.rows ?? 8);
  const model = {
    class: 'GPT4V', model: SERVED, api_base: 'http://127.0.0.1:{port}/v1/chat/completions', key: 'EMPTY', temperature: 0, max_tokens: 64, img_size: -1,
    serve: { command, port: 0, ready_timeout_s: 30, stop_timeout_s: 5, ...opts.serve },
  };
  const configFile = await writeConfig(join(dir, 'config.json'), { model: { [MODEL]: model }, data: { [DATA]: mcqData(tsv) } });
  const work = join(dir, 'work');
  const log = join(work, MODEL, `${MODEL}.serve.log`);
  // Whatever a failing test leaves running goes with it.
  onCleanup(async () => {
    if (existsSync(log)) for (const pid of await startedPids(log)) killGroup(pid);
  });
  return { dir, work, configFile, tsv, log };
}

describe('managed vLLM server ("serve")', () => {
  it('starts the server, waits until ready, evaluates, and stops it', async () => {
    const s = await setup(mockCommand());
    const res = await runCli(['--config', s.configFile, '--work-dir', s.work]);
    expect(res.code, res.stderr).toBe(0);
    const pid = await lastStartedPid(s.log);
    expect(groupAlive(pid)).toBe(false);
    const records = await readJsonl<StoredRecord>(paths(s.work, MODEL, DATA).predictions);
    expect(records.filter((r) => r.status === 'ok')).toHaveLength(8);
    const log = await readFile(s.log, 'utf8');
    expect(log).toMatch(/start: node .* --port (\d+) .*\n.*started pid \d+[\s\S]*ready after [\d.]+ s[\s\S]*stop: SIGTERM[\s\S]*\] stopped\n$/);
    expect(log).toContain('mock server stopped: '); // the child's farewell, captured before the log closed
    expect(res.stderr).toMatch(/ckpt: starting server: .*\nckpt: server ready after [\d.]+ s at http:\/\/127\.0\.0\.1:\d+\/v1/);
    expect(res.stderr).toContain('ckpt: server stopped');
    expect(existsSync(join(s.work, MODEL, `${MODEL}.serve.pid`))).toBe(false);
  });

  it('a data error after the start: exit 2, and the server is stopped', async () => {
    const s = await setup(mockCommand());
    await writeMcqTsv(s.tsv, 8, (row, i) => (i === 5 ? `${tsvLine(row)}\textra` : row));
    const res = await runCli(['--config', s.configFile, '--work-dir', s.work]);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(/actial-eval: error: .*E2E\.tsv.*row 6/);
    expect(res.stderr).toContain('ckpt: server stopped');
    expect(groupAlive(await lastStartedPid(s.log))).toBe(false);
  });

  it('Ctrl-C mid-run: exit 130, answers in flight saved, and the server is stopped', async () => {
    const s = await setup(mockCommand('--latency-ms', '200'), { rows: 60 });
    const run = spawnCli(['--config', s.configFile, '--work-dir', s.work, '--api-nproc', '2']);
    const predictions = paths(s.work, MODEL, DATA).predictions;
    await waitFor(async () => existsSync(predictions) && (await readJsonl(predictions)).length >= 2, 30_000, 50);
    const pid = await lastStartedPid(s.log);
    expect(groupAlive(pid)).toBe(true);
    run.child.kill('SIGINT');
    const res = await run.done;
    expect(res.code, res.stderr).toBe(130);
    expect(groupAlive(pid)).toBe(false);
    expect((await readJsonl(predictions)).length).toBeLessThan(60);
    expect(await readFile(s.log, 'utf8')).toMatch(/stop: SIGTERM to process group \d+[\s\S]*\] stopped\n$/);
  });

  it('a server that never becomes ready: exit 2 naming the timeout, and the process is killed', async () => {
    const s = await setup(NEVER_READY, { serve: { ready_timeout_s: 1.5 } });
    const res = await runCli(['--config', s.configFile, '--work-dir', s.work]);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(/actial-eval: error: model 'ckpt': the server was not ready within 1\.5 s \(last check: connection refused at http:\/\/127\.0\.0\.1:\d+\/health/);
    expect(res.stderr).toContain('"ready_timeout_s"');
    expect(groupAlive(await lastStartedPid(s.log))).toBe(false);
    expect(existsSync(paths(s.work, MODEL, DATA).predictions)).toBe(false);
  });

  it('a server that exits while loading: exit 2 with its exit code and last log lines', async () => {
    const crash = ['node', '-e', 'console.error("ValueError: max_model_len 131072 is larger than the model allows"); process.exit(3)'];
    const s = await setup(crash);
    const res = await runCli(['--config', s.configFile, '--work-dir', s.work]);
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(/actial-eval: error: model 'ckpt': the server exited \(code 3\) before it was ready; last lines of its log \(.*ckpt\.serve\.log\):\n {2}\| ValueError: max_model_len 131072/);
    expect(groupAlive(await lastStartedPid(s.log))).toBe(false);
  });

  it('after kill -9 of actial-eval, the next run stops the server left behind, then runs', async () => {
    const s = await setup(mockCommand('--latency-ms', '200'), { rows: 40 });
    const first = spawnCli(['--config', s.configFile, '--work-dir', s.work, '--api-nproc', '2']);
    const predictions = paths(s.work, MODEL, DATA).predictions;
    await waitFor(async () => existsSync(predictions) && (await readJsonl(predictions)).length >= 1, 30_000, 50);
    const orphan = await lastStartedPid(s.log);
    first.child.kill('SIGKILL');
    await first.done;
    expect(groupAlive(orphan)).toBe(true); // no handler runs on kill -9
    const second = await runCli(['--config', s.configFile, '--work-dir', s.work]);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toContain(`ckpt: stopped a server left running by an earlier, killed run (pid ${orphan})`);
    expect(groupAlive(orphan)).toBe(false);
    expect(groupAlive(await lastStartedPid(s.log))).toBe(false);
  });

  it('`actial-eval serve` keeps the server up until Ctrl-C and prints its URL', async () => {
    const s = await setup(mockCommand());
    const serve = spawnCli(['serve', '--config', s.configFile, '--work-dir', s.work]);
    let stdout = '';
    serve.child.stdout?.on('data', (chunk: string) => (stdout += chunk));
    await waitFor(() => /serving ckpt \("served-x"\) at (http:\/\/127\.0\.0\.1:\d+\/v1); Ctrl-C to stop/.test(stdout), 30_000, 50);
    const url = /at (http:\/\/\S+\/v1);/.exec(stdout)?.[1] ?? '';
    const models = (await (await fetch(`${url}/models`)).json()) as { data: { id: string }[] };
    expect(models.data[0]?.id).toBe(SERVED);
    const pid = await lastStartedPid(s.log);
    serve.child.kill('SIGINT');
    const res = await serve.done;
    expect(res.code, res.stderr).toBe(0);
    expect(groupAlive(pid)).toBe(false);
  });
});
