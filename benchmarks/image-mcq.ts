import type { Benchmark } from '../src/benchmark/types.js';
import { vlmevalkitMcqSample } from '../src/benchmark/mcq.js';

/** VLMEvalKit's generic ImageMCQDataset: any MCQ TSV in its schema. */
export const imageMcq: Benchmark = {
  id: 'image-mcq',
  title: 'Generic image multiple-choice (VLMEvalKit ImageMCQDataset)',
  dataClasses: ['ImageMCQDataset'],
  datasetNames: [],
  fileForms: ['VLMEvalKit TSV: $LMUData/<dataset>.tsv or "path"'],
  toSample: (row) => vlmevalkitMcqSample(row, { fields: ['split', 'category', 'l2-category'] }),
  extract: 'default',
  metric: {
    breakdowns: ['l2-category', 'category'],
    splitField: 'split',
    circularWhenNameMatches: /circular/i,
  },
};
