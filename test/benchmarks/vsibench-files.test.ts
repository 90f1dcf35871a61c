/**
 * Where VSI-Bench's files come from, by name: VLMEvalKit's `_<n>frame` / `_<k>fps` names read (and
 * download, md5-checked) the one TSV VLMEvalKit reads for them; the authors' names download their
 * Parquet from the HF repo; each name's frame sampling is VLMEvalKit's or the authors'.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { vsiBench } from '../../benchmarks/vsibench.js';
import { planDownload } from '../../src/data/download/plan.js';
import { locateDataset } from '../../src/data/locate.js';

const dirs = { lmuData: '/data/LMUData', hfCache: '/data/hf/hub' };
const EASI = 'https://huggingface.co/datasets/lmms-lab-si/EASI-Leaderboard-Data/resolve/main';

describe('VSI-Bench files by name', () => {
  it.each([
    ['VSI-Bench_32frame', 'VSI-Bench', '34544fd83241391d83eff087a1be7d83'],
    ['VSI-Bench_1fps', 'VSI-Bench', '34544fd83241391d83eff087a1be7d83'],
    ['VSI-Bench-Debiased_128frame', 'VSI-Bench-Debiased', '2a075fbc69a7725fe7f0718eafb7fca5'],
  ])("%s downloads VLMEvalKit's %s.tsv, md5-checked", (name, base, md5) => {
    expect(planDownload(vsiBench, name, {}, dirs)).toEqual({ kind: 'tsv', url: `${EASI}/${base}.tsv`, md5, dest: `/data/LMUData/${base}.tsv` });
  });

  it.each([
    ['VSI-Bench', 'test-00000-of-00001.parquet'],
    ['VSI-Bench-Debiased', 'test_debiased.parquet'],
    ['VSI-Bench-Pruned', 'test_pruned.parquet'],
  ])("%s downloads the authors' %s from nyu-visionx/VSI-Bench", (name, file) => {
    expect(planDownload(vsiBench, name, {}, dirs)).toEqual({ kind: 'hf', repo: 'nyu-visionx/VSI-Bench', revision: 'main', files: [file], cache: '/data/hf/hub' });
  });

  it('finds $LMUData/VSI-Bench.tsv for VSI-Bench_2fps', async () => {
    const lmu = await mkdtemp(join(tmpdir(), 'actial-vsi-'));
    try {
      await writeFile(join(lmu, 'VSI-Bench.tsv'), 'index\tquestion\n');
      const found = locateDataset({ name: 'v', datasetName: 'VSI-Bench_2fps', path: undefined, benchmark: vsiBench, env: { LMUData: lmu, HF_HUB_CACHE: join(lmu, 'none') }, configDir: lmu, dataDir: undefined });
      expect(found).toEqual({ files: [join(lmu, 'VSI-Bench.tsv')], format: 'tsv' });
    } finally {
      await rm(lmu, { recursive: true, force: true });
    }
  });

  it('samples frames as each name says', () => {
    const sampling = vsiBench.video?.sampling;
    expect(sampling?.('VSI-Bench_64frame')).toEqual({ kind: 'uniform_tail', nframe: 64 });
    expect(sampling?.('VSI-Bench-Debiased_2fps')).toEqual({ kind: 'fps', fps: 2 });
    expect(sampling?.('VSI-Bench')).toEqual({ kind: 'linspace', nframe: 32 });
  });
});
