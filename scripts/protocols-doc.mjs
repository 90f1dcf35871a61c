#!/usr/bin/env node
/**
 * Writes docs/protocols.md from the benchmark modules (compiled to dist/ by `npm run build`).
 * `--check` only compares, exiting 1 when the committed file is out of date.
 */
import { writeOrCheck } from './generated-doc.mjs';

const { protocolsDoc } = await import('../dist/src/benchmark/describe.js');
const { BENCHMARKS } = await import('../dist/benchmarks/index.js');
writeOrCheck('docs/protocols.md', protocolsDoc(BENCHMARKS), 'docs:protocols');
