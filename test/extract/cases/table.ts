/**
 * Shared shape of the extraction case table: every row states the expected result of EVERY
 * multiple-choice pipeline, in one compact string of six fields, in this order:
 *
 *   vlmevalkit  robust  strict  mmsi  blink  vlmevalkit-spatial
 *
 * A field is `-` (undecided, method 'none') or `<answer>:<step>`, the step abbreviated as in STEPS
 * and prefixed by `at>` or `th>` when the answer-tag or think narrower applied first
 * ("B:at>opt" is answer B, method "answer-tag>vlmevalkit-option").
 */
import type { Choice } from '../../../src/core/types.js';

export const MCQ_PIPELINES = ['vlmevalkit', 'robust', 'strict', 'mmsi', 'blink', 'vlmevalkit-spatial'] as const;
export type McqPipeline = (typeof MCQ_PIPELINES)[number];

const STEPS: Readonly<Record<string, string>> = {
  opt: 'vlmevalkit-option',
  txt: 'vlmevalkit-text',
  box: 'boxed',
  tick: 'backticks',
  lead: 'leading-letter',
  is: 'answer-is',
  last: 'last-line-letter',
  otext: 'option-text',
  bare: 'bare-letter',
  lt: 'letter-and-text',
  mmsi: 'mmsi-word-boundary',
  exact: 'blink-exact',
  para: 'blink-last-paragraph',
  paren: 'blink-paren',
  block: 'spatial-answer-block',
  tag: 'spatial-tail-tag',
  lines: 'spatial-last-lines',
  window: 'spatial-window-lines',
  phrase: 'spatial-phrase',
  unique: 'spatial-unique-letter',
  label: 'conclusion-label',
  sole: 'sole-letter',
};
const NARROWERS: Readonly<Record<string, string>> = { at: 'answer-tag', th: 'think' };

export interface Expected {
  readonly answer: string | null;
  readonly method: string;
}

export interface Case {
  readonly family: string;
  readonly name: string;
  readonly text: string;
  readonly choices: readonly Choice[];
  readonly expected: Readonly<Record<McqPipeline, Expected>>;
}

/** A row: name, prediction, the six expected fields, and the choices when not the family's. */
export type Row = readonly [name: string, text: string, expected: string, choices?: readonly Choice[]];

export const opts = (...texts: string[]): Choice[] =>
  texts.map((text, i) => ({ letter: String.fromCharCode(65 + i), text }));

/** Options whose texts total 14 characters: can_infer_text reads predictions of up to 28. */
export const ANIMALS = opts('cat', 'dog', 'bird', 'fish');
export const FIVE = opts('cat', 'dog', 'bird', 'fish', 'horse');
export const DIRS = opts('left', 'right', 'front', 'behind');
export const SIDES = opts('左边', '右边', '上面', '下面');
export const TWO = opts('yes', 'no');

function field(spec: string, where: string): Expected {
  if (spec === '-') return { answer: null, method: 'none' };
  const m = /^([A-Z]):(?:(at|th)>)?([a-z]+)$/.exec(spec);
  const step = STEPS[m?.[3] ?? ''];
  if (m === null || step === undefined) throw new Error(`${where}: bad expectation '${spec}'`);
  const narrower = m[2] === undefined ? '' : `${NARROWERS[m[2]] ?? ''}>`;
  return { answer: m[1] ?? null, method: narrower + step };
}

/** Expands a family's rows, failing loudly on a malformed expectation string. */
export function family(name: string, choices: readonly Choice[], rows: readonly Row[]): Case[] {
  return rows.map(([caseName, text, spec, own]) => {
    const where = `${name} / ${caseName}`;
    const fields = spec.trim().split(/\s+/);
    if (fields.length !== MCQ_PIPELINES.length) throw new Error(`${where}: ${fields.length} fields, want 6`);
    const at = (i: number): Expected => field(fields[i] ?? '', where);
    const expected: Record<McqPipeline, Expected> = {
      vlmevalkit: at(0), robust: at(1), strict: at(2), mmsi: at(3), blink: at(4), 'vlmevalkit-spatial': at(5),
    };
    return { family: name, name: caseName, text, choices: own ?? choices, expected };
  });
}
