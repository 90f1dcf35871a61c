/**
 * The content-addressed image copies of the file transport, on real files: written once with the
 * bytes unchanged, never a partial file under a final name (concurrent writers, a writer killed
 * with SIGKILL in the middle, leftovers of such a writer), and one clear error for a folder that
 * cannot be made.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, realpath, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/core/hash.js';
import { InputError } from '../../src/core/errors.js';
import { extensionOf, MediaCache } from '../../src/store/media-cache.js';
import { paddedJpeg, TINY_PNG } from '../../bench/synthetic.js';

const REPO = resolve(fileURLToPath(new URL('../../', import.meta.url)));
const COMPILED = join(REPO, 'dist', 'src', 'store', 'media-cache.js');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-media-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function put(cache: MediaCache, data: Buffer, mime: string): Promise<string> {
  const digest = sha256(data);
  await cache.put(data, digest, mime);
  return cache.pathOf(digest, mime);
}

describe('MediaCache', () => {
  it('writes each image once as <sha256>.<ext> with its bytes unchanged, named by a file:// URL of its real path', async () => {
    await symlink(dir, join(dir, 'via-link'));
    const cache = await MediaCache.open(join(dir, 'via-link', 'media', 'nested'));
    expect(cache.dir).toBe(join(await realpath(dir), 'media', 'nested'));
    const jpeg = paddedJpeg(5_000, 'one');
    const digest = sha256(jpeg);
    // The URL depends on the bytes alone, so it is known before the copy is written.
    expect(cache.urlOf(digest, 'image/jpeg')).toBe(pathToFileURL(join(cache.dir, `${digest}.jpg`)).href);
    expect(cache.urlOf(digest, 'image/jpeg')).toMatch(/^file:\/\/\//);
    const path = await put(cache, jpeg, 'image/jpeg');
    expect(path).toBe(join(cache.dir, `${digest}.jpg`));
    expect((await readFile(path)).equals(jpeg)).toBe(true);
    await put(cache, TINY_PNG, 'image/png');
    expect((await readdir(cache.dir)).sort()).toEqual([`${digest}.jpg`, `${sha256(TINY_PNG)}.png`].sort());
    expect(['image/jpeg', 'image/png', 'image/gif', 'image/webp', 'image/bmp', 'image/tiff'].map(extensionOf)).toEqual(['jpg', 'png', 'gif', 'webp', 'bmp', 'tiff']);
  });

  it('finds the copies present among missing ones, however the checks alternate (in order and all at once)', async () => {
    const images = Array.from({ length: 8 }, (_, i) => paddedJpeg(3_000 + i, `mixed-${i}`));
    // Copies 1, 2, 5 and 7 exist before the run: a present one after a missing one is checked in
    // the thread pool, and must still be found (not rewritten), then checks go back to a plain stat.
    const earlier = await MediaCache.open(dir);
    const kept = [1, 2, 5, 7];
    const before = new Map<number, { ino: number; mtimeMs: number }>();
    for (const i of kept) before.set(i, await stat(await put(earlier, images[i] ?? Buffer.alloc(0), 'image/jpeg')));
    await new Promise((r) => setTimeout(r, 20));
    const inOrder = await MediaCache.open(dir);
    for (const image of images.slice(0, 4)) await put(inOrder, image, 'image/jpeg');
    const atOnce = await MediaCache.open(dir);
    await Promise.all(images.map((image) => put(atOnce, image, 'image/jpeg')));
    for (const image of images) expect((await readFile(atOnce.pathOf(sha256(image), 'image/jpeg'))).equals(image)).toBe(true);
    for (const i of kept) {
      const now = await stat(atOnce.pathOf(sha256(images[i] ?? Buffer.alloc(0)), 'image/jpeg'));
      expect([i, now.ino, now.mtimeMs]).toEqual([i, before.get(i)?.ino, before.get(i)?.mtimeMs]);
    }
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves a copy in place untouched when it is put again, by this run or a later one', async () => {
    const jpeg = paddedJpeg(8_000, 'again');
    const path = await put(await MediaCache.open(dir), jpeg, 'image/jpeg');
    const before = await stat(path);
    await new Promise((r) => setTimeout(r, 20));
    await put(await MediaCache.open(dir), jpeg, 'image/jpeg');
    const after = await stat(path);
    expect([after.ino, after.mtimeMs]).toEqual([before.ino, before.mtimeMs]);
  });

  it('writes one file when many puts of one image race, from one cache and from two (two runs), leaving no temporary file', async () => {
    const a = await MediaCache.open(dir);
    const b = await MediaCache.open(dir);
    const jpeg = paddedJpeg(200_000, 'race');
    const digest = sha256(jpeg);
    await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? a : b).put(jpeg, digest, 'image/jpeg')));
    expect(await readdir(dir)).toEqual([`${digest}.jpg`]);
    expect((await readFile(join(dir, `${digest}.jpg`))).equals(jpeg)).toBe(true);
  });

  it('never trusts what a killed writer left: a torn temporary file is ignored, a file of the wrong size is replaced', async () => {
    const jpeg = paddedJpeg(50_000, 'torn');
    const digest = sha256(jpeg);
    const name = `${digest}.jpg`;
    await writeFile(join(dir, `.${name}.999.abcd1234.tmp`), jpeg.subarray(0, 10_000));
    await writeFile(join(dir, name), jpeg.subarray(0, 20_000));
    const cache = await MediaCache.open(dir);
    await cache.put(jpeg, digest, 'image/jpeg');
    expect((await readFile(join(dir, name))).equals(jpeg)).toBe(true);
  });

  it('leaves only complete copies under their final names when the writing process is killed with SIGKILL', async () => {
    expect(existsSync(COMPILED), 'run `npm run build` first').toBe(true);
    // A child writes 1 MB images one after another; it is killed while it writes.
    const script = `
      const { MediaCache } = await import(${JSON.stringify(pathToFileURL(COMPILED).href)});
      const { createHash } = await import('node:crypto');
      const cache = await MediaCache.open(${JSON.stringify(dir)});
      for (let i = 0; ; i++) {
        const data = Buffer.alloc(1_000_000, i % 251);
        data.write('\\xff\\xd8\\xff' + i, 0, 'latin1');
        await cache.put(data, createHash('sha256').update(data).digest('hex'), 'image/jpeg');
      }`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: 'ignore' });
    const exited = new Promise((r) => child.once('exit', r));
    await expect.poll(async () => (await readdir(dir)).filter((f) => f.endsWith('.jpg')).length, { timeout: 20_000, interval: 5 }).toBeGreaterThanOrEqual(5);
    child.kill('SIGKILL');
    await exited;
    const files = await readdir(dir);
    const finals = files.filter((f) => f.endsWith('.jpg'));
    expect(finals.length).toBeGreaterThanOrEqual(5);
    for (const f of finals) {
      const data = await readFile(join(dir, f));
      expect(`${sha256(data)}.jpg`, f).toBe(f);
      expect(data.length).toBe(1_000_000);
    }
    expect(files.every((f) => f.endsWith('.jpg') || /^\..*\.\d+\.[0-9a-f]{8}\.tmp$/.test(f))).toBe(true);
  });

  it('says in one line which media_dir cannot be made', async () => {
    await writeFile(join(dir, 'a-file'), 'x');
    const bad = join(dir, 'a-file', 'media');
    await expect(MediaCache.open(bad)).rejects.toThrow(InputError);
    await expect(MediaCache.open(bad)).rejects.toThrow(new RegExp(`^media_dir ${bad}: cannot create or open the image folder \\(ENOTDIR\\); set "media_dir" to a writable folder$`));
  });
});
