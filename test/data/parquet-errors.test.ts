import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src/core/errors.js';
import { parquetColumns, readParquet, type ReadParquetOptions } from '../../src/data/parquet.js';
import { CV_BENCH_FIELDS, field, writeParquetGroups, writeSyntheticParquet } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { chunkRanges, cutPagesKeepFooter, grouped, readAll } from './parquet-fixtures.js';

/** Every way a Parquet file can be wrong gives one line naming the file (and row group / row / column). */

const dir = mkdtempSync(join(tmpdir(), 'actial-parquet-err-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CV_COLUMNS = CV_BENCH_FIELDS.map((f) => f[0]?.name);

describe('readParquet: errors', () => {
  const good = join(dir, 'good.parquet');
  beforeAll(() => writeSyntheticParquet(good, { rows: 40, imageBytes: 20_000, rowGroupSize: 10 }));

  async function failure(file: string, options: ReadParquetOptions = { imageColumns: ['image'] }): Promise<Error> {
    try {
      await readAll(file, options);
    } catch (err) {
      return err as Error;
    }
    throw new Error('expected the read to fail');
  }

  it('names a missing file (InputError) and rejects a folder', async () => {
    const err = await failure(join(dir, 'nope.parquet'));
    expect(err.name).toBe('InputError');
    expect(err.message).toBe(`${join(dir, 'nope.parquet')}: file not found; expected a Parquet file`);
    await expect(parquetColumns(dir)).rejects.toThrow('not a regular file');
  });

  it('rejects files without the PAR1 magic', async () => {
    const file = join(dir, 'garbage.parquet');
    writeFileSync(file, 'index\tquestion\n1\twhat?\n');
    const err = await failure(file);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe(`${file}: not a Parquet file: expected the magic bytes "PAR1" at its start, found hex 696e6465`);
    writeFileSync(file, '');
    expect((await failure(file)).message).toContain('found an empty file');
  });

  it('reports a truncated file before reading any row', async () => {
    const bytes = readFileSync(good);
    const file = join(dir, 'cut.parquet');
    writeFileSync(file, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const err = await failure(file);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toMatch(/^\S+cut\.parquet: truncated or damaged Parquet file .*expected the magic bytes "PAR1" at its end/);
    // A bad footer length.
    const bad = Buffer.from(bytes);
    bad.writeUInt32LE(bytes.length, bytes.length - 8);
    writeFileSync(file, bad);
    expect((await failure(file)).message).toContain(`the footer claims ${bytes.length} bytes of metadata`);
    // Garbage footer metadata.
    const length = bytes.readUInt32LE(bytes.length - 8);
    bad.writeUInt32LE(length, bytes.length - 8);
    bad.fill(0xff, bytes.length - 8 - length, bytes.length - 8);
    writeFileSync(file, bad);
    expect((await failure(file)).message).toContain('cannot parse the footer metadata');
  });

  it('names the row group whose pages are cut off, before yielding rows', async () => {
    const file = join(dir, 'cut-pages.parquet');
    cutPagesKeepFooter(good, file, Math.floor(statSync(good).size * 0.6));
    let yielded = 0;
    const err = await (async () => {
      try {
        for await (const _ of readParquet(file, { imageColumns: ['image'] })) yielded++;
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(yielded).toBe(0);
    expect(err).toBeInstanceOf(DataError);
    expect(err?.message).toMatch(/^\S+cut-pages\.parquet: truncated Parquet file: row group 3 of 4 \(rows 21–30\) needs bytes up to \d+ but the file has \d+ bytes$/);
  });

  it('names the row group whose pages are damaged', async () => {
    const bytes = Buffer.from(readFileSync(good));
    const image = chunkRanges(good)[1]?.get('image.bytes');
    if (image === undefined) throw new Error('no image chunk');
    bytes.fill(0xff, image.start, image.start + 64); // the first page header
    const file = join(dir, 'damaged.parquet');
    writeFileSync(file, bytes);
    const rows: number[] = [];
    const err = await (async () => {
      try {
        for await (const row of readParquet(file, { imageColumns: ['image'] })) rows.push(row.rowNumber);
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(rows).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]); // group 1 is intact
    expect(err).toBeInstanceOf(DataError);
    expect(err?.message).toMatch(/^\S+damaged\.parquet: cannot decode row group 2 of 4 \(rows 11–20\): .+; expected an intact Parquet file$/);
    expect(err?.message).not.toContain('\n');
  });

  it('names a missing required column and lists the columns present', async () => {
    const err = await failure(good, { imageColumns: ['image'], requiredColumns: ['idx', 'image_1'] });
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe(`${good} (column 'image_1'): required column missing; the file has columns: ${CV_COLUMNS.join(', ')}`);
  });

  it('rejects image bytes that are no image, naming file, row and column', async () => {
    const file = join(dir, 'not-images.parquet');
    const fields = [field.string('id'), field.binary('picture'), field.list('pictures', field.binary), field.string('caption')];
    await writeParquetGroups(file, { fields }, grouped(5, 2, (i) => ({
      id: String(i),
      picture: i === 2 ? Buffer.from('plain text, not a picture') : TINY_PNG,
      pictures: i === 3 ? [TINY_PNG, null] : [TINY_PNG],
      caption: 'a caption',
    })));
    const rows = await readAll(file, { imageColumns: ['picture', 'pictures', 'caption'] });
    await expect(rows[2]?.images()).rejects.toThrow(`${file} (row 3, column 'picture'): the 25 bytes are not a JPEG, PNG, GIF, WebP, BMP or TIFF image (they start with hex 706c61696e207465)`);
    await expect(rows[3]?.images()).rejects.toThrow(`${file} (row 4, column 'pictures'): list element 2 is null`);
    await expect(rows[0]?.images()).rejects.toThrow(`${file} (row 1, column 'caption'): expected image bytes, a HuggingFace image struct {bytes, path}, or a list of those, found a string of 9 characters`);
  });
});
