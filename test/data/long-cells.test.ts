/**
 * Long TSV cells (over LONG_FIELD_BYTES, e.g. a base64 image) are held as bytes, not strings, and
 * base64 is decoded from those bytes in steps: everything read from them must be what the string
 * path gives — the same text, the same images, the same errors, the same resume keys (frozen below
 * from the code before this change, so stores written by it resume without re-asking).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FALLBACK_BENCHMARK } from '../../benchmarks/index.js';
import { paddedJpeg } from '../../bench/synthetic.js';
import type { DataRow, GenerationSettings } from '../../src/core/types.js';
import { decodeBase64Strict } from '../../src/data/base64.js';
import { streamSamples } from '../../src/data/samples.js';
import { readTsv } from '../../src/data/tsv.js';
import { LONG_FIELD_BYTES } from '../../src/data/tsv-record.js';
import { buildRequest } from '../../src/request/build.js';
import { encodeChatBody } from '../../src/request/wire.js';

const dir = mkdtempSync(join(tmpdir(), 'actial-long-cells-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function tsv(lines: readonly string[]): string {
  const file = join(dir, `t${n++}.tsv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function rows(file: string): Promise<DataRow[]> {
  const out: DataRow[] = [];
  for await (const row of readTsv(file)) out.push(row);
  return out;
}

async function failure(file: string): Promise<Error> {
  try {
    for (const row of await rows(file)) await row.images();
  } catch (err) {
    if (err instanceof Error) return err;
  }
  throw new Error('expected reading the images to fail');
}

/** A deterministic pseudo-random byte source, so a failing case can be replayed. */
function generator(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s;
  };
}

describe('strict base64 from bytes', () => {
  const next = generator(13);
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const mutations: readonly ((s: string, at: number) => string)[] = [
    (s) => s,
    (s, at) => `${s.slice(0, at)}!${s.slice(at + 1)}`,
    (s, at) => `${s.slice(0, at)}=${s.slice(at + 1)}`,
    (s, at) => `${s.slice(0, at)}-${s.slice(at + 1)}`,
    (s, at) => `${s.slice(0, at)}_${s.slice(at + 1)}`,
    (s, at) => `${s.slice(0, at)} ${s.slice(at + 1)}`,
    (s, at) => `${s.slice(0, at)}é${s.slice(at + 2)}`,
    (s, at) => s.slice(0, at) + s.slice(at + 1),
    (s) => `${s.slice(0, -1)}=`,
    (s) => `${s.slice(0, -2)}==`,
    (s) => `${s.slice(0, -3)}===`,
    // Non-canonical trailing bits: decodes (to the same bytes as the canonical text), both ways.
    (s) => (s.endsWith('=') ? `${s.slice(0, s.indexOf('=') - 1)}${alphabet[(alphabet.indexOf(s[s.indexOf('=') - 1] ?? 'A') + 1) % 64]}${s.slice(s.indexOf('='))}` : s),
  ];

  it('gives exactly what decoding the string gives, or rejects as it does, across step boundaries', () => {
    let cases = 0;
    for (const size of [1, 2, 3, 12_287, 12_288, 12_289, 12_290, 24_576, 40_001]) {
      const bytes = Buffer.alloc(size);
      for (let i = 0; i < size; i++) bytes[i] = next() & 0xff;
      const text = bytes.toString('base64');
      // At, just before and just after the 16 KB steps of the bytes path, and anywhere.
      const spots = [0, text.length - 1, 16_383, 16_384, 16_385, 32_767, 32_768, next() % text.length].filter((at) => at < text.length);
      for (const mutate of mutations) {
        for (const at of spots) {
          const cell = mutate(text, at);
          const fromString = decodeBase64Strict(cell);
          const fromBytes = decodeBase64Strict(Buffer.from(cell, 'utf8'));
          expect(fromBytes?.toString('hex'), `size ${size}, at ${at}: ${JSON.stringify(cell.slice(Math.max(0, at - 2), at + 3))}`).toBe(fromString?.toString('hex'));
          cases++;
        }
      }
      expect(decodeBase64Strict(Buffer.from(text))?.equals(bytes)).toBe(true);
    }
    expect(cases).toBeGreaterThan(400);
  });
});

describe('long TSV cells held as bytes', () => {
  // 60,001 bytes: the text ends in '==', so its last letter has 4 bits no byte uses.
  const image = paddedJpeg(60_001, 'a long cell');
  const base64 = image.toString('base64');
  const longText = `${'Where is the red cube — à gauche ou à droite? '.repeat(500)}`;

  it('are longer than the threshold in these cases', () => {
    expect(base64.length).toBeGreaterThan(LONG_FIELD_BYTES);
    expect(Buffer.byteLength(longText)).toBeGreaterThan(LONG_FIELD_BYTES);
  });

  it('read back as the exact text, also non-ASCII and as the last field of a CRLF line', async () => {
    const file = tsv(['index\tquestion\timage', `1\t${longText}\t${base64}`, `2\tshort\t${base64}\r`]);
    const [first, second] = await rows(file);
    expect(first?.get('question')).toBe(longText);
    expect(first?.get('image')).toBe(base64);
    expect(second?.get('image')).toBe(base64);
  });

  it('decode to the image, whose base64 is the dataset\'s own text (sent as is, even non-canonical)', async () => {
    // Set an unused bit of the last letter: the same bytes, another text.
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const tail = base64.length - 3;
    expect(base64.endsWith('==')).toBe(true);
    const odd = `${base64.slice(0, tail)}${alphabet[alphabet.indexOf(base64[tail] ?? '') ^ 1] ?? ''}==`;
    expect(odd).not.toBe(base64);
    const file = tsv(['index\timage', `1\t${base64}`, `2\t${odd}`]);
    const [canonical, other] = await Promise.all((await rows(file)).map((r) => r.images()));
    expect(canonical?.map((i) => [i.mime, i.data.equals(image), i.base64 === base64])).toEqual([['image/jpeg', true, true]]);
    expect(other?.map((i) => [i.data.equals(image), i.base64 === odd])).toEqual([[true, true]]);
  });

  it('stay right after the reader has moved on through several buffers (rows kept, read later)', async () => {
    // ~2.7 MB over 40 rows: the reader's 1 MB buffer is refilled several times before they are read.
    const imgs = Array.from({ length: 40 }, (_, i) => paddedJpeg(50_000 + i, `row ${i}`));
    const texts = imgs.map((_, i) => `${String(i).repeat(20_000)}`);
    const file = tsv(['index\tquestion\timage', ...imgs.map((img, i) => `${i}\t${texts[i] ?? ''}\t${img.toString('base64')}`)]);
    const kept = await rows(file);
    expect(kept.length).toBe(40);
    for (const [i, row] of kept.entries()) {
      expect(row.get('question')).toBe(texts[i]);
      expect(row.get('image')).toBe(imgs[i]?.toString('base64'));
      const [got] = await row.images();
      expect([got?.data.equals(imgs[i] ?? Buffer.alloc(0)), got?.base64 === imgs[i]?.toString('base64')]).toEqual([true, true]);
    }
  });

  it('as a list of images decode each one', async () => {
    const second = paddedJpeg(30_000, 'the second');
    const list = `['${base64}', '${second.toString('base64')}']`;
    const [row] = await rows(tsv(['index\timage', `1\t${list}`]));
    expect(row?.list('image')?.length).toBe(2);
    expect((await row?.images())?.map((i) => i.data.equals(image) || i.data.equals(second))).toEqual([true, true]);
  });

  it('that are not base64 fail with the message the string path gives', async () => {
    const bad = `${base64.slice(0, 20_000)}*${base64.slice(20_001)}`;
    const notImage = Buffer.alloc(30_000, 7).toString('base64');
    const badError = await failure(tsv(['index\timage', `1\t${bad}`]));
    expect(badError.message).toContain('row 1');
    expect(badError.message).toContain('expected base64-encoded image bytes (invalid character "*" at position 20000)');
    const notImageError = await failure(tsv(['index\timage', `1\t${notImage}`]));
    expect(notImageError.message).toContain('the 30000 decoded bytes are not a JPEG, PNG, GIF, WebP, BMP or TIFF image (they start with hex 0707070707070707)');
  });
});

describe('resume keys of rows with long image cells', () => {
  // Computed with the code before long cells were held as bytes (commit d6e43fa): stores it wrote
  // must resume without re-asking. Row 0's cell is short (16,000 characters), the others long.
  const FROZEN = [
    ['0', '5afcfc6a929fff2b980768fea95a505f', '78642d9d9acfe604d221ac9c3ad79a5f'],
    ['1', 'fe77959a67590c245ce48a29ef0bb6f5', 'a234f7a111365be413c29898332925fd'],
    ['2', '79fd9660ed30bc1d44c7f88372bba2df', '39365ece2817db8b4062a8f9dcbed78a'],
    ['3', '2c19fe41482f656b515ff0785590c993', '39b383e9a347f85c7835f03fdcad1186'],
  ];
  const sizes = [12_000, 12_289, 40_000, 100_000];
  const images = sizes.map((size, i) => paddedJpeg(size, `long cell ${i}`));
  const file = tsv(['index\tquestion\tA\tB\tanswer\timage', ...images.map((img, i) => `${i}\tWhich is nearer, row ${i}?\tred\tblue\tA\t${img.toString('base64')}`)]);
  const settings: GenerationSettings = { model: 'mock-model', temperature: 0, max_tokens: 64, extra: {} };

  it('are the keys the string path gave, by path and with base64 alike; base64 sends the cell as is', async () => {
    const got: string[][] = [];
    for await (const { sample } of streamSamples(FALLBACK_BENCHMARK, { files: [file], format: 'tsv' })) {
      const inBody = buildRequest(sample, settings);
      const byPath = buildRequest(sample, settings, (_image, sha) => `file:///media/${sha}.jpg`);
      expect([byPath.promptHash, byPath.questionHash]).toEqual([inBody.promptHash, inBody.questionHash]);
      const wire = encodeChatBody(inBody.body).toString('latin1');
      expect(wire).toContain(`"url":"data:image/jpeg;base64,${(images[Number(sample.index)] ?? Buffer.alloc(0)).toString('base64')}"`);
      got.push([sample.index, inBody.promptHash, inBody.questionHash]);
    }
    expect(got).toEqual(FROZEN);
  });
});
