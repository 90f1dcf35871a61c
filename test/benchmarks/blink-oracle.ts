/**
 * BLINK's `analyze_answer` (zeyofu/BLINK_Benchmark eval/test_benchmark.py) written out as the
 * Python reads, for the tests' expected values: independent of src/extract/blink.ts (sets of
 * whitespace-split tokens, as Python's `str.split()`), and cross-checked against the original
 * function in /work/xcheck/official14/blink (see blink-published.test.ts).
 * Returns "(X)", or null where the script would ask GPT-3.5.
 */
// Python's str.split() separators (str.isspace): ASCII whitespace, \x1c-\x1f, \x85 and Unicode spaces.
const PY_SPLIT = /[\t\n\v\f\r \x1c-\x1f\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

const tokens = (text: string): Set<string> => new Set(text.split(PY_SPLIT).filter((t) => t !== ''));

export function blinkOracle(answer: string, options: number): string | null {
  const all = ['(A)', '(B)', '(C)', '(D)', '(E)'].slice(0, options);
  const whole = tokens(answer);
  const last = tokens(answer.split('\n\n').at(-1) ?? '');
  const intersect = all.filter((c) => whole.has(c));
  const intersectLast = all.filter((c) => last.has(c));
  if (['A', 'B', 'C', 'D', 'E'].includes(answer)) return `(${answer})`;
  if (['(A)', '(B)', '(C)', '(D)', '(E)'].includes(answer)) return answer;
  if ((intersect.length !== 1 && intersectLast.length !== 1) || intersect.length < 1) return null;
  return (intersectLast.length === 1 ? intersectLast[0] : intersect[0]) ?? null;
}
