/**
 * SparBench, SparBench_tiny and ViewSpatialBench are downloaded by name from VLMEvalKit's published
 * URLs (lmms-lab-si/EASI-Leaderboard-Data on the hub) and checked against VLMEvalKit's md5: a
 * loopback host stands in for the hub (HF_ENDPOINT), cuts the first transfer, sends no sha256 (which
 * would win over the md5 table) and serves bytes that are not the published file, so the resumed
 * download ends in a checksum refusal naming VLMEvalKit's md5.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startFileHost } from '../data/download-server.js';
import { nonProgressLines, onCleanup, runCli, tempDir, writeConfig } from './helpers.js';

const MOCK = { class: 'OpenAIWrapper', model: 'sim', api_base: 'mock', temperature: 0, max_tokens: 64, img_size: -1 };

describe('SPAR-Bench and ViewSpatial-Bench downloads by name', () => {
  it.each([
    ['SparBench', 'SparBench', 'cb1e5f5855c454241e0a70c3b8152976'],
    ['SparBench_tiny', 'SparBench', 'c435e186064b795e0a9759aa60465a00'],
    ['ViewSpatialBench', 'ViewSpatialBench', 'c1c0c1522c5b8f5d72b3abad6af105cd'],
  ])('%s: fetched from the EASI hub path, resumed after a cut, refused when the md5 differs', async (dataset, cls, md5) => {
    const dir = await tempDir('actial-download-');
    const config = await writeConfig(join(dir, 'config.json'), { model: { sim: MOCK }, data: { D: { class: cls, dataset } } });
    const path = `datasets/lmms-lab-si/EASI-Leaderboard-Data/${dataset}.tsv`;
    const host = await startFileHost({ files: new Map([[path, Buffer.from('index\tquestion\n0\tnot the published file\n'.repeat(50))]]), cutOnce: new Set([path]), linkedEtag: false });
    onCleanup(() => host.close());
    const lmu = join(dir, 'LMUData');
    const res = await runCli(['--config', config, '--work-dir', join(dir, 'work')], {
      env: { LMUData: lmu, HF_HUB_CACHE: join(dir, 'hub'), HF_ENDPOINT: host.url, LMUDATA_URL_BASE: host.url, HF_HUB_OFFLINE: '', HF_TOKEN: '' },
    });
    expect(res.code, res.stderr).toBe(2);
    expect(res.stderr).toMatch(/download: .*connection lost at .*retrying/);
    expect(host.requests.some((r) => r.server === 'cdn' && r.range !== undefined)).toBe(true);
    const lines = nonProgressLines(res.stderr).filter((l) => !l.startsWith('download: '));
    expect(lines, res.stderr).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`${dataset}\\.tsv: checksum mismatch: .* expected ${md5}`));
    expect(existsSync(join(lmu, `${dataset}.tsv`))).toBe(false);
  });
});
