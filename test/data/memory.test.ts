import { appendFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { writeSyntheticTsv } from '../../bench/synthetic.js';
import { readTsv } from '../../src/data/tsv.js';

/**
 * Memory stays flat while streaming a big file: a 200 MB TSV whose rows mostly reference other
 * rows' images. Measured after forced GCs (retained memory, not allocation rate), and loosely: the
 * bound is far below the file size, so only "keeps rows/images around" can fail it. ~3 s here.
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const dir = mkdtempSync(join(tmpdir(), 'actial-mem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ORIGINALS = 1000;
const FAR_REFERENCES = 200;

function retained(): number {
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

describe('readTsv memory', () => {
  it('streams a 200 MB circular TSV with flat memory, resolving every reference', async () => {
    const file = join(dir, 'big.tsv');
    await writeSyntheticTsv(file, { rows: ORIGINALS * 4, imageBytes: 150_000, circular: true });
    // References far back (misses the small cache): resolved by re-reading the row from disk.
    for (let k = 0; k < FAR_REFERENCES; k++) {
      const orig = (k * 7) % ORIGINALS;
      appendFileSync(file, `${9_000_000 + k}\t${orig}\tfar ${orig}\tw\tx\ty\tz\tA\tdepth\tspatial/depth\tdev\n`);
    }
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(200_000_000);

    const base = retained();
    const baseRss = process.memoryUsage().rss;
    let peak = 0;
    let peakRss = 0;
    let rows = 0;
    for await (const row of readTsv(file)) {
      const [image] = await row.images();
      const orig = Number(row.get('index')) % 1_000_000;
      const label = row.get('question')?.startsWith('far ') === true ? row.get('question')?.slice(4) : String(orig);
      expect(image?.data.includes(`actial-eval synthetic image ${label}.`)).toBe(true);
      if (++rows % 250 === 0) {
        peak = Math.max(peak, retained() - base);
        peakRss = Math.max(peakRss, process.memoryUsage().rss - baseRss);
      }
    }
    expect(rows).toBe(ORIGINALS * 4 + FAR_REFERENCES);
    // Observed ~25 MB retained and ~60 MB RSS growth for a 200 MB file (600 MB of decoded images).
    expect(peak).toBeLessThan(64 * 2 ** 20);
    expect(peakRss).toBeLessThan(160 * 2 ** 20);
  });
});
