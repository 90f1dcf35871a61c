/** docs/output-format.md is generated from the work-dir schemas: the committed file must be what they say now. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { outputFormatDoc } from '../../src/workdir/doc.js';
import { DOCUMENTED_FILES } from '../../src/workdir/catalogue.js';

const DOC = join(import.meta.dirname, '..', '..', 'docs', 'output-format.md');

describe('docs/output-format.md', () => {
  it('equals what the schemas generate (after a schema change, run npm run docs:output-format)', async () => {
    expect(await readFile(DOC, 'utf8')).toBe(outputFormatDoc());
  });

  it('has a section per file and a row per field of each schema, nested fields included', () => {
    const doc = outputFormatDoc();
    for (const f of DOCUMENTED_FILES) expect(doc).toContain(`## \`${f.path}\`: ${f.title}`);
    for (const field of ['`formats.scores`', '`dataset_file` | `string[]`', '`protocols.<protocol>.hit` | `boolean`', '`ci.<protocol>.<metric>.method`', '`choices[].letter`', '`counts.judge_failed`']) {
      expect(doc).toContain(field);
    }
  });
});
