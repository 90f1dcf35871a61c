import type { Command } from 'commander';
import type { JudgeEntry } from '../config/schema.js';
import type { JudgeSession } from '../extract/judge/session.js';
import { judgeFlagSecrets, NO_JUDGE, resolveJudge, type JudgeFlags } from '../extract/judge/settings.js';
import { addSecret, stderr } from './output.js';

/** VLMEvalKit's judge flags (run.py), shared by the main job and `score`. */
export function addJudgeOptions(command: Command): Command {
  return command
    .option('--judge <model>', `LLM judge for answers no rule decides: the served model id (${NO_JUDGE} = no judge)`)
    .option('--judge-base-url <url>', 'judge endpoint, e.g. http://127.0.0.1:8001/v1 (default: config "judge"."api_base", else env OPENAI_API_BASE, else OpenAI)')
    .option('--judge-key <key>', 'judge API key (default: config "judge"."key", else env OPENAI_API_KEY)')
    .option('--judge-api-nproc <n>', 'concurrent judge requests per judge endpoint (default: config "judge"."api_nproc", else --api-nproc, else 16)')
    .option('--judge-args <json>', 'judge settings as JSON, e.g. \'{"max_tokens": 16, "timeout": 60, "retry": 3}\'');
}

export interface OpenJudgeContext {
  readonly entry: JudgeEntry | undefined;
  readonly apiNproc?: number | undefined;
  readonly retry?: number | undefined;
}

/**
 * The judge session the flags, config and env describe, or undefined when no judge is on. Its HTTP
 * client is loaded only when a judge is on.
 */
export async function openJudge(flags: JudgeFlags, ctx: OpenJudgeContext): Promise<JudgeSession | undefined> {
  // Masked before anything can be printed, including errors about the other judge settings.
  for (const key of judgeFlagSecrets(flags)) addSecret(key);
  const spec = resolveJudge({ entry: ctx.entry, flags, env: process.env, apiNproc: ctx.apiNproc, retry: ctx.retry });
  if (spec === undefined) return undefined;
  addSecret(spec.apiKey);
  const { JudgeSession } = await import('../extract/judge/session.js');
  return new JudgeSession(spec, (line) => stderr(`judge: ${line}\n`));
}
