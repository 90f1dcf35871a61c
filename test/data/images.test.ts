import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DataRow, ImageBytes } from '../../src/core/types.js';
import { DataError } from '../../src/core/errors.js';
import { sniffImageMime } from '../../src/data/images.js';
import { paddedJpeg, TINY_PNG } from '../../bench/synthetic.js';
import { type ReadTsvOptions, readTsv } from '../../src/data/tsv.js';
import { BENCHMARKS } from '../../benchmarks/index.js';

const dir = mkdtempSync(join(tmpdir(), 'actial-img-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const jpegA = paddedJpeg(300, 'image A');
const jpegB = paddedJpeg(5000, 'image B');
const b64 = (b: Buffer) => b.toString('base64');

function tsv(lines: string[], folder = dir): string {
  const file = join(folder, `t${n++}.tsv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

/** Images of every row, resolved while streaming (as a runner would). */
async function imagesByRow(file: string, options?: ReadTsvOptions): Promise<ImageBytes[][]> {
  const out: ImageBytes[][] = [];
  for await (const row of readTsv(file, options)) out.push(await row.images());
  return out;
}

async function imageFailure(file: string, options?: ReadTsvOptions): Promise<Error> {
  try {
    await imagesByRow(file, options);
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return err as Error;
  }
  throw new Error('expected images() to fail');
}

const datas = (rows: ImageBytes[][]) => rows.map((imgs) => imgs.map((i) => i.data.toString('hex')));
const hex = (b: Buffer) => b.toString('hex');

describe('sniffImageMime', () => {
  const ascii = (s: string) => Buffer.from(s, 'latin1');
  it.each([
    ['image/jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0])],
    ['image/png', TINY_PNG],
    ['image/gif', ascii('GIF89a\x01\x00\x01\x00')],
    ['image/gif', ascii('GIF87a\x01\x00\x01\x00')],
    ['image/webp', ascii('RIFF\x10\x00\x00\x00WEBPVP8 ')],
    ['image/bmp', Buffer.concat([ascii('BM'), Buffer.alloc(30)])],
    ['image/tiff', Buffer.from([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0])],
    ['image/tiff', Buffer.from([0x4d, 0x4d, 0x00, 0x2a, 0, 0, 0, 8])],
  ])('%s', (mime, bytes) => {
    expect(sniffImageMime(bytes)).toBe(mime);
  });

  it('rejects non-images and truncated headers', () => {
    expect(sniffImageMime(ascii('hello world, not an image'))).toBeUndefined();
    expect(sniffImageMime(ascii('BM'))).toBeUndefined();
    expect(sniffImageMime(ascii('RIFF\x10\x00\x00\x00WAVE'))).toBeUndefined();
    expect(sniffImageMime(Buffer.alloc(0))).toBeUndefined();
  });
});

describe('row.images(): base64 cells', () => {
  it('passes bytes through unchanged, with the sniffed MIME, for the right row', async () => {
    const file = tsv(['index\timage\tquestion', `1\t${b64(jpegA)}\tq1`, `2\t${b64(TINY_PNG)}\tq2`]);
    const got = await imagesByRow(file);
    expect(got[0]?.[0]?.mime).toBe('image/jpeg');
    expect(got[0]?.[0]?.data.equals(jpegA)).toBe(true);
    expect(got[1]?.[0]?.mime).toBe('image/png');
    expect(got[1]?.[0]?.data.equals(TINY_PNG)).toBe(true);
  });

  it('rows without an image cell or column have no images', async () => {
    expect(await imagesByRow(tsv(['index\tquestion', '1\tq']))).toEqual([[]]);
    expect(await imagesByRow(tsv(['index\timage\tquestion', '1\t\tq']))).toEqual([[]]);
  });

  it('invalid base64 character → DataError with row and column', async () => {
    const bad = `${b64(jpegA).slice(0, 100)}*${b64(jpegA).slice(101)}`;
    const file = tsv(['index\timage', `1\t${b64(jpegA)}`, `2\t${bad}`]);
    expect((await imageFailure(file)).message).toBe(
      `${file} (row 2, column 'image'): expected base64-encoded image bytes (invalid character "*" at position 100)`,
    );
  });

  it('impossible base64 length and misplaced padding → DataError', async () => {
    const file = tsv(['index\timage', `1\t${b64(jpegA)}A`]);
    expect((await imageFailure(file)).message).toMatch(/\(row 1, column 'image'\): expected base64-encoded image bytes \(length \d+ is not a multiple of 4\)$/);
    const padded = `${b64(jpegA).slice(0, 96)}=${b64(jpegA).slice(97)}`;
    const file2 = tsv(['index\timage', `1\t${padded}`]);
    expect((await imageFailure(file2)).message).toContain("(row 1, column 'image'): expected base64-encoded image bytes (misplaced '=' padding)");
  });

  it('valid base64 that is no known image → DataError saying so', async () => {
    const text = Buffer.from('this is plain text, not an image at all, honestly; long enough').toString('base64');
    const file = tsv(['index\timage', `1\t${text}`]);
    expect((await imageFailure(file)).message).toBe(
      `${file} (row 1, column 'image'): expected base64-encoded image bytes: the 62 decoded bytes are not a JPEG, PNG, GIF, WebP, BMP or TIFF image (they start with hex 7468697320697320)`,
    );
  });

  it('a short cell that is a real tiny image is an image, not a reference', async () => {
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    const got = await imagesByRow(tsv(['index\timage', `1\t${b64(gif)}`]));
    expect(got[0]?.[0]?.mime).toBe('image/gif');
  });
});

describe('row.images(): references to another row (image value ≤ 64 chars)', () => {
  it('backward, forward and chained references resolve to the original bytes', async () => {
    const file = tsv([
      'index\timage\tquestion',
      '10\t30\tforward reference',
      `20\t${b64(jpegA)}\toriginal A`,
      '1000020\t20\tbackward',
      `30\t${b64(jpegB)}\toriginal B`,
      '2000020\t1000020\tchain via a reference',
      '40\t"[\'20\', \'30\']"\tlist of references',
    ]);
    expect(datas(await imagesByRow(file))).toEqual([[hex(jpegB)], [hex(jpegA)], [hex(jpegA)], [hex(jpegB)], [hex(jpegA)], [hex(jpegA), hex(jpegB)]]);
  });

  it('resolves references long after the stream moved on, and when rows are read out of order', async () => {
    const file = tsv(['index\timage', `1\t${b64(jpegA)}`, '2\t1', `3\t${b64(jpegB)}`, '4\t3']);
    const rows: DataRow[] = [];
    for await (const row of readTsv(file)) rows.push(row);
    const later = await Promise.all([...rows].reverse().map((r) => r.images()));
    expect(datas(later)).toEqual([[hex(jpegB)], [hex(jpegB)], [hex(jpegA)], [hex(jpegA)]]);
  });

  it('after breaking out of the loop early, a forward reference still resolves', async () => {
    const file = tsv(['index\timage', '1\t3', '2\tx', `3\t${b64(jpegB)}`]);
    let first: DataRow | undefined;
    for await (const row of readTsv(file)) {
      first = row;
      break;
    }
    expect(datas([(await first?.images()) ?? []])).toEqual([[hex(jpegB)]]);
  });

  it('a reference to a multi-image row reuses all its images', async () => {
    const file = tsv(['index\timage', `1\t['${b64(jpegA)}', '${b64(jpegB)}']`, '1000001\t1']);
    expect(datas(await imagesByRow(file))[1]).toEqual([hex(jpegA), hex(jpegB)]);
  });

  it('unknown index → DataError naming the row and the missing index', async () => {
    const file = tsv(['index\timage', `1\t${b64(jpegA)}`, '2\t1', '3\t99']);
    expect((await imageFailure(file)).message).toBe(
      `${file} (row 3, column 'image'): '99' is read as the index of another row whose image to reuse, but no row has index '99'`,
    );
  });

  it('cycles, self references, imageless targets, duplicates and a missing index column → DataError', async () => {
    const cycle = tsv(['index\timage', '1\t2', '2\t1']);
    expect((await imageFailure(cycle)).message).toContain("(row 2, column 'image'): '1' is read as the index of another row whose image to reuse, but the references loop back (rows 1 → 2 → 1)");
    const self = tsv(['index\timage', '1\t1']);
    expect((await imageFailure(self)).message).toContain('loop back (rows 1 → 1)');
    const empty = tsv(['index\timage\tq', '1\t\tx', '2\t1\ty']);
    expect((await imageFailure(empty)).message).toContain("(row 2, column 'image'): '1' is read as the index of another row whose image to reuse, but row 1 with that index has no image");
    const dup = tsv(['index\timage', `1\t${b64(jpegA)}`, `1\t${b64(jpegB)}`, '2\t1']);
    expect((await imageFailure(dup)).message).toContain("(row 3, column 'image'): '1' is read as the index of another row whose image to reuse, but several rows have that index");
    const noIndex = tsv(['id\timage', '1\t7']);
    expect((await imageFailure(noIndex)).message).toContain("(row 1, column 'image'): '7' is read as the index of another row whose image to reuse, but the file has no 'index' column");
  });

  it('a bad image in the referenced row is reported at that row', async () => {
    const notImage = Buffer.from('x'.repeat(60)).toString('base64');
    const file = tsv(['index\timage', '1\t2', `2\t${notImage}`]);
    expect((await imageFailure(file)).message).toContain(`${file} (row 2, column 'image'): expected base64-encoded image bytes: the 60 decoded bytes`);
  });
});

describe('row.images(): list-valued cells', () => {
  it('Python repr and JSON lists, in order, with escapes and spacing', async () => {
    const file = tsv([
      'index\timage',
      `1\t['${b64(jpegA)}', '${b64(TINY_PNG)}']`,
      `2\t"[""${b64(jpegB)}"",""${b64(jpegA)}""]"`,
      `3\t"[ '${b64(TINY_PNG)}' ,\t'${b64(jpegB)}', ]"`,
    ]);
    const got = await imagesByRow(file);
    expect(datas(got)).toEqual([[hex(jpegA), hex(TINY_PNG)], [hex(jpegB), hex(jpegA)], [hex(TINY_PNG), hex(jpegB)]]);
    expect(got[0]?.map((i) => i.mime)).toEqual(['image/jpeg', 'image/png']);
  });

  it('a malformed list → DataError', async () => {
    const file = tsv(['index\timage', `1\t['${b64(jpegA)}' '${b64(jpegB)}']`]);
    expect((await imageFailure(file)).message).toBe(
      `${file} (row 1, column 'image'): expected a list of quoted strings like ['…', '…'] (Python or JSON syntax)`,
    );
  });

  it('an empty list element → DataError', async () => {
    const file = tsv(['index\timage', `1\t['${b64(jpegA)}', '']`]);
    expect((await imageFailure(file)).message).toContain("(row 1, column 'image'): expected base64-encoded image bytes or a row index, found an empty list element");
  });
});

describe('row.images(): image_path', () => {
  const folder = mkdtempSync(join(tmpdir(), 'actial-imgpath-'));
  mkdirSync(join(folder, 'sub'));
  writeFileSync(join(folder, 'sub', 'a.jpg'), jpegA);
  const lmu = mkdtempSync(join(tmpdir(), 'actial-lmu-'));
  afterAll(() => [folder, lmu].forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('relative to the TSV folder, absolute, and lists of paths; bytes as-is', async () => {
    const abs = join(lmu, 'b.png');
    writeFileSync(abs, TINY_PNG);
    const file = tsv(['index\timage_path', '1\tsub/a.jpg', `2\t${abs}`, `3\t['sub/a.jpg', '${abs}']`], folder);
    const got = await imagesByRow(file);
    expect(datas(got)).toEqual([[hex(jpegA)], [hex(TINY_PNG)], [hex(jpegA), hex(TINY_PNG)]]);
    expect(got[2]?.map((i) => i.mime)).toEqual(['image/jpeg', 'image/png']);
  });

  it("falls back to VLMEvalKit's $LMUData/images/<dataset>/ and to given imageDirs", async () => {
    const dataset = join(lmu, 'images', 'MyBench');
    mkdirSync(dataset, { recursive: true });
    writeFileSync(join(dataset, 'x.jpg'), jpegB);
    const file = join(folder, 'MyBench.tsv');
    writeFileSync(file, 'index\timage_path\n1\tx.jpg\n');
    const old = process.env['LMUData'];
    process.env['LMUData'] = lmu;
    try {
      expect(datas(await imagesByRow(file))).toEqual([[hex(jpegB)]]);
    } finally {
      if (old === undefined) delete process.env['LMUData'];
      else process.env['LMUData'] = old;
    }
    expect(datas(await imagesByRow(file, { imageDirs: [dataset] }))).toEqual([[hex(jpegB)]]);
  });

  it("VLMEvalKit's EASI TSVs: with relativeImagePaths a leading slash is stripped and the path looked up as relative", async () => {
    const file = tsv(['index\timage_path', '1\t/sub/a.jpg', "2\t[' //sub/a.jpg', '\\\\sub/a.jpg']"], folder);
    expect(datas(await imagesByRow(file, { relativeImagePaths: true }))).toEqual([[hex(jpegA)], [hex(jpegA), hex(jpegA)]]);
    // Without it, '/sub/a.jpg' is an absolute path, read as such.
    expect((await imageFailure(file)).message).toBe(`${file} (row 1, column 'image_path'): image file '/sub/a.jpg' not found; looked at: /sub/a.jpg`);
  });

  it('the EASI modules read their TSVs so (SITE, STARE, MindCube, ViewSpatial as VLMEvalKit prepares them)', () => {
    const declared = BENCHMARKS.filter((b) => b.tsv?.imagePathsRelative === true).map((b) => b.id).sort();
    expect(declared).toEqual(['mindcube-vlmevalkit', 'site-image', 'stare', 'stare-cot', 'viewspatial-vlmevalkit'].sort());
  });

  it('the image cell wins over image_path (VLMEvalKit dumps to image_path)', async () => {
    const file = tsv(['index\timage\timage_path', `1\t${b64(jpegB)}\tsub/a.jpg`, '2\t\tsub/a.jpg'], folder);
    expect(datas(await imagesByRow(file))).toEqual([[hex(jpegB)], [hex(jpegA)]]);
  });

  it('missing file → DataError listing every place looked at', async () => {
    const file = tsv(['index\timage_path', '1\tsub/a.jpg', '2\tnone.jpg'], folder);
    const extra = join(lmu, 'elsewhere');
    expect((await imageFailure(file, { imageDirs: [extra] })).message).toBe(
      `${file} (row 2, column 'image_path'): image file 'none.jpg' not found; looked at: ${join(folder, 'none.jpg')}, ${join(extra, 'none.jpg')}`,
    );
  });

  it('a file that is no image → DataError', async () => {
    writeFileSync(join(folder, 'notes.txt'), 'not an image');
    const file = tsv(['index\timage_path', '1\tnotes.txt'], folder);
    expect((await imageFailure(file)).message).toBe(
      `${file} (row 1, column 'image_path'): expected an image file, but '${join(folder, 'notes.txt')}' is not a JPEG, PNG, GIF, WebP, BMP or TIFF image`,
    );
  });
});
