/**
 * Images by path (`"image_transport": "file"`), end to end: the CLI as a child process, real HTTP
 * through a recording hop to the mock, real files. Requests carry file:// URLs to copies written
 * once (identical bytes, reused by a later run without a rewrite), the resume key is the one base64
 * gives (switching transport re-asks nothing), and a server that may not read the copies stops the
 * run before anything is asked, with one line naming the flag and folder (exit 2).
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { paddedJpeg } from '../../bench/synthetic.js';
import { sha256 } from '../../src/core/hash.js';
import type { MockServerHandle } from '../../src/mock/server.js';
import {
  gptModel, mcqData, mockServer, nonProgressLines, onCleanup, paths, readJson, readJsonl, runCli, tempDir, writeConfig, writeMcqTsv,
  type StoredRecord, type SummaryJson,
} from './helpers.js';

/**
 * Three distinct JPEGs; row i shows image i % 3, so each is asked about twice. The last one's base64
 * (40 KB) is over LONG_FIELD_BYTES, so the TSV reader holds it as bytes (tsv-record.ts).
 */
const IMAGES = [3_000, 3_500, 30_000].map((size, k) => paddedJpeg(size, `file transport image ${k}`));
const ROWS = 6;
const PROBE_TEXT = 'What colour is this image? One word.';

interface Hop {
  readonly url: string;
  /** Bodies of the chat completion requests that went through, in order. */
  readonly chats: string[];
}

/** A loopback HTTP hop in front of the mock that keeps every chat body it forwards. */
async function recordingHop(mock: MockServerHandle): Promise<Hop> {
  const chats: string[] = [];
  const origin = new URL(mock.url).origin;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.url?.endsWith('/chat/completions') === true) chats.push(body.toString('utf8'));
      const init = { method: req.method ?? 'GET', headers: { 'content-type': req.headers['content-type'] ?? 'application/json' }, ...(req.method === 'POST' ? { body } : {}) };
      void fetch(`${origin}${req.url ?? '/'}`, init).then(async (upstream) => {
        res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  onCleanup(() => new Promise((r) => server.close(() => r())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, chats };
}

async function setUp(mockOptions: { allowedLocalMediaPath?: string } = {}) {
  const dir = await realpath(await tempDir('actial-file-images-'));
  const mock = await mockServer(mockOptions.allowedLocalMediaPath === 'root' ? { allowedLocalMediaPath: dir } : mockOptions);
  const hop = await recordingHop(mock);
  const tsv = join(dir, 'E2E.tsv');
  await writeMcqTsv(tsv, ROWS, (row, i) => ({ ...row, image: (IMAGES[i % 3] ?? Buffer.alloc(0)).toString('base64') }));
  const api = `${hop.url}/chat/completions`;
  // A relative media_dir is taken from the config file's folder.
  const byPath = await writeConfig(join(dir, 'by-path.json'), { model: { M: gptModel(api, { image_transport: 'file', media_dir: 'media' }) }, data: { E2E: mcqData(tsv) } });
  const base64 = await writeConfig(join(dir, 'base64.json'), { model: { M: gptModel(api) }, data: { E2E: mcqData(tsv) } });
  return { dir, mock, hop, byPath, base64, media: join(dir, 'media') };
}

function imageUrls(body: string): string[] {
  const parsed = JSON.parse(body) as { messages: { content: string | { type: string; image_url?: { url: string } }[] }[] };
  return parsed.messages.flatMap((m) => (typeof m.content === 'string' ? [] : m.content.flatMap((p) => (p.image_url === undefined ? [] : [p.image_url.url]))));
}

async function copies(media: string): Promise<Map<string, { ino: number; mtimeMs: number }>> {
  const out = new Map<string, { ino: number; mtimeMs: number }>();
  for (const name of (await readdir(media)).sort()) {
    const s = await stat(join(media, name));
    out.set(name, { ino: s.ino, mtimeMs: s.mtimeMs });
  }
  return out;
}

const hashesByIndex = (records: readonly StoredRecord[]): Record<string, string> => Object.fromEntries(records.map((r) => [r.index, r.prompt_hash]));

describe('images by path', () => {
  it('sends file:// URLs to copies written once, reused by a later run, with the resume key of base64', async () => {
    const { dir, hop, byPath, base64, media } = await setUp({ allowedLocalMediaPath: 'root' });
    const first = await runCli(['--config', byPath, '--work-dir', join(dir, 'work-a')]);
    expect(first.code, first.stderr).toBe(0);

    // One 1-token check first, then one request per row, each naming its image's copy.
    expect(hop.chats).toHaveLength(ROWS + 1);
    expect(hop.chats[0]).toContain(PROBE_TEXT);
    const expected = (k: number): string => pathToFileURL(join(media, `${sha256(IMAGES[k] ?? Buffer.alloc(0))}.jpg`)).href;
    for (const body of hop.chats.slice(1)) {
      const row = Number(/Item (\d+):/.exec(body)?.[1]);
      expect(imageUrls(body), `row ${row}`).toEqual([expected(row % 3)]);
      expect(body).not.toContain('data:image');
      expect(Buffer.byteLength(body)).toBeLessThan(1_000);
    }

    // Each distinct image once, bytes unchanged, plus the check's PNG.
    const written = await copies(media);
    const names = IMAGES.map((img) => `${sha256(img)}.jpg`);
    expect([...written.keys()].filter((n) => n.endsWith('.jpg')).sort()).toEqual([...names].sort());
    expect([...written.keys()].filter((n) => !n.endsWith('.jpg'))).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.png$/)]);
    for (const [k, img] of IMAGES.entries()) expect((await readFile(join(media, names[k] ?? ''))).equals(img)).toBe(true);

    // A second run (fresh work dir) finds the copies and rewrites none.
    const second = await runCli(['--config', byPath, '--work-dir', join(dir, 'work-b')]);
    expect(second.code, second.stderr).toBe(0);
    expect(await copies(media)).toEqual(written);

    // The prompt hash keys on image content: a base64 run computes the same one for every row ...
    const viaBase64 = await runCli(['--config', base64, '--work-dir', join(dir, 'work-c')]);
    expect(viaBase64.code, viaBase64.stderr).toBe(0);
    expect(hop.chats.slice(-1).flatMap(imageUrls)[0]).toMatch(/^data:image\/jpeg;base64,/);
    const storeA = paths(join(dir, 'work-a'), 'M', 'E2E').predictions;
    const byPathRecords = await readJsonl<StoredRecord>(storeA);
    expect(hashesByIndex(await readJsonl<StoredRecord>(paths(join(dir, 'work-c'), 'M', 'E2E').predictions))).toEqual(hashesByIndex(byPathRecords));
    const summaryA = await readJson<SummaryJson>(paths(join(dir, 'work-a'), 'M', 'E2E').summary);
    const summaryC = await readJson<SummaryJson>(paths(join(dir, 'work-c'), 'M', 'E2E').summary);
    expect(summaryA.metrics).toEqual(summaryC.metrics);

    // ... so switching transport on a work dir re-asks none of its answered rows.
    const asked = hop.chats.length;
    const switched = await runCli(['--config', base64, '--work-dir', join(dir, 'work-a')]);
    expect(switched.code, switched.stderr).toBe(0);
    expect(hop.chats).toHaveLength(asked);
    expect(await readJsonl<StoredRecord>(storeA)).toEqual(byPathRecords);
  });

  it('stops before asking anything, with one line naming the flag and folder, when the server may not read local files', async () => {
    const { dir, mock, byPath, media } = await setUp();
    const run = await runCli(['--config', byPath, '--work-dir', join(dir, 'work')]);
    expect(run.code).toBe(2);
    const lines = nonProgressLines(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toBe(
      `actial-eval: error: model 'M': the server refused a file:// image under ${media} (400 Cannot load local files without \`--allowed-local-media-path\`.): ` +
        `start vLLM with --allowed-local-media-path ${media} (or a folder above it, written without symlinks), or set "image_transport": "base64" for model 'M' [InputError]`,
    );
    expect(mock.stats.completionsReceived).toBe(1);
    const store = paths(join(dir, 'work'), 'M', 'E2E').predictions;
    expect(await readFile(store, 'utf8').catch(() => '')).toBe('');
  });

  it('stops the same way when the copies are outside the server\'s allowed folder', async () => {
    const outsideRoot = await realpath(await tempDir('actial-allowed-'));
    const { dir, mock, byPath, media } = await setUp({ allowedLocalMediaPath: outsideRoot });
    const run = await runCli(['--config', byPath, '--work-dir', join(dir, 'work')]);
    expect(run.code).toBe(2);
    const lines = nonProgressLines(run.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`must be a subpath of \`--allowed-local-media-path ${outsideRoot}\`\\.\\): start vLLM with --allowed-local-media-path ${media} \\(or a folder above it`));
    expect(mock.stats.completionsReceived).toBe(1);
  });

  it('works with the embedded mock of "api_base": "mock", which may read the model\'s media_dir', async () => {
    const dir = await realpath(await tempDir('actial-file-embedded-'));
    const tsv = join(dir, 'E2E.tsv');
    await writeMcqTsv(tsv, ROWS, (row, i) => ({ ...row, image: (IMAGES[i % 3] ?? Buffer.alloc(0)).toString('base64') }));
    const model = (extra: Record<string, unknown>) => ({ class: 'GPT4V', model: 'sim', api_base: 'mock', img_size: -1, mock: { accuracy: 0.5, seed: 3 }, ...extra });
    const byPath = await writeConfig(join(dir, 'by-path.json'), { model: { M: model({ image_transport: 'file', media_dir: join(dir, 'media') }) }, data: { E2E: mcqData(tsv) } });
    const base64 = await writeConfig(join(dir, 'base64.json'), { model: { M: model({}) }, data: { E2E: mcqData(tsv) } });
    const a = await runCli(['--config', byPath, '--work-dir', join(dir, 'a')]);
    const b = await runCli(['--config', base64, '--work-dir', join(dir, 'b')]);
    expect([a.code, b.code], `${a.stderr}\n${b.stderr}`).toEqual([0, 0]);
    expect((await readdir(join(dir, 'media'))).filter((n) => n.endsWith('.jpg'))).toHaveLength(3);
    const summary = (work: string) => readJson<SummaryJson>(paths(join(dir, work), 'M', 'E2E').summary);
    expect((await summary('a')).metrics).toEqual((await summary('b')).metrics);
    expect((await summary('a')).counts.answered).toBe(ROWS);
  });

  it('refuses "media_dir" without "image_transport": "file" in one line', async () => {
    const dir = await tempDir();
    const config = await writeConfig(join(dir, 'c.json'), { model: { M: gptModel('http://127.0.0.1:9/v1', { media_dir: '/tmp/x' }) }, data: { E2E: mcqData(join(dir, 'E2E.tsv')) } });
    await writeMcqTsv(join(dir, 'E2E.tsv'), 1);
    const run = await runCli(['--config', config, '--work-dir', join(dir, 'work')]);
    expect(run.code).toBe(2);
    expect(nonProgressLines(run.stderr)).toEqual([expect.stringMatching(/model 'M': "media_dir" is where "image_transport": "file" writes image copies; set "image_transport": "file" too, or remove "media_dir"/)]);
  });
});
