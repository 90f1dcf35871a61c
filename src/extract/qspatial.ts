/**
 * Q-Spatial-Bench's answer parsing and success rule, in the two forms that exist:
 * - the authors' (andrewliao11/Q-Spatial-Bench-code@ebe8137e, examples/evaluate_success_rate.ipynb,
 *   QSpatialEvaluator): the last `scalar{…}` of the reply, the mean of the numbers in it (a range
 *   averages; signs and thousands separators are lost: "1,000" is the mean of 1 and 0), times the
 *   unit's centimetres from the last `distance_unit{…}` (m 100, cm 1, ft 30.48, in 2.54, mm 0.1,
 *   an unknown unit 1); success when max(pred/gold, gold/pred) < 2. A reply without either box
 *   makes the original raise; here it is undecided (a failure of the rule, counted, never right).
 * - VLMEvalKit's (vlmeval/dataset/image_vqa.py `QSpatial`): the same parsing, but an unknown unit
 *   is worth 0 cm, a reply without a box is 1e-8 cm, 1e-8 is added to both sides before dividing,
 *   and numpy's max propagates NaN; `delta_2` (< 2) and `delta_1_point_5` (< 1.5).
 * Both take the mean with numpy's pairwise summation, reproduced for exactness.
 */
import { pyFloat } from './python.js';
import type { ExtractStep } from './types.js';

const SCALAR = /scalar\{([^}]*)\}/g;
const UNIT = /distance_unit\{([^}]*)\}/g;
/** Python's `\d+\.?\d*` (\d being any Unicode decimal digit). */
const NUMBER = /\p{Nd}+\.?\p{Nd}*/gu;

/** numpy's pairwise sum (umath pairwise_sum, blocks of 8, PW_BLOCKSIZE 128). */
export function numpySum(a: readonly number[], start = 0, n = a.length): number {
  if (n < 8) {
    let res = 0;
    for (let i = start; i < start + n; i++) res += a[i] as number;
    return res;
  }
  if (n <= 128) {
    const r = Float64Array.from(a.slice(start, start + 8));
    let i = 8;
    for (; i < n - (n % 8); i += 8) for (let j = 0; j < 8; j++) r[j] = (r[j] as number) + (a[start + i + j] as number);
    const at = (k: number): number => r[k] as number;
    let res = (at(0) + at(1) + (at(2) + at(3))) + (at(4) + at(5) + (at(6) + at(7)));
    for (; i < n; i++) res += a[start + i] as number;
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return numpySum(a, start, n2) + numpySum(a, start + n2, n - n2);
}

export interface ParsedDistance {
  /** The mean of the numbers in the last scalar box (NaN when it holds none, as numpy's mean of nothing). */
  readonly scalar: number;
  readonly unit: string;
}

/** The last scalar and unit boxes, or null when either is missing (the original's IndexError). */
export function parseDistance(reply: string): ParsedDistance | null {
  const scalarBox = [...reply.matchAll(SCALAR)].at(-1)?.[1];
  const unit = [...reply.matchAll(UNIT)].at(-1)?.[1];
  if (scalarBox === undefined || unit === undefined) return null;
  const numbers = [...scalarBox.matchAll(NUMBER)].map((m) => pyFloat(m[0]) ?? Number.NaN);
  return { scalar: numbers.length === 0 ? Number.NaN : numpySum(numbers) / numbers.length, unit };
}

const CENTIMETRES: readonly (readonly [readonly string[], number])[] = [
  [['meters', 'meter', 'm', 'metre', 'metres'], 100],
  [['centimeters', 'centimeter', 'cm'], 1],
  [['feet', 'foot', 'ft'], 30.48],
  [['inch', 'inches', 'in'], 2.54],
  [['mm'], 0.1],
];

/** `_get_multiplier` (lower-cased, not stripped): centimetres per unit, `unknown` for any other. */
export function centimetresPer(unit: string, unknown: number): number {
  const u = unit.toLowerCase();
  return CENTIMETRES.find(([names]) => names.includes(u))?.[1] ?? unknown;
}

/** The authors' unknown unit counts 1 cm, VLMEvalKit's 0. */
export const AUTHORS_UNKNOWN_UNIT = 1;
export const VLMEVALKIT_UNKNOWN_UNIT = 0;

/** A step giving the predicted distance in centimetres (as JS prints the double), or null without boxes. */
function distanceStep(name: string, unknown: number): ExtractStep {
  return {
    name,
    run: (text) => {
      const parsed = parseDistance(text);
      return parsed === null ? null : String(parsed.scalar * centimetresPer(parsed.unit, unknown));
    },
  };
}

export const qspatialAuthorsDistance = distanceStep('qspatial-boxes', AUTHORS_UNKNOWN_UNIT);
export const qspatialVlmevalkitDistance = distanceStep('vlmevalkit-qspatial-boxes', VLMEVALKIT_UNKNOWN_UNIT);

/** Python's two-argument max: the second only when it compares greater (so max(nan, x) is nan, max(x, nan) is x). */
const pyMax = (a: number, b: number): number => (b > a ? b : a);
/** numpy's max over two values: NaN if either is. */
const npMax = (a: number, b: number): number => (Number.isNaN(a) || Number.isNaN(b) ? Number.NaN : Math.max(a, b));

/** QSpatialEvaluator.evaluate's success (delta 2). */
export function authorsSuccess(predictedCm: number, goldCm: number): boolean {
  return pyMax(predictedCm / goldCm, goldCm / predictedCm) < 2;
}

/** VLMEvalKit's delta_<threshold>: 1e-8 on both sides (a missing box is 1e-8 already). */
export function vlmevalkitSuccess(predictedCm: number | null, goldCm: number, threshold: number): boolean {
  const p = (predictedCm ?? 1e-8) + 1e-8;
  const g = goldCm + 1e-8;
  return npMax(p / g, g / p) < threshold;
}
