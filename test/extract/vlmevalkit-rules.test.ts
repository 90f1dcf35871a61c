/** The untagged-prediction table (vlmevalkit-rules-cases.ts) under both pipelines. */
import { describe } from 'vitest';
import { checkBothPipelines } from './two-pipeline-table.js';
import { VLMEVALKIT_RULE_CASES } from './vlmevalkit-rules-cases.js';

describe('extractAnswer on untagged predictions (vlmevalkit and robust)', () => {
  checkBothPipelines(VLMEVALKIT_RULE_CASES);
});
