/**
 * The official ViewSpatial-Bench rule against the original's own outputs: every case's expected
 * value comes from running evaluate.py's extract_option (ZJU-REAL/ViewSpatial-Bench@2e85a5e4,
 * /work/xcheck/spar15/viewspatial_xcheck.py) on the same string.
 */
import { describe, expect, it } from 'vitest';
import { viewSpatialAnswer, viewSpatialOption } from '../../src/extract/viewspatial.js';
import { VIEWSPATIAL_CASES } from './viewspatial-cases.js';

describe('ViewSpatial-Bench official extraction (evaluate.py)', () => {
  it.each(VIEWSPATIAL_CASES.map((c) => [JSON.stringify(c.reply), c] as const))('%s', (_name, c) => {
    expect(viewSpatialAnswer(c.reply)).toBe(c.official);
    expect(viewSpatialOption(c.reply)).toBe(c.option);
  });

  it('reads a lower-case article as option A, as the original does', () => {
    expect(viewSpatialAnswer('The chair is a bit left')).toBe('A');
  });
});
