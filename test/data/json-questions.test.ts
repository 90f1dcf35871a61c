/**
 * The streamed JSON question-file reader on a real file larger than its 1 MiB read chunk: objects whose
 * strings hold brackets, braces, escaped quotes and multi-byte characters split across chunk
 * boundaries come back whole, in order, with the byte offset just past each one.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readJsonQuestions } from '../../src/data/json-questions.js';

let dir = '';
afterEach(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('readJsonQuestions', () => {
  it('streams every object of a file larger than one chunk, across chunk boundaries', async () => {
    dir = await mkdtemp(join(tmpdir(), 'actial-json-'));
    const objects = Array.from({ length: 3000 }, (_, i) => ({
      question: `q${i} "quoted" [not] {an} é漢字 ${'x'.repeat(i % 700)} \\ end`,
      image_path: [`a/${i}.jpg`, `b/${i}.jpg`],
      n: i,
      nested: { list: [[i], { k: ']' }] },
    }));
    const text = `\ufeff[\n${objects.map((o) => JSON.stringify(o, null, 1)).join(',\n')}\n]\n`;
    expect(Buffer.byteLength(text)).toBeGreaterThan(1 << 20);
    const file = join(dir, 'big.json');
    await writeFile(file, text);
    const bytes = Buffer.from(text);
    let i = 0;
    for await (const row of readJsonQuestions(file, { imagePathField: 'image_path' })) {
      const o = objects[i] as (typeof objects)[number];
      expect(row.rowNumber).toBe(i + 1);
      expect(row.get('question')).toBe(o.question);
      expect(row.get('n')).toBe(String(i));
      expect(row.list('image_path')).toEqual(o.image_path);
      expect(row.get('nested')).toBeUndefined();
      // The bytes before the end offset end with this object's closing brace.
      if (i % 97 === 0) expect(bytes.subarray(0, row.endOffset).toString().endsWith(JSON.stringify(o, null, 1))).toBe(true);
      i++;
    }
    expect(i).toBe(objects.length);
  });

  it('names the elements of array items when told their fields (What\'sUp\'s [id, caption, caption] rows), else refuses them', async () => {
    dir = await mkdtemp(join(tmpdir(), 'actial-json-'));
    const file = join(dir, 'coco_qa_two_obj.json');
    await writeFile(file, '[[139, "A dog left of a cat", "A dog right of a cat", "extra"], {"image_id": 7, "caption": "c"}, [285]]');
    const rows = [];
    for await (const row of readJsonQuestions(file, { imagePathField: 'image_id', arrayItemFields: ['image_id', 'caption', 'foil'] })) rows.push(row);
    expect(rows.map((r) => [r.get('image_id'), r.get('caption'), r.get('foil')])).toEqual([['139', 'A dog left of a cat', 'A dog right of a cat'], ['7', 'c', undefined], ['285', undefined, undefined]]);
    expect(rows[0]?.columns).toEqual(['image_id', 'caption', 'foil']);
    const plain = async (): Promise<void> => {
      for await (const row of readJsonQuestions(file, { imagePathField: 'image_id' })) void row;
    };
    await expect(plain()).rejects.toThrow(/row 1.*expected a JSON object/);
  });
});
