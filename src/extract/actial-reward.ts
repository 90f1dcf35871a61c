/**
 * Actial's RL reward, ported rule for rule from its verl reward function
 * (warmsnow-sh/Actial@32f46c31:verl/utils/reward_score/reward_custom.py, `compute_score`):
 * 0.5 × accuracy + 0.5 × format, on the decoded response text.
 *
 * - format: 1 when the response, Python-`strip()`ped, fully matches
 *   `^\s*<think>.*?</think>\s*<answer>.*?</answer>\s*$` (DOTALL, IGNORECASE), else 0; an empty
 *   response is 0.
 * - accuracy: the content of the FIRST `<answer>…</answer>` (DOTALL, IGNORECASE), stripped, equals
 *   the ground truth exactly (`==`, case-sensitive). With no tag (or an empty response) the
 *   extracted value is the literal string "None", which a ground truth "None" matches. An empty
 *   content or an empty ground truth earns 0.
 *
 * Python's `re` semantics differ from JavaScript's here, so the patterns spell them out: `\s` and
 * `strip()` use Python's whitespace set (python.ts), and IGNORECASE lets `i` match 'İ' and 'ı',
 * `s` match 'ſ' and `k` match the Kelvin sign 'K' (checked against CPython 3).
 */
import { PY_WS, pyStrip } from './python.js';

/** A letter as Python's IGNORECASE matches it. */
const CASES: Readonly<Record<string, string>> = { i: 'iI\u0130\u0131', s: 'sS\u017f', k: 'kK\u212a' };

function tag(word: string): string {
  return [...word].map((c) => (/[a-z]/.test(c) ? `[${CASES[c] ?? `${c}${c.toUpperCase()}`}]` : c)).join('');
}

const WS = `[${PY_WS}]*`;
const ANY = '[^]*?';
const FORMAT = new RegExp(`^${WS}<${tag('think')}>${ANY}</${tag('think')}>${WS}<${tag('answer')}>${ANY}</${tag('answer')}>${WS}$`);
const FIRST_ANSWER = new RegExp(`<${tag('answer')}>(${ANY})</${tag('answer')}>`);

/** What `extract_answer_content` returns when there is nothing to extract. */
export const NO_ANSWER = 'None';

/** `format_reward`: 1 or 0. */
export function actialFormat(response: string): number {
  return response !== '' && FORMAT.test(pyStrip(response)) ? 1 : 0;
}

/** `extract_answer_content`: the first answer tag's stripped content, or null (Python: "None"). */
export function actialAnswerContent(response: string): string | null {
  if (response === '') return null;
  const m = FIRST_ANSWER.exec(response);
  return m === null ? null : pyStrip(m[1] ?? '');
}

/** `accuracy_reward_translation` on an extracted content (null = no tag, Python's "None"). */
export function actialAccuracyOf(content: string | null, groundTruth: string): number {
  const predicted = content ?? NO_ANSWER;
  if (predicted === '' || groundTruth === '') return 0;
  return predicted === groundTruth ? 1 : 0;
}

export interface ActialReward {
  readonly format: number;
  readonly accuracy: number;
  /** `compute_score`: 0.5 × accuracy + 0.5 × format. */
  readonly reward: number;
}

export function actialReward(response: string, groundTruth: string): ActialReward {
  const accuracy = actialAccuracyOf(actialAnswerContent(response), groundTruth);
  const format = actialFormat(response);
  return { format, accuracy, reward: 0.5 * accuracy + 0.5 * format };
}
