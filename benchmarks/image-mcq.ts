import type { Benchmark, MetricSpec, Protocol } from '../src/benchmark/types.js';
import { vlmevalkitMcqSample } from '../src/benchmark/mcq.js';

const metrics: readonly MetricSpec[] = [
  { kind: 'accuracy', name: 'Overall' },
  { kind: 'per-value', field: 'l2-category' },
  { kind: 'per-value', field: 'category' },
];
const table = { breakdowns: ['l2-category', 'category'], splitField: 'split' };
const protocol = (extract: Protocol['extract']): Protocol => ({ extract, grouping: { kind: 'row' }, metrics, primary: 'Overall', table });

/** VLMEvalKit's generic ImageMCQDataset: any MCQ TSV in its schema. */
export const imageMcq: Benchmark = {
  id: 'image-mcq',
  title: 'Generic image multiple-choice (VLMEvalKit ImageMCQDataset)',
  dataClasses: ['ImageMCQDataset'],
  datasetNames: [],
  fileForms: ['VLMEvalKit TSV: $LMUData/<dataset>.tsv or "path"'],
  tsv: { toSample: (row) => vlmevalkitMcqSample(row, { fields: ['split', 'category', 'l2-category'] }) },
  // The official pipeline reads <answer>/<think> answers and VLMEvalKit's rules' misses; VLMEvalKit's beside it.
  protocols: { official: protocol('default'), vlmevalkit: protocol('vlmevalkit') },
  circularWhenNameMatches: /circular/i,
};
