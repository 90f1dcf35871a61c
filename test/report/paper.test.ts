import { describe, expect, it } from 'vitest';
import { paperValue, renderPaperTable } from '../../src/report/paper.js';
import { PAPER_TABLE } from '../../benchmarks/paper.js';
import type { Summary } from '../../src/report/summary.js';

function summary(model: string, dataset: string, benchmark: string, official: Record<string, number | null>): Summary {
  return { model, dataset, benchmark, primary: { protocol: 'official', metric: 'Overall', value: null }, metrics: { official, vlmevalkit: {} } } as unknown as Summary;
}

const column = (group: string, label: string) => PAPER_TABLE.find((c) => c.group === group && c.label === label)!;

describe('paper view', () => {
  it('takes CV-Bench Overall from the combined set, else mean(2D, 3D) across the two TSV summaries', () => {
    const halves = [
      summary('m', 'CV-Bench-2D', 'cv-bench-2d', { '2D': 0.8, Relation: 0.9, Count: 0.7 }),
      summary('m', 'CV-Bench-3D', 'cv-bench-3d', { '3D': 0.6, Distance: 0.5, Depth: 0.7 }),
    ];
    expect(paperValue(halves, column('CV-Bench', 'Overall'))).toBeCloseTo(0.7);
    expect(paperValue(halves, column('CV-Bench', 'Dist'))).toBe(0.5);
    const combined = [summary('m', 'CV-Bench', 'cv-bench', { Overall: 0.75 })];
    expect(paperValue(combined, column('CV-Bench', 'Overall'))).toBe(0.75);
    expect(paperValue([halves[0]!], column('CV-Bench', 'Overall'))).toBeNull();
  });

  it('lays out one row per model and leaves out columns nobody has', () => {
    const out = renderPaperTable(
      [summary('b', 'BLINK', 'blink', { Spatial: 0.5, 'Multi-view_Reasoning': 1, Relative_Depth: 0.25, Spatial_Relation: 0.25 }), summary('a', '3DSRBench', '3dsrbench', { Overall: 0.4 })],
      PAPER_TABLE,
    );
    expect(out).toContain('3DSRBench Overall');
    expect(out).toContain('BLINK MultiView');
    expect(out).not.toContain('CV-Bench');
    expect(out.indexOf('│ a ')).toBeLessThan(out.indexOf('│ b '));
  });
});
