/**
 * The managed server's lifecycle with real child processes: the built-in mock as a stand-in for vLLM,
 * and small node scripts for servers that hang, crash, ignore SIGTERM or fork workers.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/mock/server.js';
import { ServeError } from '../../src/serve/failure.js';
import { startServer, type ManagedServer, type StartOptions } from '../../src/serve/server.js';
import type { ServeSpec } from '../../src/config/serve.js';
import { Secrets } from '../../src/core/secrets.js';
import { alive, groupAlive, killGroup, lastStartedPid, mockCommand, NEVER_READY, SERVED } from './fixtures.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function setup(spec: Partial<ServeSpec>, extra: Partial<StartOptions> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'actial-serve-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const notes: string[] = [];
  const options: StartOptions = {
    name: 'm',
    spec: { command: mockCommand(), env: {}, port: 0, readyTimeoutMs: 30_000, stopTimeoutMs: 5_000, secrets: [], ...spec },
    target: { baseURL: 'http://127.0.0.1:0/v1', apiKey: 'EMPTY', modelId: SERVED },
    logFile: join(dir, 'm', 'm.serve.log'),
    pidFile: join(dir, 'm', 'm.serve.pid'),
    note: (line) => notes.push(line),
    secrets: new Secrets(),
    ...extra,
  };
  return { dir, notes, options };
}

/** Starts, and makes sure the test cannot leave the group behind even when it fails. */
async function start(options: StartOptions): Promise<ManagedServer> {
  const server = await startServer(options);
  const pid = server.pid;
  if (pid !== undefined) cleanups.push(() => killGroup(pid));
  return server;
}

async function startFails(options: StartOptions): Promise<{ error: ServeError; pid: number | undefined }> {
  const error = await startServer(options).then(
    () => {
      throw new Error('expected the start to fail');
    },
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ServeError);
  const pid = existsSync(options.logFile) ? await lastStartedPid(options.logFile).catch(() => undefined) : undefined;
  if (pid !== undefined) cleanups.push(() => killGroup(pid));
  return { error: error as ServeError, pid };
}

describe('managed server: start, ready, stop', () => {
  it('waits until /health and /v1/models answer, logs its output with timestamps, and leaves no process after stop', async () => {
    const { options, notes } = await setup({});
    const server = await start(options);
    expect(server.ready).toBe(true);
    expect(server.modelId).toBe(SERVED);
    expect(server.baseURL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const pid = server.pid ?? -1;
    expect(alive(pid)).toBe(true);
    const models = (await (await fetch(`${server.baseURL}/models`)).json()) as { data: { id: string }[] };
    expect(models.data.map((m) => m.id)).toEqual([SERVED]);
    expect(JSON.parse(await readFile(options.pidFile, 'utf8'))).toMatchObject({ pid, owner: process.pid });

    await server.stop();
    expect(alive(pid)).toBe(false);
    expect(groupAlive(pid)).toBe(false);
    expect(existsSync(options.pidFile)).toBe(false);
    const log = await readFile(options.logFile, 'utf8');
    expect(log).toMatch(/^\[actial-eval \d{4}-\d\d-\d\dT[\d:.]+Z\] start: node .* mock-server --port \d+ --model-id served-x/m);
    expect(log).toContain(`started pid ${pid}`);
    expect(log).toContain('mock server listening on'); // the child's own stdout
    expect(log).toMatch(/ready after [\d.]+ s at http:\/\/127\.0\.0\.1:\d+\/v1, serving "served-x"/);
    expect(log).toContain(`stop: SIGTERM to process group ${pid}`);
    expect(log).toMatch(/\] stopped$/m);
    expect(notes.join('\n')).toMatch(/starting server[\s\S]*server ready after[\s\S]*server stopped/);
    await server.stop(); // idempotent
  });

  it('keeps polling while connections are refused (weights loading)', async () => {
    const script = `setTimeout(() => require('child_process').spawn(process.execPath, ${JSON.stringify(mockCommand().slice(1))}.map((a) => a === '{port}' ? process.argv[1] : a), { stdio: 'inherit' }).on('exit', (c) => process.exit(c ?? 1)), 1500)`;
    const { options } = await setup({ command: ['node', '-e', script, '{port}'] });
    const server = await start(options);
    const log = await readFile(options.logFile, 'utf8');
    const took = Number(/ready after ([\d.]+) s/.exec(log)?.[1]);
    expect(took).toBeGreaterThanOrEqual(1.5);
    await server.stop();
    expect(groupAlive(server.pid ?? -1)).toBe(false);
  });

  it('appends: a second start keeps the first one\'s log', async () => {
    const { options } = await setup({});
    await (await start(options)).stop();
    await (await start(options)).stop();
    const log = await readFile(options.logFile, 'utf8');
    expect(log.match(/started pid/g)).toHaveLength(2);
  });
});

describe('managed server: failures stop the process and say why', () => {
  it('an early exit: error with its exit code and the last lines of its log', async () => {
    const crash = ['node', '-e', 'console.error("torch.OutOfMemoryError: CUDA out of memory"); process.exit(3)'];
    const { options } = await setup({ command: crash });
    const { error, pid } = await startFails(options);
    expect(error.message).toMatch(/model 'm': the server exited \(code 3\) before it was ready/);
    expect(error.message).toContain('| torch.OutOfMemoryError: CUDA out of memory');
    expect(error.message).toContain(options.logFile);
    expect(groupAlive(pid ?? -1)).toBe(false);
    expect(existsSync(options.pidFile)).toBe(false);
  });

  it('a ready timeout: error naming the limit and the last check, and the process is killed', async () => {
    const { options } = await setup({ command: NEVER_READY, readyTimeoutMs: 1500 });
    const { error, pid } = await startFails(options);
    expect(error.message).toMatch(/not ready within 1\.5 s \(last check: connection refused at http:\/\/127\.0\.0\.1:\d+\/health \(still loading\?\)\) and was stopped; raise "serve": \{"ready_timeout_s": N\}/);
    expect(pid).toBeGreaterThan(0);
    expect(groupAlive(pid ?? -1)).toBe(false);
  });

  it('a server that does not serve the configured name: the timeout says what it serves', async () => {
    // A bare HTTP server (up in milliseconds, unlike the whole CLI) that serves another name.
    const other = `require('http').createServer((req, res) => res.end(req.url === '/health' ? '' : JSON.stringify({ data: [{ id: 'other' }] }))).listen(Number(process.argv[1]), '127.0.0.1')`;
    const { options } = await setup({ command: ['node', '-e', other, '{port}'], readyTimeoutMs: 5000 });
    const { error, pid } = await startFails(options);
    expect(error.message).toMatch(/\/models does not list "served-x" \(it lists: other; vllm serve --served-model-name sets the name\)/);
    expect(groupAlive(pid ?? -1)).toBe(false);
  });

  it('a command that cannot be started', async () => {
    const { options } = await setup({ command: ['/nonexistent/vllm', 'serve'] });
    const { error } = await startFails(options);
    expect(error.message).toMatch(/cannot start the server command '\/nonexistent\/vllm' \(ENOENT\)/);
  });
});

describe('managed server: teardown', () => {
  it('kills the whole process group, with SIGKILL when SIGTERM is ignored past the grace period', async () => {
    // Like vLLM: the leader forks a worker; here both ignore SIGTERM.
    const script = `
      const { spawn } = require('child_process');
      const http = require('http');
      process.on('SIGTERM', () => console.log('leader ignores SIGTERM'));
      const worker = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
      console.log('worker pid ' + worker.pid);
      http.createServer((req, res) => res.end(req.url === '/health' ? '' : JSON.stringify({ data: [{ id: 'served-x' }] }))).listen(Number(process.argv[1]), '127.0.0.1');`;
    const { options } = await setup({ command: ['node', '-e', script, '{port}'], stopTimeoutMs: 500 });
    const server = await start(options);
    const pid = server.pid ?? -1;
    const log = await readFile(options.logFile, 'utf8');
    const worker = Number(/worker pid (\d+)/.exec(log)?.[1]);
    cleanups.push(() => killGroup(worker));
    expect(alive(worker)).toBe(true);
    await server.stop();
    expect(alive(pid)).toBe(false);
    expect(alive(worker)).toBe(false);
    const after = await readFile(options.logFile, 'utf8');
    expect(after).toContain('leader ignores SIGTERM');
    expect(after).toContain(`still running 0.5 s after SIGTERM; SIGKILL to process group ${pid}`);
  });

  it('an abort while loading ends the wait; stop then kills the process', async () => {
    const controller = new AbortController();
    const { options } = await setup({ command: NEVER_READY }, { stop: controller.signal });
    setTimeout(() => controller.abort(), 500);
    const server = await start(options);
    expect(server.ready).toBe(false);
    const pid = server.pid ?? -1;
    expect(alive(pid)).toBe(true);
    await server.stop();
    expect(groupAlive(pid)).toBe(false);
  });

  it('an exit hook kills a running group if the process ends without stopping it', async () => {
    // A child node process starts a server and exits at once: its 'exit' handler must take the server along.
    const { dir } = await setup({});
    const serverModule = new URL('../../dist/src/serve/server.js', import.meta.url).href;
    const secretsModule = new URL('../../dist/src/core/secrets.js', import.meta.url).href;
    const pidOut = join(dir, 'pid.txt');
    const script = `
      const { startServer } = await import(${JSON.stringify(serverModule)});
      const { Secrets } = await import(${JSON.stringify(secretsModule)});
      const { writeFileSync } = await import('node:fs');
      const s = await startServer({ name: 'm', spec: { command: ${JSON.stringify(mockCommand())}, env: {}, port: 0, readyTimeoutMs: 30000, stopTimeoutMs: 5000, secrets: [] },
        target: { baseURL: 'http://127.0.0.1:0/v1', apiKey: 'EMPTY', modelId: 'served-x' }, logFile: ${JSON.stringify(join(dir, 'x.log'))}, pidFile: ${JSON.stringify(join(dir, 'x.pid'))}, note: () => {}, secrets: new Secrets() });
      writeFileSync(${JSON.stringify(pidOut)}, String(s.pid));
      process.exit(0);`;
    const file = join(dir, 'exit-hook.mjs');
    await writeFile(file, script);
    const { spawnSync } = await import('node:child_process');
    const res = spawnSync(process.execPath, [file], { encoding: 'utf8', timeout: 30_000 });
    expect(res.status, res.stderr).toBe(0);
    const pid = Number(await readFile(pidOut, 'utf8'));
    cleanups.push(() => killGroup(pid));
    await new Promise((r) => setTimeout(r, 200));
    expect(groupAlive(pid)).toBe(false);
  });
});

describe('managed server: secrets and reuse', () => {
  it('masks keys from env and --api-key in the log and in error messages', async () => {
    const leak = ['node', '-e', 'console.log("token", process.env.HF_TOKEN, "args", process.argv.slice(1).join(" ")); process.exit(1)', '--', '--api-key', 'server-key-98765'];
    const { options } = await setup({ command: leak, env: { HF_TOKEN: 'hf-token-12345' }, secrets: ['hf-token-12345', 'server-key-98765'] });
    const { error } = await startFails(options);
    const log = await readFile(options.logFile, 'utf8');
    for (const text of [log, error.message]) {
      expect(text).not.toContain('hf-token-12345');
      expect(text).not.toContain('server-key-98765');
    }
    expect(log).toContain('token *** args --api-key ***');
  });

  it('uses a server already up at a fixed port and leaves it running', async () => {
    const mock = await startMockServer({ modelId: SERVED, port: 0 });
    cleanups.push(() => mock.close());
    const { options, notes } = await setup({ port: mock.port }, { target: { baseURL: `http://127.0.0.1:${mock.port}/v1`, apiKey: 'EMPTY', modelId: SERVED } });
    const server = await start(options);
    expect(server).toMatchObject({ ready: true, pid: undefined, modelId: SERVED });
    await server.stop();
    expect((await fetch(`${mock.url}/models`)).status).toBe(200);
    expect(notes.join('\n')).toContain('already serves the model; using it');
    expect(await readFile(options.logFile, 'utf8')).not.toContain('started pid');
  });
});
