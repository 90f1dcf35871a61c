/**
 * Where SiteBenchVideo's file comes from: both VLMEvalKit names download (md5-checked) and read the
 * one `SiteBenchVideo.tsv` VLMEvalKit reads for them; each name's frame count is its own.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { siteBenchVideo } from '../../benchmarks/site-video.js';
import { planDownload } from '../../src/data/download/plan.js';
import { locateDataset } from '../../src/data/locate.js';

const dirs = { lmuData: '/data/LMUData', hfCache: '/data/hf/hub' };
const URL = 'https://huggingface.co/datasets/lmms-lab-si/EASI-Leaderboard-Data/resolve/main/SiteBenchVideo.tsv';

describe('SiteBenchVideo files by name', () => {
  it.each(['SiteBenchVideo_64frame', 'SiteBenchVideo_32frame', 'SiteBenchVideo_1fps'])("%s downloads VLMEvalKit's SiteBenchVideo.tsv, md5-checked", (name) => {
    expect(planDownload(siteBenchVideo, name, {}, dirs)).toEqual({ kind: 'tsv', url: URL, md5: 'bb2ac531fa83cf8280b23c25d738922d', dest: '/data/LMUData/SiteBenchVideo.tsv' });
  });

  it('finds $LMUData/SiteBenchVideo.tsv for SiteBenchVideo_32frame', async () => {
    const lmu = await mkdtemp(join(tmpdir(), 'actial-site-video-'));
    try {
      await writeFile(join(lmu, 'SiteBenchVideo.tsv'), 'index\tquestion\n');
      const found = locateDataset({ name: 's', datasetName: 'SiteBenchVideo_32frame', path: undefined, benchmark: siteBenchVideo, env: { LMUData: lmu, HF_HUB_CACHE: join(lmu, 'none') }, configDir: lmu, dataDir: undefined });
      expect(found).toEqual({ files: [join(lmu, 'SiteBenchVideo.tsv')], format: 'tsv' });
    } finally {
      await rm(lmu, { recursive: true, force: true });
    }
  });

  it('samples the frames each name says', () => {
    expect(siteBenchVideo.video?.sampling('SiteBenchVideo_64frame')).toEqual({ kind: 'uniform_tail', nframe: 64 });
    expect(siteBenchVideo.video?.sampling('SiteBenchVideo_32frame')).toEqual({ kind: 'uniform_tail', nframe: 32 });
    expect(siteBenchVideo.video?.sampling('SiteBenchVideo_1fps')).toEqual({ kind: 'fps_no_tail', fps: 1 });
  });
});
