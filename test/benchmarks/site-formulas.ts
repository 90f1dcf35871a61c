/**
 * The SITE formulas written out plainly, shared by the image and video tests: SITE-Bench @36295bb
 * eval_scripts/sitebench/utils.py (= lmms-eval tasks/sitebench/utils.py spatial_process_results /
 * spatial_aggregate_results / _aggregate_category_caa) and VLMEvalKit sitebench.py +
 * spatial_bench/cal_scores.py compute_caa_score (n = the row's option / candidate count).
 */
import { SITE_CATEGORIES } from '../../benchmarks/site.js';
import { extractAnswer } from '../../src/extract/pipelines.js';

/** parse_multi_choice_response on the stripped reply; null where the original draws at random. */
export function siteLetter(reply: string, n: number): string | null {
  const r = ` ${reply.trim()} `;
  const letters = 'ABCDEFGH'.slice(0, n).split('');
  const rounds = [(c: string) => r.includes(`(${c})`), (c: string) => r.includes(` ${c} `), (c: string) => r.includes(`${c}.`), (c: string) => r.includes(`${c}:`) || r.includes(`:${c}`) || r.includes(`: ${c}`)];
  for (const round of rounds) {
    const cands = letters.filter(round);
    if (cands.length === 1) return cands[0] as string;
    if (cands.length > 1) {
      const at = cands.map((c) => r.lastIndexOf(` ${c} `));
      return cands[at.indexOf(Math.max(...at))] as string;
    }
  }
  return null;
}

export interface Item {
  readonly index: string;
  readonly gold: string;
  readonly n: number;
  readonly category: string;
  readonly reply: string;
}

/** The random draw's expected score when nothing matched. */
const officialScore = (u: Item): number => {
  const letter = siteLetter(u.reply, u.n);
  return letter === null ? 1 / u.n : letter === u.gold ? 1 : 0;
};
const vlmevalkitScore = (u: Item): number => (extractAnswer('vlmevalkit-spatial', u.reply, []).answer?.toLowerCase() === u.gold.toLowerCase() ? 1 : 0);

const meanOrNull = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length);
/** CAA = (Σ X_i − Σ 1/n_i) / (N − Σ 1/n_i), item by item. */
function caa(units: readonly Item[], score: (u: Item) => number): number | null {
  if (units.length === 0) return null;
  const chance = units.reduce((s, u) => s + 1 / u.n, 0);
  return (units.reduce((s, u) => s + score(u), 0) - chance) / (units.length - chance);
}

export function expectedMetrics(units: readonly Item[]): Record<string, Record<string, number | null>> {
  const inCat = (c: string) => units.filter((u) => u.category === c);
  const official: Record<string, number | null> = { accuracy: meanOrNull(units.map(officialScore)), chance_adjusted_acc: caa(units, officialScore) };
  for (const [c, key] of SITE_CATEGORIES) {
    official[`${key}_acc`] = meanOrNull(inCat(c).map(officialScore));
    official[`${key}_caa`] = caa(inCat(c), officialScore);
  }
  const vlmevalkit: Record<string, number | null> = { overall_accuracy: meanOrNull(units.map(vlmevalkitScore)), overall_caa: caa(units, vlmevalkitScore) };
  for (const [c] of SITE_CATEGORIES) vlmevalkit[`${c}_accuracy`] = meanOrNull(inCat(c).map(vlmevalkitScore));
  for (const [c] of SITE_CATEGORIES) vlmevalkit[`${c}_caa`] = caa(inCat(c), vlmevalkitScore);
  return { official, vlmevalkit };
}

