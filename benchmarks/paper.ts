import type { PaperColumn } from '../src/benchmark/types.js';

const CV_BENCH = ['cv-bench', 'cv-bench-2d', 'cv-bench-3d'];
const MMSI = ['mmsi-bench', 'mmsi-bench-circular'];

/**
 * The Actial paper's Table 1 layout (3DSRBench, CV-Bench with its tasks, BLINK's spatial subtasks,
 * MMSI-Bench), filled from official metrics. Actial's own configs run CV-Bench as two TSVs, so its
 * Overall falls back to mean(2D, 3D) across the two summaries, as the paper computes it.
 */
export const PAPER_TABLE: readonly PaperColumn[] = [
  { group: '3DSRBench', label: 'Overall', benchmarks: ['3dsrbench'], metric: 'Overall' },
  { group: 'CV-Bench', label: 'Overall', benchmarks: CV_BENCH, metric: 'Overall', orMeanOf: ['2D', '3D'] },
  { group: 'CV-Bench', label: 'Rel', benchmarks: CV_BENCH, metric: 'Relation' },
  { group: 'CV-Bench', label: 'Count', benchmarks: CV_BENCH, metric: 'Count' },
  { group: 'CV-Bench', label: 'Dist', benchmarks: CV_BENCH, metric: 'Distance' },
  { group: 'CV-Bench', label: 'Depth', benchmarks: CV_BENCH, metric: 'Depth' },
  { group: 'BLINK', label: 'Spatial', benchmarks: ['blink'], metric: 'Spatial' },
  { group: 'BLINK', label: 'MultiView', benchmarks: ['blink'], metric: 'Multi-view_Reasoning' },
  { group: 'BLINK', label: 'RelDep', benchmarks: ['blink'], metric: 'Relative_Depth' },
  { group: 'BLINK', label: 'SpRel', benchmarks: ['blink'], metric: 'Spatial_Relation' },
  { group: 'MMSI-Bench', label: 'Overall', benchmarks: MMSI, metric: 'Overall' },
];
