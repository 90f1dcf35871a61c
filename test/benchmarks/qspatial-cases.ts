/**
 * Q-Spatial replies with what the originals decide, run in Python outside this repo: the authors'
 * QSpatialEvaluator.evaluate (Q-Spatial-Bench-code@ebe8137e; null where it raises IndexError) and
 * VLMEvalKit's QSpatial.evaluate regex branch (delta_2, delta_1_point_5; VLMEvalKit@e8e78f05).
 */
export interface QSpatialCase {
  readonly value: number;
  readonly unit: string;
  readonly reply: string;
  /** The authors' success and predicted centimetres ('nan' for NaN), or null where their code raises. */
  readonly authors: readonly [boolean, number | 'nan'] | null;
  readonly delta2: boolean;
  readonly delta15: boolean;
}

export const QSPATIAL_CASES: readonly QSpatialCase[] = [
  { value: 96.0, unit: "centimeters", reply: "the distance is approximately:\n\n\\scalar{1} \\distance_unit{meter}", authors: [true, 100.0], delta2: true, delta15: true },
  { value: 96.0, unit: "centimeters", reply: "\\scalar{1.5} \\distance_unit{meters}", authors: [true, 150.0], delta2: true, delta15: false },
  { value: 96.0, unit: "centimeters", reply: "\\scalar{2} \\distance_unit{meters}", authors: [false, 200.0], delta2: false, delta15: false },
  { value: 0.5, unit: "meters", reply: "\\scalar{30-40} \\distance_unit{cm}", authors: [true, 35.0], delta2: true, delta15: true },
  { value: 0.5, unit: "meters", reply: "\\scalar{1,000} \\distance_unit{mm}", authors: [false, 0.05], delta2: false, delta15: false },
  { value: 3.0, unit: "feet", reply: "\\scalar{1} \\distance_unit{m}", authors: [true, 100.0], delta2: true, delta15: true },
  { value: 3.0, unit: "feet", reply: "\\scalar{36} \\distance_unit{inches}", authors: [true, 91.44], delta2: true, delta15: true },
  { value: 10.0, unit: "inches", reply: "\\scalar{25} \\distance_unit{CM}", authors: [true, 25.0], delta2: true, delta15: true },
  { value: 10.0, unit: "inches", reply: "\\scalar{25} \\distance_unit{ cm}", authors: [true, 25.0], delta2: false, delta15: false },
  { value: 10.0, unit: "inches", reply: "\\scalar{25} \\distance_unit{yards}", authors: [true, 25.0], delta2: false, delta15: false },
  { value: 1.0, unit: "yards", reply: "\\scalar{1} \\distance_unit{yards}", authors: [true, 1.0], delta2: true, delta15: true },
  { value: 1.0, unit: "yards", reply: "\\scalar{90} \\distance_unit{cm}", authors: [false, 90.0], delta2: false, delta15: false },
  { value: 2.0, unit: "meters", reply: "\\scalar{about} \\distance_unit{meters}", authors: [false, "nan"], delta2: false, delta15: false },
  { value: 2.0, unit: "meters", reply: "\\scalar{0} \\distance_unit{meters}", authors: [false, 0.0], delta2: false, delta15: false },
  { value: 2.0, unit: "meters", reply: "\\scalar{1} \\scalar{3} \\distance_unit{feet} \\distance_unit{meters}", authors: [true, 300.0], delta2: true, delta15: true },
  { value: 2.0, unit: "meters", reply: "\\scalar{1.2 to 1.6 2.0 3 4 5 6 7 8 9} \\distance_unit{meters}", authors: [false, 468.0], delta2: false, delta15: false },
  { value: 2.0, unit: "meters", reply: "\\scalar{0.1 0.2 0.3 0.4 0.5 0.6 0.7 0.8 0.9 1.1 1.3} \\distance_unit{m}", authors: [false, 62.72727272727272], delta2: false, delta15: false },
  { value: 2.0, unit: "meters", reply: "\\scalar{\u0661.5} \\distance_unit{m}", authors: [true, 150.0], delta2: true, delta15: true },
  { value: 1.5, unit: "m", reply: "\\scalar{3} \\distance_unit{m}", authors: [false, 300.0], delta2: true, delta15: false },
  { value: 1.5, unit: "m", reply: "\\scalar{2.99} \\distance_unit{m}", authors: [true, 299.0], delta2: true, delta15: false },
  { value: 0.0, unit: "m", reply: "\\scalar{0} \\distance_unit{m}", authors: [false, 0.0], delta2: true, delta15: true },
  { value: 2.0, unit: "meters", reply: "about two meters", authors: null, delta2: false, delta15: false },
  { value: 2.0, unit: "meters", reply: "\\scalar{2} meters", authors: null, delta2: false, delta15: false },
  { value: 1.0, unit: "yards", reply: "no boxes", authors: null, delta2: false, delta15: false },
];
