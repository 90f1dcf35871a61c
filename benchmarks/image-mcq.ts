import type { Benchmark, MetricSpec, Protocol } from '../src/benchmark/types.js';
import { vlmevalkitMcqSample } from '../src/benchmark/mcq.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';

const metrics: readonly MetricSpec[] = [
  { kind: 'accuracy', name: 'Overall' },
  { kind: 'per-value', field: 'l2-category' },
  { kind: 'per-value', field: 'category' },
];
const table = { breakdowns: ['l2-category', 'category'], splitField: 'split' };
const protocol = (name: string, roles: Protocol['roles'], extract: Protocol['extract']): Protocol => ({ name, roles, extract, grouping: { kind: 'row' }, metrics, headline: 'Overall', table });

/** VLMEvalKit's generic ImageMCQDataset: any MCQ TSV in its schema. */
export const imageMcq: Benchmark = {
  id: 'image-mcq',
  title: 'Generic image multiple-choice (VLMEvalKit ImageMCQDataset)',
  dataClasses: ['ImageMCQDataset'],
  datasetNames: [],
  fileForms: ['VLMEvalKit TSV: $LMUData/<dataset>.tsv or "path"'],
  tsv: { toSample: (row) => vlmevalkitMcqSample(row, { fields: ['split', 'category', 'l2-category'] }) },
  // There are no authors here: the primary protocol reads <answer>/<think> answers and VLMEvalKit's
  // rules' misses; VLMEvalKit's exact matching beside it.
  protocols: [protocol('official', ['primary', 'judge'], GENERIC_PIPELINES.robust), protocol('vlmevalkit', ['twin:vlmevalkit'], GENERIC_PIPELINES.vlmevalkit), protocol('robust', [], GENERIC_PIPELINES.robust)],
  circularWhenNameMatches: /circular/i,
};
