import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { forEachJsonl, readJsonl } from '../../src/workdir/jsonl.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-jsonl-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function both(file: string): Promise<{ line: number; value: unknown }[]> {
  const generated: { line: number; value: unknown }[] = [];
  for await (const entry of readJsonl(file)) generated.push(entry);
  const visited: { line: number; value: unknown }[] = [];
  await forEachJsonl(file, (value, line) => visited.push({ line, value }));
  expect(visited).toEqual(generated);
  return generated;
}

describe('readJsonl and forEachJsonl', () => {
  it('read lines longer than a chunk, multi-byte text across chunk ends, CRLF and blank lines, numbering every line', async () => {
    const long = 'é€😀'.repeat(400_000);
    const file = join(dir, 'a.jsonl');
    await writeFile(file, `{"a":1}\r\n\n${JSON.stringify({ long })}\n${JSON.stringify({ b: 'ü' })}\r\n`);
    expect(await both(file)).toEqual([
      { line: 1, value: { a: 1 } },
      { line: 3, value: { long } },
      { line: 4, value: { b: 'ü' } },
    ]);
  });

  it('leave out a torn last line and read nothing from a missing or empty file', async () => {
    const file = join(dir, 'b.jsonl');
    await writeFile(file, '{"a":1}\n{"a":');
    expect(await both(file)).toEqual([{ line: 1, value: { a: 1 } }]);
    await writeFile(file, '');
    expect(await both(file)).toEqual([]);
    expect(await both(join(dir, 'missing.jsonl'))).toEqual([]);
  });

  it('name the line of a corrupted record', async () => {
    const file = join(dir, 'c.jsonl');
    const many = Array.from({ length: 30_000 }, (_, i) => JSON.stringify({ i, pad: 'x'.repeat(40) })).join('\n');
    await writeFile(file, `${many}\nnot json\n{"a":1}\n`);
    await expect(forEachJsonl(file, () => undefined)).rejects.toThrow(/c\.jsonl:30001: not a JSON line/);
  });
});
