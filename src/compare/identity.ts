/**
 * Pairing answers is only meaningful when both checkpoints were asked the same question. Settings
 * (model id, temperature, system prompt) may differ between checkpoints; the user message and the
 * gold answer may not.
 */
import { InputError } from '../core/errors.js';
import type { PredictionRecord } from '../workdir/records.js';

export interface PromptCheck {
  /** Rows on both sides, compared. */
  readonly rows: number;
  /** Compared by question text and options (stores written before `question_hash`). */
  readonly byText: number;
  /** Stores too old to hold either: only the gold answer could be compared. */
  readonly unverified: number;
}

type Verdict = 'same' | 'same-text' | 'unverified' | 'different';

export function samePrompt(a: PredictionRecord, b: PredictionRecord): Verdict {
  if (a.answer !== b.answer) return 'different';
  if (a.question_hash !== undefined && b.question_hash !== undefined) return a.question_hash === b.question_hash ? 'same' : 'different';
  if (a.question !== undefined && b.question !== undefined) {
    return a.question === b.question && JSON.stringify(a.choices) === JSON.stringify(b.choices) ? 'same-text' : 'different';
  }
  return 'unverified';
}

/** Throws (exit 2) when any row present on both sides was asked differently. */
export function checkPrompts(dataset: string, a: ReadonlyMap<string, PredictionRecord>, b: ReadonlyMap<string, PredictionRecord>): PromptCheck {
  let rows = 0;
  let byText = 0;
  let unverified = 0;
  const different: string[] = [];
  for (const [index, ra] of a) {
    const rb = b.get(index);
    if (rb === undefined) continue;
    rows++;
    const verdict = samePrompt(ra, rb);
    if (verdict === 'same-text') byText++;
    else if (verdict === 'unverified') unverified++;
    else if (verdict === 'different') different.push(index);
  }
  if (different.length > 0) {
    const first = different[0] as string;
    throw new InputError(
      `compare: ${dataset}: ${different.length} of ${rows} rows were asked a different question (or have a different gold answer) in A and B, ` +
        `e.g. index ${first}: A ${describe(a.get(first))} vs B ${describe(b.get(first))}; ` +
        'answers can only be paired when both were evaluated on the same data file and prompt template',
    );
  }
  return { rows, byText, unverified };
}

function describe(r: PredictionRecord | undefined): string {
  if (r === undefined) return '?';
  // One line: the question's own line breaks would split the error message.
  const text = r.question?.replace(/\s+/g, ' ').trim();
  const q = text === undefined ? '' : `"${text.length > 60 ? `${text.slice(0, 57)}...` : text}" `;
  return `${q}(answer ${r.answer})`;
}
