import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CompressionCodec } from 'hyparquet';
import { parquetColumns } from '../../src/data/parquet.js';
import { CV_BENCH_FIELDS, cvBenchRow, field, writeParquetGroups, writeSyntheticParquet } from '../../bench/synthetic-parquet.js';
import { paddedJpeg, TINY_PNG } from '../../bench/synthetic.js';
import { BLINK_FIELDS, blinkImages, blinkRow, footerOf, grouped, MMSI_FIELDS, mmsiImages, mmsiRow, readAll, zstdStored } from './parquet-fixtures.js';

/** Files with the real HF schemas (CV-Bench, BLINK, MMSI-Bench) read back value for value, image for image. */

const dir = mkdtempSync(join(tmpdir(), 'actial-parquet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CV_COLUMNS = CV_BENCH_FIELDS.map((f) => f[0]?.name);

describe('readParquet: real schemas', () => {
  it('reads CV-Bench: scalars, lists, nulls, byte-identical images, row numbers across row groups', async () => {
    const file = join(dir, 'test_2d.parquet');
    await writeSyntheticParquet(file, { rows: 10, imageBytes: 5000, rowGroupSize: 4, codec: 'SNAPPY' });
    expect(footerOf(file).row_groups.map((g) => Number(g.num_rows))).toEqual([4, 4, 2]);
    expect(await parquetColumns(file)).toEqual(CV_COLUMNS);

    const rows = await readAll(file, { imageColumns: ['image'], requiredColumns: ['idx', 'image', 'choices', 'answer'] });
    expect(rows.map((r) => r.rowNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const [first, second] = rows;
    expect(first?.columns).toEqual(CV_COLUMNS);
    expect(first?.file).toBe(file);
    expect(first?.get('idx')).toBe('0');
    expect(first?.get('type')).toBe('2D');
    expect(first?.get('answer')).toBe('(A)');
    expect(first?.get('prompt')).toBe(cvBenchRow(0, 5000)['prompt']);
    expect(first?.get('target_size')).toBe('1000'); // int64 → bigint → text
    expect(second?.get('target_class')).toBe(''); // null value
    expect(second?.get('target_size')).toBe('');
    expect(second?.get('bbox')).toBe('[[10.5,20,110.5,220],[300,40.25,380,90]]');
    expect(first?.get('no_such_column')).toBeUndefined();
    expect(first?.list('choices')).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(second?.list('choices')).toEqual(['left', 'right']);
    expect(first?.list('question')).toBeUndefined();
    expect(first?.list('no_such_column')).toBeUndefined();

    for (const [i, row] of rows.entries()) {
      const images = await row.images();
      expect(images).toHaveLength(1);
      expect(images[0]?.mime).toBe('image/jpeg');
      expect(images[0]?.data.equals(paddedJpeg(5000, `actial-eval synthetic image ${i}`))).toBe(true);
    }
    // endOffset: end of the row's group, the same within a group, growing, inside the file.
    const ends = rows.map((r) => r.endOffset ?? 0);
    expect(new Set(ends.slice(0, 4)).size).toBe(1);
    expect(ends[4]).toBeGreaterThan(ends[3] ?? Infinity);
    expect(ends[9]).toBeGreaterThan(ends[4] ?? Infinity);
    expect(ends[9]).toBeLessThanOrEqual(statSync(file).size);
  });

  it('reads BLINK: image_1..image_4 in order, null image columns skipped, absent ones ignored', async () => {
    const file = join(dir, 'blink.parquet');
    await writeParquetGroups(file, { fields: BLINK_FIELDS }, grouped(5, 2, blinkRow));
    const imageColumns = ['image_1', 'image_2', 'image_3', 'image_4', 'image_5'];
    const rows = await readAll(file, { imageColumns });
    expect(rows).toHaveLength(5);
    for (const [i, row] of rows.entries()) {
      expect(row.get('idx')).toBe(`val_Spatial_Relation_${i + 1}`);
      expect(row.get('image_3')).toBe('');
      expect(row.get('explanation')).toBe('');
      const images = await row.images();
      const expected = blinkImages(i);
      expect(images.map((im) => im.mime)).toEqual(i % 2 === 0 ? ['image/png', 'image/jpeg'] : ['image/jpeg']);
      expect(images.every((im, k) => im.data.equals(expected[k] ?? Buffer.alloc(0)))).toBe(true);
    }
    expect(rows[0]?.images()).not.toBe(rows[0]?.images()); // fresh array each call
  });

  it('reads MMSI-Bench: a list<binary> of JPEGs, a null list giving no images', async () => {
    const file = join(dir, 'MMSI_Bench.parquet');
    await writeParquetGroups(file, { fields: MMSI_FIELDS }, grouped(6, 3, mmsiRow));
    const rows = await readAll(file, { imageColumns: ['images'], requiredColumns: ['id', 'images', 'answer'] });
    expect(rows.map((r) => r.get('id'))).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(rows[1]?.get('mean_normed_duration_seconds')).toBe('13.5');
    for (const [i, row] of rows.entries()) {
      const images = await row.images();
      const expected = i === 4 ? [] : mmsiImages(i);
      expect(images).toHaveLength(expected.length);
      expect(images.every((im, k) => im.mime === 'image/jpeg' && im.data.equals(expected[k] ?? Buffer.alloc(0)))).toBe(true);
    }
  });

  it('keeps annotated strings as text, decodes unannotated text bytes, renders booleans and doubles', async () => {
    const file = join(dir, 'scalars.parquet');
    const fields = [field.string('s'), field.binary('raw'), [{ name: 'flag', type: 'BOOLEAN', repetition_type: 'OPTIONAL' }] as const, field.double('x'), field.list('ints', field.int32)];
    await writeParquetGroups(file, { fields }, [[
      { s: 'héllo\twörld', raw: Buffer.from('naïve text'), flag: true, x: 0.5, ints: [3, 1, 2] },
      { s: null, raw: null, flag: false, x: null, ints: [] },
    ]]);
    const [a, b] = await readAll(file, { imageColumns: [] });
    expect([a?.get('s'), a?.get('raw'), a?.get('flag'), a?.get('x')]).toEqual(['héllo\twörld', 'naïve text', 'true', '0.5']);
    expect(a?.list('ints')).toEqual(['3', '1', '2']);
    expect([b?.get('s'), b?.get('raw'), b?.get('flag'), b?.get('x')]).toEqual(['', '', 'false', '']);
    expect(b?.list('ints')).toEqual([]);
    expect(await a?.images()).toEqual([]);
  });

  it.each<[CompressionCodec, boolean]>([
    ['UNCOMPRESSED', false],
    ['SNAPPY', false],
    ['GZIP', false],
    ['BROTLI', false],
    ['ZSTD', true],
  ])('reads %s-compressed files', async (codec, zstd) => {
    const file = join(dir, `codec-${codec}.parquet`);
    const compressors = zstd ? { ZSTD: zstdStored } : undefined;
    await writeParquetGroups(file, { fields: CV_BENCH_FIELDS, codec, compressors }, grouped(6, 4, (i) => cvBenchRow(i, 3000)));
    const codecs = footerOf(file).row_groups.flatMap((g) => g.columns.map((c) => c.meta_data?.codec));
    expect(new Set(codecs)).toEqual(new Set([codec]));
    const rows = await readAll(file, { imageColumns: ['image'] });
    expect(rows.map((r) => r.get('idx'))).toEqual(['0', '1', '2', '3', '4', '5']);
    expect(rows[5]?.list('choices')).toEqual(['left', 'right']);
    const [image] = (await rows[5]?.images()) ?? [];
    expect(image?.data.equals(paddedJpeg(3000, 'actial-eval synthetic image 5'))).toBe(true);
  });
});

describe('readParquet: HF image structs without bytes', () => {
  it('reads the file a struct path names, relative to the Parquet folder', async () => {
    const sub = join(dir, 'paths');
    mkdirSync(join(sub, 'img'), { recursive: true });
    writeFileSync(join(sub, 'img', 'a.png'), TINY_PNG);
    writeFileSync(join(sub, 'img', 'notes.txt'), 'not an image');
    const file = join(sub, 'data.parquet');
    const fields = [field.string('id'), field.image('image')];
    await writeParquetGroups(file, { fields }, [[
      { id: 'ok', image: { bytes: null, path: 'img/a.png' } },
      { id: 'absolute', image: { bytes: null, path: join(sub, 'img', 'a.png') } },
      { id: 'empty', image: { bytes: null, path: null } },
      { id: 'missing', image: { bytes: null, path: 'img/b.png' } },
      { id: 'text', image: { bytes: null, path: 'img/notes.txt' } },
    ]]);
    const rows = await readAll(file, { imageColumns: ['image'] });
    expect((await rows[0]?.images())?.[0]?.data.equals(TINY_PNG)).toBe(true);
    expect((await rows[1]?.images())?.[0]?.mime).toBe('image/png');
    expect(await rows[2]?.images()).toEqual([]);
    await expect(rows[3]?.images()).rejects.toThrow(`${file} (row 4, column 'image'): the image struct has no bytes and its path 'img/b.png' is not found`);
    await expect(rows[4]?.images()).rejects.toThrow(/\(row 5, column 'image'\): .*notes\.txt' \(from the image struct's path\) is not a JPEG/);
  });
});
