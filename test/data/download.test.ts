import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataNotFoundError, DownloadError } from '../../src/core/errors.js';
import { downloadDataset, type DownloadPlan } from '../../src/data/download/index.js';
import { planDownload, remapUrl } from '../../src/data/download/plan.js';
import { locateOrDownload } from '../../src/data/locate.js';
import { BENCHMARKS } from '../../benchmarks/index.js';
import { COMMIT, md5, startFileHost, type FileHost, type FileHostOptions } from './download-server.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'actial-download-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function host(options: FileHostOptions): Promise<FileHost> {
  const h = await startFileHost(options);
  cleanups.push(() => h.close());
  return h;
}

/** A file big enough to arrive in several chunks, so a cut lands mid-body. */
function payload(label: string, size = 300_000): Buffer {
  const line = Buffer.from(`${label}\tsome text that repeats\n`);
  return Buffer.concat(Array.from({ length: Math.ceil(size / line.length) }, () => line)).subarray(0, size);
}

function sink() {
  const lines: string[] = [];
  return { lines, sink: { isTTY: false, write: (t: string) => void lines.push(t) } };
}

const online = (s: ReturnType<typeof sink>) => ({ offline: undefined, sink: s.sink });

function tsvPlan(base: string, dir: string, name: string, sum: string | undefined): DownloadPlan {
  return { kind: 'tsv', url: `${base}/${name}.tsv`, md5: sum, dest: join(dir, `${name}.tsv`) };
}

describe('TSV download into $LMUData', () => {
  it('saves the file after checking its md5, leaves no part file and reports progress', async () => {
    const dir = await tempDir();
    const bytes = payload('ok');
    const h = await host({ files: new Map([['Set.tsv', bytes]]) });
    const out = sink();
    await downloadDataset(tsvPlan(h.url, dir, 'Set', md5(bytes)), {}, online(out));
    expect(await readFile(join(dir, 'Set.tsv'))).toEqual(bytes);
    expect(await readdir(dir)).toEqual(['Set.tsv']);
    expect(out.lines.every((l) => l.startsWith('download: '))).toBe(true);
    expect(out.lines.join('')).toMatch(/md5 ok/);
  });

  it('a connection cut mid-file is resumed with a Range request', async () => {
    const dir = await tempDir();
    const bytes = payload('cut');
    const h = await host({ files: new Map([['Set.tsv', bytes]]), cutOnce: new Set(['Set.tsv']) });
    const out = sink();
    await downloadDataset(tsvPlan(h.url, dir, 'Set', md5(bytes)), {}, online(out));
    expect(await readFile(join(dir, 'Set.tsv'))).toEqual(bytes);
    const ranges = h.requests.map((r) => r.range);
    expect(ranges[0]).toBeUndefined();
    expect(ranges[1]).toMatch(/^bytes=[1-9]\d*-$/);
    expect(out.lines.join('')).toMatch(/connection lost at .*retrying/);
  });

  it('a corrupt file fails the checksum, is deleted and never saved', async () => {
    const dir = await tempDir();
    const bytes = payload('corrupt');
    const h = await host({ files: new Map([['Set.tsv', bytes]]), corrupt: new Set(['Set.tsv']) });
    const err = await downloadDataset(tsvPlan(h.url, dir, 'Set', md5(bytes)), {}, online(sink())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as Error).message).toMatch(/checksum mismatch: md5 of the downloaded .* is [0-9a-f]{32}, expected [0-9a-f]{32}; the download was deleted and not used/);
    expect(await readdir(dir)).toEqual([]);
  });

  it('resumes a part file an earlier run left behind', async () => {
    const dir = await tempDir();
    const bytes = payload('earlier');
    await writeFile(join(dir, 'Set.tsv.part'), bytes.subarray(0, 1000));
    const h = await host({ files: new Map([['Set.tsv', bytes]]) });
    await downloadDataset(tsvPlan(h.url, dir, 'Set', md5(bytes)), {}, online(sink()));
    expect(h.requests.map((r) => r.range)).toEqual(['bytes=1000-']);
    expect(await readFile(join(dir, 'Set.tsv'))).toEqual(bytes);
  });

  it('an earlier part of another version of the file fails the checksum once, then starts over', async () => {
    const dir = await tempDir();
    const bytes = payload('new version');
    await writeFile(join(dir, 'Set.tsv.part'), payload('old version').subarray(0, 5000));
    const h = await host({ files: new Map([['Set.tsv', bytes]]) });
    const out = sink();
    await downloadDataset(tsvPlan(h.url, dir, 'Set', md5(bytes)), {}, online(out));
    expect(await readFile(join(dir, 'Set.tsv'))).toEqual(bytes);
    expect(h.requests.map((r) => r.range)).toEqual(['bytes=5000-', undefined]);
    expect(out.lines.join('')).toMatch(/after resuming an earlier partial download; starting over/);
  });

  it('a server that ignores Range sends the whole file again, which replaces the part', async () => {
    const dir = await tempDir();
    const bytes = payload('norange');
    await writeFile(join(dir, 'Set.tsv.part'), bytes.subarray(0, 777));
    const h = await host({ files: new Map([['Set.tsv', bytes]]), ignoreRange: new Set(['Set.tsv']) });
    await downloadDataset(tsvPlan(h.url, dir, 'Set', md5(bytes)), {}, online(sink()));
    expect(await readFile(join(dir, 'Set.tsv'))).toEqual(bytes);
  });

  it('a complete part (416 on resume) is verified and saved without a new body', async () => {
    const dir = await tempDir();
    const bytes = payload('complete');
    await writeFile(join(dir, 'Set.tsv.part'), bytes);
    const h = await host({ files: new Map([['Set.tsv', bytes]]) });
    await downloadDataset(tsvPlan(h.url, dir, 'Set', md5(bytes)), {}, online(sink()));
    expect(await readFile(join(dir, 'Set.tsv'))).toEqual(bytes);
  });

  it('retries 5xx, and gives up on 404 at once', async () => {
    const dir = await tempDir();
    const bytes = payload('busy', 1000);
    const h = await host({ files: new Map([['Set.tsv', bytes]]), failTimes: new Map([['Set.tsv', 2]]) });
    await downloadDataset(tsvPlan(h.url, dir, 'Set', undefined), {}, online(sink()));
    expect(h.requests).toHaveLength(3);
    const err = await downloadDataset(tsvPlan(h.url, dir, 'Missing', undefined), {}, online(sink())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as Error).message).toMatch(/Missing\.tsv: HTTP 404/);
  });

  it('refuses while another live process holds the download lock', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'Set.tsv.lock'), `${process.ppid}\n`);
    const h = await host({ files: new Map([['Set.tsv', payload('x', 100)]]) });
    const err = await downloadDataset(tsvPlan(h.url, dir, 'Set', undefined), {}, online(sink())).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/being downloaded by another process \(pid \d+/);
    expect(h.requests).toHaveLength(0);
  });
});

describe('HuggingFace download into the hub cache', () => {
  const REPO = 'owner/bench';
  const files = new Map([
    ['datasets/owner/bench/test_2d.parquet', payload('2d')],
    ['datasets/owner/bench/sub/val-00000-of-00001.parquet', payload('val')],
  ]);
  const plan = (cache: string): DownloadPlan => ({ kind: 'hf', repo: REPO, revision: 'main', files: ['test_2d.parquet', 'sub/val-00000-of-00001.parquet'], cache });

  it('writes snapshots/<commit>/<path> and refs/main, checking the hub sha256; the token goes to the hub only', async () => {
    const cache = await tempDir();
    const token = 'hf_test_TOKEN_0123456789';
    const h = await host({ files, token, cutOnce: new Set(['datasets/owner/bench/test_2d.parquet']) });
    const out = sink();
    await downloadDataset(plan(cache), { HF_ENDPOINT: h.url, HF_TOKEN: token }, online(out));
    const repoDir = join(cache, 'datasets--owner--bench');
    expect(await readFile(join(repoDir, 'snapshots', COMMIT, 'test_2d.parquet'))).toEqual(files.get('datasets/owner/bench/test_2d.parquet'));
    expect(await readFile(join(repoDir, 'snapshots', COMMIT, 'sub', 'val-00000-of-00001.parquet'))).toEqual(files.get('datasets/owner/bench/sub/val-00000-of-00001.parquet'));
    expect(await readFile(join(repoDir, 'refs', 'main'), 'utf8')).toBe(COMMIT);
    expect(await readdir(join(repoDir, 'blobs'))).toEqual([]);
    // The second file is fetched at the commit the first one pinned.
    expect(h.requests.filter((r) => r.server === 'hub').map((r) => r.path)).toEqual([
      '/datasets/owner/bench/resolve/main/test_2d.parquet',
      '/datasets/owner/bench/resolve/main/test_2d.parquet',
      `/datasets/owner/bench/resolve/${COMMIT}/sub/val-00000-of-00001.parquet`,
    ]);
    expect(h.requests.filter((r) => r.server === 'hub').every((r) => r.authorization === `Bearer ${token}`)).toBe(true);
    expect(h.requests.filter((r) => r.server === 'cdn').every((r) => r.authorization === undefined)).toBe(true);
    expect(h.requests.some((r) => r.server === 'cdn' && r.range !== undefined)).toBe(true);
    expect(out.lines.join('')).toMatch(/sha256 ok/);
    expect(out.lines.join('')).not.toContain(token);
  });

  it('a corrupt file fails the sha256 and no snapshot appears', async () => {
    const cache = await tempDir();
    const h = await host({ files, corrupt: new Set(['datasets/owner/bench/sub/val-00000-of-00001.parquet']) });
    const err = await downloadDataset(plan(cache), { HF_ENDPOINT: h.url }, online(sink())).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DownloadError);
    expect((err as Error).message).toMatch(/checksum mismatch: sha256/);
    expect(existsSync(join(cache, 'datasets--owner--bench', 'snapshots'))).toBe(false);
  });

  it('401 names HF_TOKEN without printing it', async () => {
    const cache = await tempDir();
    const h = await host({ files, token: 'right-token-123456' });
    const noToken = await downloadDataset(plan(cache), { HF_ENDPOINT: h.url }, online(sink())).catch((e: unknown) => e);
    expect((noToken as Error).message).toMatch(/HTTP 401: the dataset is gated or private: set HF_TOKEN/);
    const wrong = await downloadDataset(plan(cache), { HF_ENDPOINT: h.url, HF_TOKEN: 'wrong-token-987654' }, online(sink())).catch((e: unknown) => e);
    expect((wrong as Error).message).toMatch(/HF_TOKEN was refused/);
    expect((wrong as Error).message).not.toContain('wrong-token-987654');
  });

  it('a commit header that is not a commit id never names a folder', async () => {
    const cache = await tempDir();
    const h = await host({ files, commit: '../../../escaped' });
    await downloadDataset(plan(cache), { HF_ENDPOINT: h.url }, online(sink()));
    expect(await readdir(join(cache, 'datasets--owner--bench', 'snapshots'))).toEqual(['main']);
    expect(existsSync(join(cache, 'escaped'))).toBe(false);
  });
});

describe('what to download, and --offline', () => {
  const byId = (id: string) => BENCHMARKS.find((b) => b.id === id)!;

  it('plans VLMEvalKit TSVs with their md5 and HF files for Parquet-only datasets, honouring mirrors', () => {
    const dirs = { lmuData: '/lmu', hfCache: '/hub' };
    expect(planDownload(byId('blink'), 'BLINK', { LMUDATA_URL_BASE: 'http://mirror/x/' }, dirs)).toEqual({
      kind: 'tsv', url: 'http://mirror/x/BLINK.tsv', md5: 'd5e8af148b10ac69f535ff7b23f3f989', dest: join('/lmu', 'BLINK.tsv'),
    });
    expect(planDownload(byId('cv-bench'), 'CV-Bench', {}, dirs)).toEqual({ kind: 'hf', repo: 'nyu-visionx/CV-Bench', revision: 'main', files: ['test_2d.parquet', 'test_3d.parquet'], cache: '/hub' });
    expect(planDownload(byId('image-mcq'), 'MyOwnSet', {}, dirs)).toBeUndefined();
    expect(planDownload(byId('blink'), '../BLINK', {}, dirs)).toBeUndefined();
    expect(remapUrl('https://huggingface.co/datasets/a/b/resolve/main/x.tsv', { HF_ENDPOINT: 'https://hf-mirror.com/' })).toBe('https://hf-mirror.com/datasets/a/b/resolve/main/x.tsv');
  });

  it('every HF download list matches the pattern the locator reads', () => {
    for (const b of BENCHMARKS) {
      for (const [name, files] of Object.entries(b.hf?.downloads ?? {})) {
        const pattern = b.hf?.datasets[name];
        expect(pattern, `${b.id} ${name}`).toBeDefined();
        for (const f of files) expect(pattern?.test(f), `${b.id} ${name} ${f}`).toBe(true);
      }
    }
  });

  it('offline: the not-found error says the download was not attempted', async () => {
    const dir = await tempDir();
    await mkdir(join(dir, 'lmu'));
    const req = { name: 'BLINK', datasetName: 'BLINK', path: undefined, benchmark: byId('blink'), env: { LMUData: join(dir, 'lmu'), HF_HUB_CACHE: join(dir, 'hub') }, configDir: dir, dataDir: undefined };
    const err = await locateOrDownload(req, { offline: '--offline', sink: sink().sink }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataNotFoundError);
    expect((err as Error).message).toMatch(/^dataset 'BLINK': no data found \(not downloaded: --offline\); looked in /);
  });
});
