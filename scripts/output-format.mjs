#!/usr/bin/env node
/**
 * Writes docs/output-format.md from the work-dir schemas (src/workdir/, compiled to dist/ by
 * `npm run build`). `--check` only compares, exiting 1 when the committed file is out of date.
 */
import { writeOrCheck } from './generated-doc.mjs';

const { outputFormatDoc } = await import('../dist/src/workdir/doc.js');
writeOrCheck('docs/output-format.md', outputFormatDoc(), 'docs:output-format');
