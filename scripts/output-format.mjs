#!/usr/bin/env node
/**
 * Writes docs/output-format.md from the work-dir schemas (src/workdir/, compiled to dist/ by
 * `npm run build`). `--check` only compares, exiting 1 when the committed file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const { outputFormatDoc } = await import('../dist/src/workdir/doc.js');
const target = new URL('../docs/output-format.md', import.meta.url);
const text = outputFormatDoc();
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // no file yet: out of date
  }
  if (committed !== text) {
    process.stderr.write('docs/output-format.md is out of date: run npm run docs:output-format\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote docs/output-format.md (${text.length} characters)\n`);
}
