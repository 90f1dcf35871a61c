import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DataRow } from '../../src/core/types.js';
import { DataError, InputError } from '../../src/core/errors.js';
import { readTsv } from '../../src/data/tsv.js';

const dir = mkdtempSync(join(tmpdir(), 'actial-tsv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

function tsv(content: string | Buffer): string {
  const file = join(dir, `t${n++}.tsv`);
  writeFileSync(file, content);
  return file;
}

async function rows(file: string): Promise<DataRow[]> {
  const out: DataRow[] = [];
  for await (const row of readTsv(file)) out.push(row);
  return out;
}

async function cells(file: string): Promise<Record<string, string | undefined>[]> {
  return (await rows(file)).map((r) => Object.fromEntries(r.columns.map((c) => [c, r.get(c)])));
}

async function failure(file: string): Promise<Error> {
  try {
    await rows(file);
  } catch (err) {
    return err as Error;
  }
  throw new Error('expected readTsv to fail');
}

describe('readTsv parsing (pandas to_csv dialect)', () => {
  it('reads plain rows, 1-based row numbers, undefined for unknown columns', async () => {
    const file = tsv('index\tquestion\tA\n1\tWhat?\tcat\n2\tWhy?\tdog\n');
    const got = await rows(file);
    expect(got.map((r) => r.rowNumber)).toEqual([1, 2]);
    expect(got[0]?.columns).toEqual(['index', 'question', 'A']);
    expect(got[1]?.get('A')).toBe('dog');
    expect(got[1]?.get('B')).toBeUndefined();
    expect(got[0]?.file).toBe(file);
  });

  it('unquotes fields holding tabs, newlines and doubled quotes', async () => {
    const file = tsv('index\tquestion\tA\n1\t"tab\there\nnew ""line"""\t"plain"\n2\t\t"\t"\n');
    expect(await cells(file)).toEqual([
      { index: '1', question: 'tab\there\nnew "line"', A: 'plain' },
      { index: '2', question: '', A: '\t' },
    ]);
  });

  it('reads QUOTE_ALL files (what VLMEvalKit dump() writes) and keeps inner quotes of unquoted fields', async () => {
    const file = tsv('"index"\t"question"\n"1"\t"say ""hi"""\n2\tit"s 5" tall\n');
    expect(await cells(file)).toEqual([
      { index: '1', question: 'say "hi"' },
      { index: '2', question: 'it"s 5" tall' },
    ]);
  });

  it('strips a UTF-8 BOM and handles CRLF line ends, also after quoted fields', async () => {
    const file = tsv(Buffer.from('\ufeffindex\tquestion\r\n1\t"a\r\nb"\r\n2\té\r\n', 'utf8'));
    const got = await cells(file);
    expect(got).toEqual([
      { index: '1', question: 'a\r\nb' },
      { index: '2', question: 'é' },
    ]);
  });

  it('keeps empty option cells as empty strings (pandas NaN)', async () => {
    const file = tsv('index\tA\tB\tC\tD\tanswer\n1\tx\ty\t\t\tA\n');
    expect(await cells(file)).toEqual([{ index: '1', A: 'x', B: 'y', C: '', D: '', answer: 'A' }]);
  });

  it('accepts a missing final newline and skips blank lines without numbering them', async () => {
    const file = tsv('index\tq\n\n1\ta\n\r\n2\tb');
    const got = await rows(file);
    expect(got.map((r) => [r.rowNumber, r.get('q')])).toEqual([
      [1, 'a'],
      [2, 'b'],
    ]);
  });

  it('names an empty header cell like pandas (a saved DataFrame index)', async () => {
    const file = tsv('\tindex\tq\n0\t7\tx\n');
    expect(await cells(file)).toEqual([{ 'Unnamed: 0': '0', index: '7', q: 'x' }]);
  });

  it('streams a file with a header only as zero rows', async () => {
    expect(await rows(tsv('index\tq\n'))).toEqual([]);
  });

  it('parses records much larger than the read chunk, and many of them', async () => {
    const big = 'x'.repeat(3_000_000);
    const lines = ['index\tbig\tq'];
    for (let i = 0; i < 5; i++) lines.push(`${i}\t${big}${i}\t"q\t${i}"`);
    const got = await cells(tsv(`${lines.join('\n')}\n`));
    expect(got.map((r) => [r['index'], r['big']?.length, r['q']])).toEqual(
      [0, 1, 2, 3, 4].map((i) => [String(i), 3_000_001, `q\t${i}`]),
    );
  });
});

describe('readTsv errors', () => {
  it('missing file → InputError naming the file', async () => {
    const file = join(dir, 'nope.tsv');
    const err = await failure(file);
    expect(err).toBeInstanceOf(InputError);
    expect(err).not.toBeInstanceOf(DataError);
    expect(err.message).toBe(`${file}: file not found; expected a VLMEvalKit TSV file`);
  });

  it('a folder → InputError', async () => {
    const err = await failure(dir);
    expect(err).toBeInstanceOf(InputError);
    expect(err.message).toContain('not a regular file');
  });

  it('empty file (or only a BOM / blank lines) → DataError', async () => {
    for (const content of ['', '\ufeff', '\n\n']) {
      const file = tsv(content);
      const err = await failure(file);
      expect(err).toBeInstanceOf(DataError);
      expect(err.message).toBe(`${file}: empty file: expected a header row of tab-separated column names`);
    }
  });

  it('wrong field count → DataError with row and counts', async () => {
    const file = tsv('index\tq\tA\n1\ta\tb\n2\ta\n');
    const err = await failure(file);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe(`${file} (row 2): expected 3 tab-separated fields (as in the header), found 2`);
    const file2 = tsv('index\tq\n1\ta\tb\textra\n');
    expect((await failure(file2)).message).toBe(`${file2} (row 1): expected 2 tab-separated fields (as in the header), found 4`);
  });

  it('NUL byte → DataError naming the row', async () => {
    const file = tsv(Buffer.from('index\tq\n1\ta\n2\tb\0c\n'));
    const err = await failure(file);
    expect(err).toBeInstanceOf(DataError);
    expect(err.message).toBe(`${file} (row 2): unexpected NUL byte: expected UTF-8 text (is this a binary file?)`);
  });

  it('undecodable UTF-8 → DataError naming the row (or the header)', async () => {
    const file = tsv(Buffer.concat([Buffer.from('index\tq\n1\tok\n2\tbad '), Buffer.from([0xc3, 0x28]), Buffer.from('\n')]));
    expect((await failure(file)).message).toBe(`${file} (row 2): invalid UTF-8: expected UTF-8 encoded text`);
    const file2 = tsv(Buffer.concat([Buffer.from('index\t'), Buffer.from([0xff]), Buffer.from('\n1\t2\n')]));
    expect((await failure(file2)).message).toBe(`${file2}: header row: invalid UTF-8: expected UTF-8 encoded text`);
  });

  it('unterminated quote and junk after a closing quote → DataError naming the row', async () => {
    const file = tsv('index\tq\n1\t"open\n2\tb\n');
    expect((await failure(file)).message).toBe(`${file} (row 1): unterminated quoted field: expected a closing "`);
    const file2 = tsv('index\tq\n1\ta\n2\t"x"y\n');
    expect((await failure(file2)).message).toBe(
      `${file2} (row 2): unexpected character after a closing quote: expected a tab or the end of the line`,
    );
  });

  it('duplicate column names → DataError', async () => {
    const file = tsv('index\tA\tA\n1\tx\ty\n');
    expect((await failure(file)).message).toBe(`${file}: header row: column 'A' appears twice; expected unique column names`);
  });

  it('rows before a bad row are still yielded (streaming)', async () => {
    const file = tsv('index\tq\n1\ta\n2\n');
    const seen: number[] = [];
    await expect(async () => {
      for await (const row of readTsv(file)) seen.push(row.rowNumber);
    }).rejects.toThrow(DataError);
    expect(seen).toEqual([1]);
  });
});

describe('readTsv on a CSV (pandas read_csv defaults: comma, the same quoting)', () => {
  async function csvCells(content: string): Promise<Record<string, string | undefined>[]> {
    const file = join(dir, `c${n++}.csv`);
    writeFileSync(file, content);
    const out: Record<string, string | undefined>[] = [];
    for await (const r of readTsv(file, { csv: true })) out.push(Object.fromEntries(r.columns.map((c) => [c, r.get(c)])));
    return out;
  }

  it('splits at commas, keeps tabs, unquotes commas, newlines and doubled quotes; a CRLF ends a row', async () => {
    expect(await csvCells('Index,Question,Options\r\n1,"Left, or right?","(a) ""L"" (b) R"\r\n2,tab\there,"two\nlines"\n')).toEqual([
      { Index: '1', Question: 'Left, or right?', Options: '(a) "L" (b) R' },
      { Index: '2', Question: 'tab\there', Options: 'two\nlines' },
    ]);
  });

  it('a row with another field count, and a stray character after a closing quote, name the row and say comma', async () => {
    const short = join(dir, `c${n++}.csv`);
    writeFileSync(short, 'a,b,c\n1,2\n');
    await expect((async () => { for await (const r of readTsv(short, { csv: true })) void r; })()).rejects.toThrow(`${short} (row 1): expected 3 comma-separated fields (as in the header), found 2`);
    const stray = join(dir, `c${n++}.csv`);
    writeFileSync(stray, 'a,b\n"x"y,2\n');
    await expect((async () => { for await (const r of readTsv(stray, { csv: true })) void r; })()).rejects.toThrow(`${stray} (row 1): unexpected character after a closing quote: expected a comma or the end of the line`);
  });
});
