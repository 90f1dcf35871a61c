/**
 * MindCube by name, downloaded as the other benchmarks are: `mindcube_tiny` from the HF hub
 * (lmms-eval's oscarqjh/MindCube_lmmseval at its pinned revision, HF cache layout, resumed after a
 * cut connection), `MindCubeBench_tiny_raw_qa` and `SiteBenchImage` checked against VLMEvalKit's published md5s.
 * A loopback host stands in for the hub (HF_ENDPOINT) and the EASI file server.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFileHost, type FileHost, type FileHostOptions } from '../data/download-server.js';
import { mindcubeItems, writeMindcubeParquet } from '../benchmarks/mindcube-data.js';
import { nonProgressLines, onCleanup, paths, readJson, runCli, tempDir, writeConfig, type SummaryJson } from './helpers.js';

const MODEL = 'sim';
const MOCK = { class: 'OpenAIWrapper', model: 'sim', api_base: 'mock', temperature: 0, max_tokens: 64, img_size: -1 };
const REVISION = '7dd2725d9bd4149f2aad00a9843f72a3824da003';
const TINY = 'datasets/oscarqjh/MindCube_lmmseval/tiny/combined-00000-of-00001.parquet';

async function host(options: FileHostOptions): Promise<FileHost> {
  const h = await startFileHost(options);
  onCleanup(() => h.close());
  return h;
}

async function setup(data: Record<string, unknown>) {
  const dir = await tempDir('actial-mindcube-download-');
  const config = await writeConfig(join(dir, 'config.json'), { model: { [MODEL]: MOCK }, data });
  return { dir, config, work: join(dir, 'work'), lmu: join(dir, 'LMUData'), hub: join(dir, 'hub') };
}

const env = (s: { lmu: string; hub: string }, h: FileHost) => ({ LMUData: s.lmu, HF_HUB_CACHE: s.hub, HF_ENDPOINT: h.url, HF_HUB_OFFLINE: '', HF_TOKEN: '' });

describe('MindCube and SITE downloads', () => {
  it('mindcube_tiny: the pinned revision into the HF cache, resumed after a cut, then evaluated', async () => {
    const s = await setup({ MC: { class: 'MindCube', dataset: 'mindcube_tiny' } });
    await writeMindcubeParquet(join(s.dir, 'src'), mindcubeItems(12));
    const bytes = await readFile(join(s.dir, 'src', 'tiny', 'combined-00000-of-00001.parquet'));
    const h = await host({ files: new Map([[TINY, bytes]]), cutOnce: new Set([TINY]), commit: REVISION });
    const res = await runCli(['--config', s.config, '--work-dir', s.work], { env: env(s, h) });
    expect(res.code, res.stderr).toBe(0);
    expect(h.requests.filter((r) => r.server === 'hub').map((r) => r.path)).toContain(`/datasets/oscarqjh/MindCube_lmmseval/resolve/${REVISION}/tiny/combined-00000-of-00001.parquet`);
    expect(h.requests.some((r) => r.server === 'cdn' && r.range !== undefined)).toBe(true);
    const snapshot = join(s.hub, 'datasets--oscarqjh--MindCube_lmmseval', 'snapshots', REVISION);
    expect(await readFile(join(snapshot, 'tiny', 'combined-00000-of-00001.parquet'))).toEqual(bytes);
    const summary = await readJson<SummaryJson>(paths(s.work, MODEL, 'MC').summary);
    expect(summary.counts.rows).toBe(12);
  });

  it('MindCubeBench_tiny_raw_qa: a file that is not the published one fails its md5, one line, nothing kept', async () => {
    const s = await setup({ MC: { class: 'MindCubeBench', dataset: 'MindCubeBench_tiny_raw_qa' } });
    const easi = 'datasets/lmms-lab-si/EASI-Leaderboard-Data/MindCubeBench_tiny_raw_qa.tsv';
    // Without the hub's sha256 (which wins when the hub sends it) the published md5 decides.
    const h = await host({ files: new Map([[easi, Buffer.from('index\tanswer\n0\tA\n')]]), linkedEtag: false });
    const res = await runCli(['--config', s.config, '--work-dir', s.work], { env: env(s, h) });
    expect(res.code, res.stderr).toBe(2);
    const lines = nonProgressLines(res.stderr).filter((l) => !l.startsWith('download: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/MindCubeBench_tiny_raw_qa\.tsv: checksum mismatch: .*expected 35f69fc30d7c2d2880417ce0769f5347.*\[DownloadError\]$/);
    expect(existsSync(join(s.lmu, 'MindCubeBench_tiny_raw_qa.tsv'))).toBe(false);
  });

  it('SiteBenchImage: a file that is not the published one fails its md5, one line, nothing kept', async () => {
    const s = await setup({ SITE: { class: 'SiteBenchImage', dataset: 'SiteBenchImage' } });
    const easi = 'datasets/lmms-lab-si/EASI-Leaderboard-Data/SiteBenchImage.tsv';
    const h = await host({ files: new Map([[easi, Buffer.from('index\tanswer\n0\tA\n')]]), linkedEtag: false });
    const res = await runCli(['--config', s.config, '--work-dir', s.work], { env: env(s, h) });
    expect(res.code, res.stderr).toBe(2);
    const lines = nonProgressLines(res.stderr).filter((l) => !l.startsWith('download: '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/SiteBenchImage\.tsv: checksum mismatch: .*expected 59a2ada248b743c1d7b2f89dd5afcdc3.*\[DownloadError\]$/);
    expect(existsSync(join(s.lmu, 'SiteBenchImage.tsv'))).toBe(false);
  });
});
