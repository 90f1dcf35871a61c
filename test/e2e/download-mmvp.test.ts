/**
 * MMVP_authors by name: HF MMVP/MMVP's Questions.csv and its 300 `MMVP Images/<n>.jpg` downloaded
 * into the HF cache (a loopback host stands in for the hub via HF_ENDPOINT), then found there and
 * asked (a row whose image is missing fails the run: test/benchmarks/mmvp-authors.test.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TINY_PNG } from '../../bench/synthetic.js';
import { startFileHost } from '../data/download-server.js';
import { onCleanup, paths, readJson, runCli, tempDir, writeConfig, type SummaryJson } from './helpers.js';

const MODEL = 'sim';
const MOCK = { class: 'OpenAIWrapper', model: 'sim', api_base: 'mock', temperature: 0, max_tokens: 64, img_size: -1 };
const CSV = 'Index,Question,Options,Correct Answer\n1,Is the door open?,(a) Yes (b) No,(a)\n2,Is the door open?,(a) Yes (b) No,(b)\n3,"Left, or right?",(a) Left (b) Right,(b)\n4,"Left, or right?",(a) Left (b) Right,(a)\n';

describe('MMVP_authors download', () => {
  it('Questions.csv and the image folder into the HF cache, then read from there', async () => {
    const dir = await tempDir('actial-mmvp-download-');
    const files = new Map<string, Buffer>([['datasets/MMVP/MMVP/Questions.csv', Buffer.from(CSV)]]);
    for (let n = 1; n <= 300; n++) files.set(`datasets/MMVP/MMVP/MMVP Images/${n}.jpg`, Buffer.concat([TINY_PNG, Buffer.from(`image ${n}`)]));
    const h = await startFileHost({ files });
    onCleanup(() => h.close());
    const config = await writeConfig(join(dir, 'config.json'), { model: { [MODEL]: MOCK }, data: { MMVP: { class: 'MMVP', dataset: 'MMVP_authors' } } });
    const hub = join(dir, 'hub');
    const work = join(dir, 'work');
    const res = await runCli(['--config', config, '--work-dir', work], { env: { LMUData: join(dir, 'lmu'), HF_HUB_CACHE: hub, HF_ENDPOINT: h.url, HF_HUB_OFFLINE: '', HF_TOKEN: '' } });
    expect(res.code, res.stderr).toBe(0);
    const asked = h.requests.filter((r) => r.server === 'hub').map((r) => r.path);
    // Asked at the commit `main` resolved to, the folder's space escaped.
    expect(asked.filter((p) => p.endsWith('/Questions.csv'))).toEqual([expect.stringMatching(/^\/datasets\/MMVP\/MMVP\/resolve\/\w+\/Questions\.csv$/)]);
    expect(asked.filter((p) => p.includes('Images/300.jpg'))).toEqual([expect.stringMatching(/^\/datasets\/MMVP\/MMVP\/resolve\/\w+\/MMVP%20Images\/300\.jpg$/)]);
    const summary = await readJson<SummaryJson>(paths(work, MODEL, 'MMVP').summary);
    expect(summary.counts.rows).toBe(4);
    const stored = (await readFile(paths(work, MODEL, 'MMVP').predictions, 'utf8')).split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as { question: string });
    expect(stored.map((r) => r.question)).toContain('Left, or right? (a) Left (b) Right');
  });
});
