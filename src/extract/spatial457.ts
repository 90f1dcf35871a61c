/**
 * Spatial457's answer reading and matching, as VLMEvalKit runs them — the pipeline the authors'
 * README evaluates with (open-compass/VLMEvalKit@e8e78f05, vlmeval/dataset/spatial457.py
 * `Spatial457.evaluate` and vlmeval/dataset/utils/spatial457.py `Spatial457_utils.is_correct`),
 * re-implemented from their behaviour:
 * - the answer is the first of `Answer': '…'`, `Answer": "…"`, `Answer': <digit>` found in the reply
 *   (each on one line, shortest), else — VLMEvalKit's ROBUST mode — the whole reply (counted as a
 *   format error);
 * - it is right when it equals the gold ignoring case; "none" counts as "no"; "0" is right for "No";
 *   a number word zero…ten for its digits; any digit 1–9 for "Yes"; or when the first words of both
 *   are sub-shapes of one super-shape (any two bikes, any car and a truck, …).
 */
import type { ExtractStep } from './types.js';

// Python's `.` (no DOTALL) stops only at "\n"; JS's also at \r, U+2028 and U+2029, so it is spelled out.
const QUOTED_SINGLE = /Answer': '([^\n]*?)'/;
const QUOTED_DOUBLE = /Answer": "([^\n]*?)"/;

function firstMatch(pattern: RegExp, text: string): string | null {
  return pattern.exec(text)?.[1] ?? null;
}

/** Python's `\d` is any Unicode decimal digit. */
const BARE_DIGIT = /Answer': (\p{Nd})/u;

export const spatial457Quoted: ExtractStep = { name: 'spatial457-answer', run: (text) => firstMatch(QUOTED_SINGLE, text) ?? firstMatch(QUOTED_DOUBLE, text) ?? firstMatch(BARE_DIGIT, text) };
/** ROBUST: the whole reply is the answer (VLMEvalKit counts it as a format error). */
export const spatial457WholeReply: ExtractStep = { name: 'spatial457-whole-reply', run: (text) => text };


const TEXT_TO_NUM: Readonly<Record<string, string>> = {
  zero: '0', one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9', ten: '10',
};

const SUB_SHAPES: Readonly<Record<string, readonly string[]>> = {
  car: ['suv', 'wagon', 'minivan', 'sedan', 'truck', 'addi', 'car'],
  bus: ['articulated', 'regular', 'double', 'school', 'bus'],
  motorbike: ['chopper', 'dirtbike', 'scooter', 'cruiser', 'motorbike'],
  aeroplane: ['jet', 'fighter', 'biplane', 'airliner', 'aeroplane'],
  bicycle: ['road', 'utility', 'mountain', 'tandem', 'bicycle'],
};
const SUPER_SHAPE = new Map(Object.entries(SUB_SHAPES).flatMap(([superShape, subs]) => subs.map((s) => [s, superShape] as const)));

function sameSuperShape(a: string, b: string): boolean {
  const x = SUPER_SHAPE.get(a.toLowerCase().split(' ')[0] ?? '');
  const y = SUPER_SHAPE.get(b.toLowerCase().split(' ')[0] ?? '');
  return x !== undefined && x === y;
}

/** `Spatial457_utils.is_correct(answer, predict)`. */
export function spatial457Correct(gold: string, extracted: string): boolean {
  const predict = extracted.toLowerCase() === 'none' ? 'no' : extracted;
  if (predict.toLowerCase() === gold.toLowerCase()) return true;
  if (predict === '0' && gold === 'No') return true;
  if (TEXT_TO_NUM[predict.toLowerCase()] === gold) return true;
  if (gold.toLowerCase() === 'yes' && /^[1-9]$/.test(predict)) return true;
  return sameSuperShape(predict, gold);
}
