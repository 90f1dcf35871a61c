/** The JSONL reader moved to src/workdir/jsonl.ts; src/extract/judge still imports it from here. */
export { completeLength, forEachJsonl, readJsonl } from '../workdir/jsonl.js';
