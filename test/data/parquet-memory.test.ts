import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, describe, expect, it } from 'vitest';
import { readParquet } from '../../src/data/parquet.js';
import { writeSyntheticParquet } from '../../bench/synthetic-parquet.js';

/**
 * Memory stays flat while streaming a big Parquet file: ~80 MB of images in 40 row groups, read
 * one group at a time. Measured after forced GCs (retained memory, not allocation rate) and
 * loosely: the bounds are far below the file size, so only "keeps groups/images around" or "reads
 * the whole file" can fail them. A few seconds here.
 */

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const dir = mkdtempSync(join(tmpdir(), 'actial-pqmem-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ROWS = 800;
const IMAGE_BYTES = 100_000;
const GROUP_ROWS = 20;

/** Live heap + external (Buffer) memory; two GCs a turn apart, so freed ArrayBuffers are released. */
async function retained(): Promise<number> {
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const m = process.memoryUsage();
  return m.heapUsed + m.external;
}

describe('readParquet memory', () => {
  it('streams an 80 MB, 40-row-group file with flat memory', async () => {
    const file = join(dir, 'big.parquet');
    await writeSyntheticParquet(file, { rows: ROWS, imageBytes: IMAGE_BYTES, rowGroupSize: GROUP_ROWS });
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(ROWS * IMAGE_BYTES);

    const base = await retained();
    const baseRss = process.memoryUsage().rss;
    let peak = 0;
    let peakRss = 0;
    let rows = 0;
    let lastEnd = 0;
    for await (const row of readParquet(file, { imageColumns: ['image'], requiredColumns: ['idx', 'image'] })) {
      const [image] = await row.images();
      expect(image?.data.includes(`actial-eval synthetic image ${row.get('idx') ?? '?'}.`)).toBe(true);
      expect(row.endOffset).toBeGreaterThanOrEqual(lastEnd);
      lastEnd = row.endOffset ?? 0;
      if (++rows % GROUP_ROWS === GROUP_ROWS / 2) {
        peak = Math.max(peak, (await retained()) - base);
        peakRss = Math.max(peakRss, process.memoryUsage().rss - baseRss);
      }
    }
    expect(rows).toBe(ROWS);
    expect(lastEnd).toBeLessThanOrEqual(size);
    console.log(`parquet memory: file ${(size / 2 ** 20).toFixed(0)} MB, peak retained +${(peak / 2 ** 20).toFixed(1)} MB, peak RSS +${(peakRss / 2 ** 20).toFixed(1)} MB`);
    // Observed ~3–7 MB retained and ~4 MB RSS growth (one 2 MB group: raw chunk + decoded rows);
    // keeping every image instead gives ~80 MB retained and ~40 MB RSS.
    expect(peak).toBeLessThan(16 * 2 ** 20);
    expect(peakRss).toBeLessThan(32 * 2 ** 20);
  });
});
