/**
 * Every benchmark authors' judge prompt a protocol may declare, so the mock server can recognise
 * and answer each without loading the benchmark registry (test/extract/judge-prompts.test.ts checks
 * that every declared prompt is listed here).
 */
import { BLINK_JUDGE } from './blink-judge.js';
import type { JudgePrompt } from './judge-prompt.js';
import { MMVP_JUDGE } from './mmvp-judge.js';
import { VLMEVALKIT_JUDGE } from './vlmevalkit-judge.js';

export const AUTHORS_JUDGE_PROMPTS: readonly JudgePrompt[] = [BLINK_JUDGE, VLMEVALKIT_JUDGE, MMVP_JUDGE];
