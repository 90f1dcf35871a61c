/**
 * Datasets not found locally are downloaded as VLMEvalKit users expect: the CLI against a loopback
 * host standing in for VLMEvalKit's file server (LMUDATA_URL_BASE) and the HuggingFace hub
 * (HF_ENDPOINT), with a connection cut mid-file, a corrupt file, --offline and HF_TOKEN.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CV_BENCH_FIELDS, cvBenchRow, writeParquetGroups } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { COMMIT, startFileHost, type FileHost, type FileHostOptions } from '../data/download-server.js';
import { listFiles, nonProgressLines, onCleanup, paths, readJson, runCli, tempDir, writeConfig, type CliResult, type SummaryJson } from './helpers.js';

const MODEL = 'sim';
const MOCK = { class: 'OpenAIWrapper', model: 'sim', api_base: 'mock', temperature: 0, max_tokens: 64, img_size: -1 };
const MMSI_PATH = 'datasets/lmms-lab-si/EASI-Leaderboard-Data/MMSIBench_wo_circular.tsv';
const CVB_2D = 'datasets/nyu-visionx/CV-Bench/test_2d.parquet';
const CVB_3D = 'datasets/nyu-visionx/CV-Bench/test_3d.parquet';

/** MMSIBench_wo_circular rows in VLMEvalKit's schema (option columns, a category per type). */
function mmsiTsv(rows: number): Buffer {
  const png = TINY_PNG.toString('base64');
  const lines = ['index\timage\tquestion\tA\tB\tC\tD\tanswer\tcategory'];
  const padding = 'a long description of the room, '.repeat(20);
  for (let i = 0; i < rows; i++) lines.push([i, png, `Where is the lamp in room ${i}? ${padding}`, 'left', 'right', 'front', 'back', 'ABCD'[i % 4], 'Pos-Cam-Cam'].join('\t'));
  return Buffer.from(`${lines.join('\n')}\n`);
}

/** CV-Bench's two HF files; rows 0,1,4,5 are 2D questions and 2,3,6,7 3D ones (cvBenchRow's cycle). */
async function cvBenchFiles(dir: string): Promise<[Buffer, Buffer]> {
  const write = async (name: string, ids: number[]) => {
    const file = join(dir, name);
    await writeParquetGroups(file, { fields: CV_BENCH_FIELDS, codec: 'UNCOMPRESSED' }, [ids.map((i) => cvBenchRow(i, 40_000))]);
    return readFile(file);
  };
  return [await write('2d.parquet', [0, 1, 4, 5]), await write('3d.parquet', [2, 3, 6, 7])];
}

async function host(options: FileHostOptions): Promise<FileHost> {
  const h = await startFileHost(options);
  onCleanup(() => h.close());
  return h;
}

interface Setup {
  readonly dir: string;
  readonly work: string;
  readonly lmu: string;
  readonly hub: string;
  readonly config: string;
}

async function setup(data: Record<string, unknown>): Promise<Setup> {
  const dir = await tempDir('actial-download-');
  const config = await writeConfig(join(dir, 'config.json'), { model: { [MODEL]: MOCK }, data });
  return { dir, config, work: join(dir, 'work'), lmu: join(dir, 'LMUData'), hub: join(dir, 'hub') };
}

function run(s: Setup, h: FileHost, extraArgs: readonly string[] = [], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(['--config', s.config, '--work-dir', s.work, ...extraArgs], {
    env: { LMUData: s.lmu, HF_HUB_CACHE: s.hub, HF_ENDPOINT: h.url, LMUDATA_URL_BASE: h.url, HF_HUB_OFFLINE: '', HF_TOKEN: '', ...env },
  });
}

/** Error lines: neither run progress nor download progress. */
function errorLines(res: CliResult): string[] {
  return nonProgressLines(res.stderr).filter((l) => !l.startsWith('download: '));
}

describe('downloading a dataset that is not found locally', () => {
  it('a VLMEvalKit TSV on the hub: saved as $LMUData/<dataset>.tsv after a cut connection is resumed, then evaluated', async () => {
    const s = await setup({ MMSI: { class: 'MMSIBench', dataset: 'MMSIBench_wo_circular' } });
    const bytes = mmsiTsv(120);
    const h = await host({ files: new Map([[MMSI_PATH, bytes]]), cutOnce: new Set([MMSI_PATH]) });
    const res = await run(s, h);
    expect(res.code, res.stderr).toBe(0);
    expect(await readFile(join(s.lmu, 'MMSIBench_wo_circular.tsv'))).toEqual(bytes);
    expect(await readdir(s.lmu)).toEqual(['MMSIBench_wo_circular.tsv']);
    const cdn = h.requests.filter((r) => r.server === 'cdn');
    expect(cdn.map((r) => r.range)[0]).toBeUndefined();
    expect(cdn.map((r) => r.range)[1]).toMatch(/^bytes=[1-9]\d*-$/);
    expect(res.stderr).toMatch(/download: .*connection lost at .*retrying/);
    expect(res.stderr).toMatch(/download: .*MMSIBench_wo_circular\.tsv: done \(.*sha256 ok\)/);
    const summary = await readJson<SummaryJson>(paths(s.work, MODEL, 'MMSI').summary);
    expect(summary.counts.rows).toBe(120);

    // Found locally now: the next run does not ask the host again.
    const before = h.requests.length;
    const again = await run(s, h);
    expect(again.code, again.stderr).toBe(0);
    expect(h.requests.length).toBe(before);
    expect(again.stderr).not.toMatch(/download: /);
  });

  it('HuggingFace Parquet files: into the HF cache as snapshots/<commit>/…, resumed after a cut, then evaluated', async () => {
    const s = await setup({ CVB: { class: 'CVBench', dataset: 'CV-Bench' } });
    const [d2, d3] = await cvBenchFiles(s.dir);
    const h = await host({ files: new Map([[CVB_2D, d2], [CVB_3D, d3]]), cutOnce: new Set([CVB_3D]) });
    const res = await run(s, h);
    expect(res.code, res.stderr).toBe(0);
    const snapshot = join(s.hub, 'datasets--nyu-visionx--CV-Bench', 'snapshots', COMMIT);
    expect(await readFile(join(snapshot, 'test_2d.parquet'))).toEqual(d2);
    expect(await readFile(join(snapshot, 'test_3d.parquet'))).toEqual(d3);
    expect(h.requests.some((r) => r.server === 'cdn' && r.range !== undefined)).toBe(true);
    const summary = await readJson<SummaryJson>(paths(s.work, MODEL, 'CVB').summary);
    expect(summary.counts.rows).toBe(8);
  });

  it('a corrupt file fails its checksum: exit 2, one DownloadError line, the file is not kept and nothing is evaluated', async () => {
    const s = await setup({ BLINK: { class: 'ImageMCQDataset', dataset: 'BLINK' } });
    // Whatever the host serves, it is not the file VLMEvalKit's published md5 describes.
    const h = await host({ files: new Map([['BLINK.tsv', mmsiTsv(50)]]) });
    const res = await run(s, h);
    expect(res.code, res.stderr).toBe(2);
    const lines = errorLines(res);
    expect(lines, res.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(/^actial-eval: error: .*\/BLINK\.tsv: checksum mismatch: md5 of the downloaded .* expected d5e8af148b10ac69f535ff7b23f3f989; the download was deleted and not used.* \[DownloadError\]$/);
    expect(existsSync(join(s.lmu, 'BLINK.tsv'))).toBe(false);
    expect(await readdir(s.lmu)).toEqual([]);
    expect(existsSync(s.work)).toBe(false);
  });

  it('--offline and HF_HUB_OFFLINE=1 forbid downloading, and the not-found error says so', async () => {
    const s = await setup({ BLINK: { class: 'ImageMCQDataset', dataset: 'BLINK' } });
    const h = await host({ files: new Map([['BLINK.tsv', mmsiTsv(5)]]) });
    for (const [args, env, reason] of [
      [['--offline'], {}, '--offline'],
      [[], { HF_HUB_OFFLINE: '1' }, 'HF_HUB_OFFLINE=1'],
    ] as const) {
      const res = await run(s, h, args, env);
      expect(res.code, res.stderr).toBe(2);
      const lines = errorLines(res);
      expect(lines, res.stderr).toHaveLength(1);
      expect(lines[0]).toContain(`dataset 'BLINK': no data found (not downloaded: ${reason}); looked in '${join(s.lmu, 'BLINK.tsv')}'`);
      expect(lines[0]).toMatch(/\[DataNotFoundError\]$/);
    }
    expect(h.requests).toHaveLength(0);
  });

  it('HF_TOKEN reaches the hub only and appears in no output or file, on success and on refusal', async () => {
    const token = 'hf_SECRET_download_token_123456';
    const s = await setup({ CVB: { class: 'CVBench', dataset: 'CV-Bench' } });
    const [d2, d3] = await cvBenchFiles(s.dir);
    const h = await host({ files: new Map([[CVB_2D, d2], [CVB_3D, d3]]), token });
    const refused = await run(s, h, [], { HF_TOKEN: 'hf_WRONG_download_token_654321' });
    expect(refused.code).toBe(2);
    expect(errorLines(refused)[0]).toMatch(/HTTP 401: HF_TOKEN was refused.* \[DownloadError\]$/);
    const ok = await run(s, h, [], { HF_TOKEN: token });
    expect(ok.code, ok.stderr).toBe(0);
    expect(h.requests.filter((r) => r.server === 'cdn').every((r) => r.authorization === undefined)).toBe(true);
    for (const secret of [token, 'hf_WRONG_download_token_654321']) {
      for (const res of [refused, ok]) {
        expect(res.stdout).not.toContain(secret);
        expect(res.stderr).not.toContain(secret);
      }
      for (const f of await listFiles(s.dir)) expect((await readFile(f)).includes(secret), f).toBe(false);
    }
  });
});
