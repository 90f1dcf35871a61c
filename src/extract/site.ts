/**
 * SITE's answer rule, re-implemented from its rules. Reference: wenqi-wang20/SITE-Bench @ 36295bb
 * eval_scripts/sitebench/utils.py `parse_multi_choice_response` (adapted from MMMU), called by
 * `spatial_process_results` on `results[0].strip()` with the letters of the item's options; the
 * copy in lmms-eval @ 75571cfe lmms_eval/tasks/sitebench/utils.py is the same function.
 *
 * The reply, stripped and padded with a space each side, is searched for candidates in four rounds,
 * each over every option letter in order, the first round that finds any deciding: "(X)"; " X ";
 * "X."; "X:" or ":X" or ": X". One candidate is the answer; of several, the one whose last " X "
 * occurs latest (Python `rfind`, -1 when absent; ties go to the earlier letter, as numpy's argmax).
 * With no candidate the original picks a letter at random: here the step decides nothing and the
 * protocol's scorer credits the expected value of that draw, 1/n (benchmarks/site.ts).
 */
import type { Choice } from '../core/types.js';
import { pyStrip } from './python.js';
import type { ExtractStep } from './types.js';

const ROUNDS: readonly ((letter: string, padded: string) => boolean)[] = [
  (c, r) => r.includes(`(${c})`),
  (c, r) => r.includes(` ${c} `),
  (c, r) => r.includes(`${c}.`),
  (c, r) => r.includes(`${c}:`) || r.includes(`:${c}`) || r.includes(`: ${c}`),
];

export function siteChoice(reply: string, letters: readonly string[]): string | null {
  const padded = ` ${pyStrip(reply)} `;
  for (const round of ROUNDS) {
    const candidates = letters.filter((c) => round(c, padded));
    if (candidates.length === 0) continue;
    let best = candidates[0] as string;
    let bestAt = padded.lastIndexOf(` ${best} `);
    for (const c of candidates.slice(1)) {
      const at = padded.lastIndexOf(` ${c} `);
      if (at > bestAt) [best, bestAt] = [c, at];
    }
    return best;
  }
  return null;
}

export const siteMultiChoice: ExtractStep = {
  name: 'site-multi-choice',
  run: (text: string, choices: readonly Choice[]) => siteChoice(text, choices.map((c) => c.letter)),
};
