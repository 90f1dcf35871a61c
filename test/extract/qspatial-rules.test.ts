/** Q-Spatial's parsing and success rules against the originals' decisions (qspatial-cases.ts). */
import { describe, expect, it } from 'vitest';
import { authorsSuccess, AUTHORS_UNKNOWN_UNIT, centimetresPer, numpySum, parseDistance, qspatialAuthorsDistance, qspatialVlmevalkitDistance, vlmevalkitSuccess, VLMEVALKIT_UNKNOWN_UNIT } from '../../src/extract/qspatial.js';
import { QSPATIAL_CASES } from '../benchmarks/qspatial-cases.js';

describe("Q-Spatial's rules, as the originals decide", () => {
  it.each(QSPATIAL_CASES)('$reply (gold $value $unit)', (c) => {
    const authors = qspatialAuthorsDistance.run(c.reply, []);
    if (c.authors === null) expect(authors).toBeNull();
    else {
      const cm = Number(authors);
      if (c.authors[1] === 'nan') expect(cm).toBeNaN();
      else expect(cm).toBe(c.authors[1]);
      expect(authorsSuccess(cm, c.value * centimetresPer(c.unit, AUTHORS_UNKNOWN_UNIT))).toBe(c.authors[0]);
    }
    const vlm = qspatialVlmevalkitDistance.run(c.reply, []);
    const gold = c.value * centimetresPer(c.unit, VLMEVALKIT_UNKNOWN_UNIT);
    expect(vlmevalkitSuccess(vlm === null ? null : Number(vlm), gold, 2)).toBe(c.delta2);
    expect(vlmevalkitSuccess(vlm === null ? null : Number(vlm), gold, 1.5)).toBe(c.delta15);
  });

  it("sums as numpy's pairwise summation does (differs from a running sum past 8 values)", () => {
    const xs = [5.7, 8.0, 0.6, 1.2, 7.6, 4.7, 3.8, 2.1, 4.9, 8.9, 3.9];
    // numpy.array(xs).sum() in Python: 51.4; Python's (and JS's) left-to-right sum: 51.39999999999999.
    expect(numpySum(xs)).toBe(51.4);
    expect(xs.reduce((s, x) => s + x, 0)).toBe(51.39999999999999);
    expect(parseDistance('\\scalar{1,000} \\distance_unit{m}')).toEqual({ scalar: 0.5, unit: 'm' });
  });
});
