/**
 * `M/M_D_judge.jsonl`: the LLM judge's verdicts, appended as they arrive so a rerun never asks
 * again. The key covers everything a verdict depends on (judge model, prompt version, question,
 * options, prediction), so anything new is a miss, never a stale hit.
 */
import { z } from 'zod';
import { parseWith } from './errors.js';
import { forEachJsonl } from './jsonl.js';
import type { DeepReadonly } from './readonly.js';

export const JUDGE_CACHE_FORMAT = 'actial-eval/judge-cache@1';

export const cachedVerdictSchema = z.strictObject({
  key: z.string().describe('sha256 of judge model, prompt version, question, options and prediction'),
  index: z.string().describe('row it was first asked for (the key, not the index, identifies a verdict)'),
  judge_model: z.string().describe('model id of the judge'),
  prompt_version: z.string().describe("version of the judge's prompt"),
  verdict: z.string().nullable().describe('the option letter, or null when the judge could not decide'),
  reply: z.string().describe("the judge's last reply, shortened, for audits"),
  asks: z.number().int().min(0).describe('judge requests it took (a reply that was not a letter is asked once more)'),
  time: z.string().describe('when it was written (ISO 8601)'),
});

export type CachedVerdict = DeepReadonly<z.infer<typeof cachedVerdictSchema>>;

export function verdictLine(v: CachedVerdict): string {
  return `${JSON.stringify(v)}\n`;
}

/** Every complete line, validated (a torn last line is left out, as in the prediction store). */
export async function forEachVerdict(file: string, visit: (v: CachedVerdict, line: number) => void): Promise<void> {
  await forEachJsonl(file, (value, line) => visit(parseWith(cachedVerdictSchema, value, file, line), line));
}
