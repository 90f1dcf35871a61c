/** VLMEvalKit's YOrN_Extraction, against the original's verdicts (vlmevalkit-yorn-cases.ts). */
import { describe, expect, it } from 'vitest';
import { vlmevalkitYesNo } from '../../src/extract/vlmevalkit-yorn.js';
import { VLMEVALKIT_YORN_CASES } from './vlmevalkit-yorn-cases.js';

describe("VLMEvalKit's YOrN_Extraction, as the original decides", () => {
  it.each(VLMEVALKIT_YORN_CASES)('reads %j as %s', (reply, verdict) => {
    expect(vlmevalkitYesNo(reply)).toBe(verdict === 'Unknown' ? null : verdict);
  });
});
