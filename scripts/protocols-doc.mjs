#!/usr/bin/env node
/**
 * Writes docs/protocols.md from the benchmark modules (compiled to dist/ by `npm run build`).
 * `--check` only compares, exiting 1 when the committed file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';

const { protocolsDoc } = await import('../dist/src/benchmark/describe.js');
const { BENCHMARKS } = await import('../dist/benchmarks/index.js');
const target = new URL('../docs/protocols.md', import.meta.url);
const text = protocolsDoc(BENCHMARKS);
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(target, 'utf8');
  } catch {
    // no file yet: out of date
  }
  if (committed !== text) {
    process.stderr.write('docs/protocols.md is out of date: run npm run docs:protocols\n');
    process.exit(1);
  }
} else {
  writeFileSync(target, text);
  process.stdout.write(`wrote docs/protocols.md (${text.length} characters)\n`);
}
