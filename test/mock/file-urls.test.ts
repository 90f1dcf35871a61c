/**
 * file:// image URLs at the mock, over real HTTP with real files, checked as vLLM's MediaConnector
 * checks them: refused without --allowed-local-media-path, refused unless the path (symlinks
 * resolved) is strictly below the allowed folder (which is compared as given), then read and
 * required to be an image. The messages are vLLM's.
 */
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/errors.js';
import { startMockServer, type MockOptions, type MockServerHandle } from '../../src/mock/server.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { runCli } from '../e2e/helpers.js';

const servers: MockServerHandle[] = [];
let root: string;
beforeEach(async () => {
  root = await realpath(await mkdtemp(join(tmpdir(), 'actial-mock-media-')));
  await mkdir(join(root, 'allowed', 'sub'), { recursive: true });
  await mkdir(join(root, 'outside'));
  await writeFile(join(root, 'allowed', 'sub', 'a.png'), TINY_PNG);
  await writeFile(join(root, 'allowed', 'a b%.png'), TINY_PNG);
  await writeFile(join(root, 'allowed', 'notes.png'), 'not an image');
  await writeFile(join(root, 'outside', 'b.png'), TINY_PNG);
  await symlink(join(root, 'outside', 'b.png'), join(root, 'allowed', 'escape.png'));
  await symlink(join(root, 'allowed'), join(root, 'allowed-link'));
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  await rm(root, { recursive: true, force: true });
});

async function start(options: MockOptions = {}): Promise<MockServerHandle> {
  const server = await startMockServer({ modelId: 'mock-model', ...options });
  servers.push(server);
  return server;
}

async function ask(server: MockServerHandle, url: string): Promise<{ status: number; message: string }> {
  const body = { model: 'mock-model', messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url } }, { type: 'text', text: 'Q?' }] }] };
  const res = await fetch(`${server.url}/chat/completions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json()) as { error?: { message?: string } };
  return { status: res.status, message: json.error?.message ?? '' };
}

const url = (path: string): string => pathToFileURL(path).href;

describe('file:// image URLs', () => {
  it('are refused like vLLM without --allowed-local-media-path', async () => {
    const server = await start();
    expect(await ask(server, url(join(root, 'allowed', 'sub', 'a.png')))).toEqual({ status: 400, message: 'Cannot load local files without `--allowed-local-media-path`.' });
  });

  it('are read when the file is an image strictly below the allowed folder (percent-encoded names too)', async () => {
    const server = await start({ allowedLocalMediaPath: join(root, 'allowed') });
    expect((await ask(server, url(join(root, 'allowed', 'sub', 'a.png')))).status).toBe(200);
    expect(url(join(root, 'allowed', 'a b%.png'))).toContain('a%20b%25.png');
    expect((await ask(server, url(join(root, 'allowed', 'a b%.png')))).status).toBe(200);
    expect(server.stats.completionsOk).toBe(2);
  });

  it('refuse every path not strictly below the allowed folder, symlinks resolved on the file side, with vLLM\'s message', async () => {
    const allowed = join(root, 'allowed');
    const server = await start({ allowedLocalMediaPath: `${allowed}/` });
    const refused = (path: string) => ({ status: 400, message: `The file path ${path} must be a subpath of \`--allowed-local-media-path ${allowed}\`.` });
    expect(await ask(server, url(join(root, 'outside', 'b.png')))).toEqual(refused(join(root, 'outside', 'b.png')));
    expect(await ask(server, url(join(allowed, 'escape.png')))).toEqual(refused(join(allowed, 'escape.png')));
    expect(await ask(server, url(allowed))).toEqual(refused(allowed));
    expect(await ask(server, `file://${allowed}/../outside/b.png`)).toEqual(refused(`${allowed}/../outside/b.png`));
  });

  it('compare the allowed folder as given: one named through a symlink matches no resolved file', async () => {
    const server = await start({ allowedLocalMediaPath: join(root, 'allowed-link') });
    const file = join(root, 'allowed-link', 'sub', 'a.png');
    expect(await ask(server, url(file))).toEqual({ status: 400, message: `The file path ${file} must be a subpath of \`--allowed-local-media-path ${join(root, 'allowed-link')}\`.` });
  });

  it('are read, so a missing file and a file that is not an image are refused', async () => {
    const server = await start({ allowedLocalMediaPath: join(root, 'allowed') });
    const missing = join(root, 'allowed', 'sub', 'gone.png');
    expect(await ask(server, url(missing))).toEqual({ status: 400, message: `[Errno 2] No such file or directory: '${missing}'` });
    const notes = join(root, 'allowed', 'notes.png');
    expect(await ask(server, url(notes))).toEqual({ status: 400, message: `Failed to identify image: cannot identify image file '${notes}'` });
    expect(server.stats.completionsOk).toBe(0);
  });

  it('need an allowed folder that exists and is a directory, checked at start like vLLM', async () => {
    const missing = join(root, 'nowhere');
    await expect(start({ allowedLocalMediaPath: missing })).rejects.toThrow(InputError);
    await expect(start({ allowedLocalMediaPath: missing })).rejects.toThrow(`Invalid \`--allowed-local-media-path\`: The path ${missing} does not exist.`);
    const file = join(root, 'outside', 'b.png');
    await expect(start({ allowedLocalMediaPath: file })).rejects.toThrow(`Invalid \`--allowed-local-media-path\`: The path ${file} must be a directory.`);
    const cli = await runCli(['mock-server', '--port', '0', '--allowed-local-media-path', missing]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toBe(`actial-eval: error: Invalid \`--allowed-local-media-path\`: The path ${missing} does not exist. [InputError]`);
  });
});
