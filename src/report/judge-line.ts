import type { Summary } from '../workdir/summary.js';

/**
 * The one line a table shows when the primary protocol's rules left answers to an LLM judge (its
 * authors' script asks one there) and no judge was configured: how many, and how they were scored.
 */
export function withoutJudgeLine(s: Summary): string | undefined {
  const main = s.primary.protocol;
  const judge = s.protocols[main]?.judge;
  if (judge === undefined || judge.model !== null || judge.rules_undecided === 0) return undefined;
  const all = judge.rules_decided + judge.rules_undecided;
  return `${main}: ${judge.rules_undecided} of ${all} answers need the LLM judge this protocol asks (${judge.prompt_version}) and no judge is configured: scored as misses, as the authors' script scores an LLM that does not answer; pass --judge MODEL to decide them`;
}
