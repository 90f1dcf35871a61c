/**
 * OmniSpatial's answer rules against the original code's decisions (omnispatial-cases.ts, from
 * running api_eval.process_info and lmms-eval's omni_spatial_process_results in Python), and its
 * prompts against the originals' bytes (sha256 of what they build for one item).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LMMS_OMNI_SPATIAL_PIPELINE, OMNISPATIAL_PIPELINE } from '../../src/extract/omnispatial.js';
import { runPipeline } from '../../src/extract/pipelines.js';
import { authorsSystemPrompt, authorsUserPrompt, lmmsOmniSpatialPrompt, vlmevalkitPrompt } from '../../benchmarks/omnispatial.js';
import { OMNI_LETTERS, PROMPT_ITEM, PROMPT_SHA256 } from './omnispatial-cases.js';

const CHOICES = ['A', 'B', 'C', 'D'].map((letter) => ({ letter, text: letter }));
const sha = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** The gold letter the extracted answer would be credited against ('' = none of A–D). */
const credited = (answer: string | null): string => (answer !== null && ['A', 'B', 'C', 'D'].includes(answer) ? answer : '');

describe('OmniSpatial answer rules, as the original Python decides', () => {
  const types = ['re', 'direct', 'json'] as const;
  it.each(OMNI_LETTERS)('%j → re %s, direct %s, json %s, lmms %s', (reply, re, direct, json, lmms) => {
    const want = { re, direct, json };
    for (const t of types) expect(credited(runPipeline(OMNISPATIAL_PIPELINE, reply, CHOICES, { eval_type: t }).answer), t).toBe(want[t]);
    expect(credited(runPipeline(LMMS_OMNI_SPATIAL_PIPELINE, reply, CHOICES).answer)).toBe(lmms);
  });

  it('a reply without the answer line counts as A only under re, and is named so', () => {
    expect(runPipeline(OMNISPATIAL_PIPELINE, 'no idea', CHOICES, { eval_type: 're' })).toEqual({ answer: 'A', method: 're-missing-counts-as-A' });
    expect(runPipeline(OMNISPATIAL_PIPELINE, 'answer: b', CHOICES, { eval_type: 're' })).toEqual({ answer: 'b', method: 're-answer-line' });
    expect(runPipeline(OMNISPATIAL_PIPELINE, '', CHOICES, { eval_type: 'direct' }).answer).toBeNull();
  });
});

describe('OmniSpatial prompts, byte for byte', () => {
  const { question, options } = PROMPT_ITEM;
  it("the authors' system message for every prompt_type × eval_type, and their user text", () => {
    for (const pt of ['none', 'zeroshot_cot', 'manual_cot'] as const) {
      for (const et of ['re', 'direct', 'json'] as const) expect(sha(authorsSystemPrompt(pt, et)), `${pt}/${et}`).toBe(PROMPT_SHA256.official[`${pt}/${et}`]);
    }
    expect(sha(authorsUserPrompt(question, options))).toBe(PROMPT_SHA256.official_user);
  });

  it("VLMEvalKit's four names (four options, and three with D NaN)", () => {
    const choices = options.map((text, i) => ({ letter: 'ABCD'[i] as string, text }));
    const modes = { OmniSpatialBench: undefined, OmniSpatialBench_default: 'default', OmniSpatialBench_zeroshot_cot: 'zeroshot_cot', OmniSpatialBench_manual_cot: 'manual_cot' } as const;
    for (const [name, mode] of Object.entries(modes)) {
      expect(sha(vlmevalkitPrompt(mode, question, choices)), name).toBe(PROMPT_SHA256.vlmevalkit[name as keyof typeof modes]);
      expect(sha(vlmevalkitPrompt(mode, question, choices.slice(0, 3))), `${name}/3`).toBe(PROMPT_SHA256.vlmevalkit[`${name as keyof typeof modes}/3`]);
    }
  });

  it("lmms-eval omni_spatial's text", () => {
    expect(sha(lmmsOmniSpatialPrompt(question, options))).toBe(PROMPT_SHA256.lmms_omni_spatial);
  });
});
