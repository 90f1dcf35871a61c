/**
 * The streaming JSON array splitter and the JSONL reader on real files: every record comes back as
 * `JSON.parse` of the whole file would give it (strings holding brackets, commas, quotes and
 * escapes, records crossing the 1 MB read boundary), and broken files are one clear error naming
 * the record.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJsonRecords } from '../../src/data/json-records.js';
import { DataError } from '../../src/core/errors.js';

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function file(name: string, text: string | Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'actial-json-'));
  dirs.push(dir);
  const path = join(dir, name);
  await writeFile(path, text);
  return path;
}

async function values(path: string, form: 'json' | 'jsonl'): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const row of readJsonRecords(path, form)) out.push(Object.fromEntries(row.columns.map((c) => [c, row.value?.(c)])));
  return out;
}

async function failure(path: string, form: 'json' | 'jsonl'): Promise<string> {
  try {
    await values(path, form);
  } catch (err) {
    expect(err).toBeInstanceOf(DataError);
    return (err as Error).message;
  }
  throw new Error('expected a DataError');
}

const TRICKY = [
  { messages: [{ role: 'user', content: 'brackets ] } [ { and , commas' }], images: ['a/b.png'] },
  { text: 'quote \\" escaped, backslash at end \\\\', n: 1.5e3, nested: [[1, [2, {}]], { a: [] }], ok: true, none: null },
  { text: 'unicode: 空間推理 ✓ \u2028 line sep, emoji 🧭', s: '\\u0041' },
  { empty: '' },
];

describe('JSON array files', () => {
  it('gives every element as JSON.parse of the whole file does, compact or indented, with a BOM', async () => {
    for (const text of [JSON.stringify(TRICKY), JSON.stringify(TRICKY, null, 2), `\ufeff \n${JSON.stringify(TRICKY, null, '\t')}\n\n`]) {
      expect(await values(await file('d.json', text), 'json')).toEqual(TRICKY);
    }
  });

  it('reads records that straddle the 1 MB reads, escapes and quotes split at every boundary', async () => {
    // Strings of backslash/quote runs sized so boundaries fall inside escapes, between \ and ", etc.
    const records = Array.from({ length: 40 }, (_, i) => ({ i, text: `${'x'.repeat(70_000 + i * 997)}\\"${'\\'.repeat(i % 5)}"]},[`, tail: '"' }));
    const text = JSON.stringify(records);
    expect(text.length).toBeGreaterThan(3 << 20);
    expect(await values(await file('big.json', text), 'json')).toEqual(records);
  });

  it('numbers rows by position and ends each at its byte offset', async () => {
    const path = await file('d.json', '[{"a":1} , {"a":2}]');
    const rows = [];
    for await (const row of readJsonRecords(path, 'json')) rows.push([row.rowNumber, row.endOffset, row.get('a')]);
    expect(rows).toEqual([[1, 9, '1'], [2, 18, '2']]);
  });

  it('an empty array has no records', async () => {
    expect(await values(await file('e.json', ' [ ] '), 'json')).toEqual([]);
  });

  it.each([
    ['{"messages": []}', /d\.json: expected a JSON array of records .* name the file \.jsonl/],
    ['', /d\.json: empty file: expected a JSON array/],
    ['[{"a": 1}, {"a": 2}', /d\.json \(row 2\)?.*truncated JSON: the top-level array is not closed \(after 2 element/],
    ['[{"a": 1}, {"a": 2', /truncated JSON/],
    ['[{"a": 1}, {"a": tru}]', /d\.json.*row 2.*invalid JSON/],
    ['[{"a": 1}, 3]', /row 2.*expected a JSON object \(a record\), found number/],
    ['[{"a": 1},, {"a": 2}]', /row 1.*expected an element after ",", found ','/],
    ['[{"a": 1}] x', /unexpected 'x' after the top-level array's closing "]"/],
    ['[{"a": 1}}]', /row 1.*unexpected "}"|invalid JSON/],
  ])('%j is one clear error', async (text, pattern) => {
    expect(await failure(await file('d.json', text), 'json')).toMatch(pattern);
  });
});

describe('JSONL files', () => {
  it('gives one record per non-blank line, the last without a newline, CRLF too', async () => {
    const text = `${TRICKY.map((r) => JSON.stringify(r)).join('\r\n')}\r\n\n   \n${JSON.stringify({ last: 1 })}`;
    expect(await values(await file('d.jsonl', text), 'jsonl')).toEqual([...TRICKY, { last: 1 }]);
  });

  it('reads lines longer than the 1 MB reads', async () => {
    const records = [{ t: 'y'.repeat(2_500_000) }, { t: 'z' }];
    expect(await values(await file('d.jsonl', records.map((r) => JSON.stringify(r)).join('\n')), 'jsonl')).toEqual(records);
  });

  it('a bad line names its record and line', async () => {
    const message = await failure(await file('d.jsonl', '{"a": 1}\n\n{"a": \n'), 'jsonl');
    expect(message).toMatch(/d\.jsonl.*row 2.*invalid JSON \(line 3\)/);
    expect(await failure(await file('d.jsonl', '{"a": 1}\n[1]\n'), 'jsonl')).toMatch(/row 2.*expected a JSON object \(a record\) \(line 2\), found an array/);
  });
});
