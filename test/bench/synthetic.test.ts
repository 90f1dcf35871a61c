import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DataRow } from '../../src/core/types.js';
import { paddedJpeg, SYNTHETIC_COLUMNS, writeSyntheticTsv } from '../../bench/synthetic.js';
import { readTsv } from '../../src/data/tsv.js';

const dir = mkdtempSync(join(tmpdir(), 'actial-syn-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** JPEG markers up to start-of-scan; throws if a segment length runs past the data. */
function jpegMarkers(buf: Buffer): number[] {
  expect([buf[0], buf[1]]).toEqual([0xff, 0xd8]);
  const markers: number[] = [];
  let pos = 2;
  for (;;) {
    expect(buf[pos]).toBe(0xff);
    const marker = buf[pos + 1] ?? 0;
    markers.push(marker);
    const length = buf.readUInt16BE(pos + 2);
    pos += 2 + length;
    expect(pos).toBeLessThan(buf.length);
    if (marker === 0xda) break;
  }
  expect([buf[buf.length - 2], buf[buf.length - 1]]).toEqual([0xff, 0xd9]);
  return markers;
}

async function allRows(file: string): Promise<DataRow[]> {
  const rows: DataRow[] = [];
  for await (const row of readTsv(file)) rows.push(row);
  return rows;
}

describe('paddedJpeg', () => {
  it('is a well-formed JPEG of about the requested size, with the label in a COM segment', () => {
    for (const size of [10, 1000, 70_000, 200_000]) {
      const jpeg = paddedJpeg(size, `label ${size}`);
      expect(Math.abs(jpeg.length - Math.max(size, 300))).toBeLessThan(320);
      const markers = jpegMarkers(jpeg);
      expect(markers[0]).toBe(0xe0); // JFIF APP0 stays first
      expect(markers).toContain(0xfe);
      expect(jpeg.includes(`label ${size}`)).toBe(true);
    }
  });
});

describe('writeSyntheticTsv', () => {
  it('writes the VLMEvalKit MCQ schema that readTsv reads back', async () => {
    const file = join(dir, 'plain.tsv');
    await writeSyntheticTsv(file, { rows: 14, imageBytes: 2000 });
    const rows = await allRows(file);
    expect(rows).toHaveLength(14);
    expect(rows[0]?.columns).toEqual([...SYNTHETIC_COLUMNS]);
    expect(rows[0]?.get('question')).toContain('\n(Look "carefully".)');
    expect(rows[6]?.get('D')).toBe('');
    for (const [i, row] of rows.entries()) {
      const [image] = await row.images();
      expect(image?.mime).toBe('image/jpeg');
      expect(image?.data.includes(`actial-eval synthetic image ${i}.`)).toBe(true);
      expect(row.get('answer')).toMatch(/^[A-D]$/);
    }
  });

  it('circular: rotations reference the original and keep the correct option text', async () => {
    const file = join(dir, 'circular.tsv');
    await writeSyntheticTsv(file, { rows: 32, imageBytes: 500, circular: true });
    const rows = await allRows(file);
    const rightText = new Map<number, string>();
    for (const row of rows) {
      const index = Number(row.get('index'));
      const orig = index % 1_000_000;
      if (index >= 1_000_000) expect(row.get('image')).toBe(String(orig));
      const text = row.get(row.get('answer') ?? '') ?? '';
      expect(text).not.toBe('');
      expect(rightText.get(orig) ?? text).toBe(text);
      rightText.set(orig, text);
      const [image] = await row.images();
      expect(image?.data.includes(`actial-eval synthetic image ${orig}.`)).toBe(true);
    }
    expect(rightText.size).toBe(8);
  });
});
