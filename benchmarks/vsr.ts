import type { Benchmark } from '../src/benchmark/types.js';
import type { DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import { pickFields, requireCell } from '../src/benchmark/mcq.js';
import { vlmevalkitYorn } from '../src/extract/vlmevalkit-yorn.js';
import type { Pipeline } from '../src/extract/types.js';

/**
 * VSR, Visual Spatial Reasoning (cambridgeltl/visual-spatial-reasoning): is a caption's spatial
 * relation true of the COCO image? The authors' models are classifiers scored by accuracy (overall,
 * per relation and per meta-category: analysis_scripts/); for an MLLM they give no prompt or answer
 * rule, so this module reproduces the peer that asks MLLMs:
 *
 * VLMEvalKit `VSR-zeroshot` (ImageYORNDataset, the zero-shot split as a Yes/No TSV): the question as
 * the prompt, YOrN_Extraction (src/extract/vlmevalkit-yorn.ts), and VSR_rating's four numbers —
 * acc, precision, recall of "Yes", and f1_score (VLMEvalKit prints the first three ×100 and F1 as a
 * fraction; all are fractions here). With a judge model VLMEvalKit asks an LLM about the replies
 * YOrN_Extraction leaves Unknown; the twin is exact matching, so those stay wrong.
 */

async function tsvSample(row: DataRow): Promise<Sample> {
  const answer = requireCell(row, 'answer');
  if (answer !== 'Yes' && answer !== 'No') throw new DataError(row.file, { row: row.rowNumber, column: 'answer' }, `expected Yes or No, found '${answer}'`);
  const question = requireCell(row, 'question');
  const parts: PromptPart[] = (await row.images()).map((image) => ({ kind: 'image', image }));
  parts.push({ kind: 'text', text: question });
  return { index: requireCell(row, 'index'), parts, choices: [], answer, fields: pickFields(row, ['category', 'relation']), tsvPrompt: { question, options: [] } };
}

const YORN: Pipeline = {
  name: 'vlmevalkit-yorn',
  kind: 'yes-no',
  rule: 'VLMEvalKit YOrN_Extraction: lower-cased, process_punctuation, split; yes without no is Yes, no without yes is No, else Unknown',
  narrowers: [],
  steps: [vlmevalkitYorn],
};

export const vsrZeroshot: Benchmark = {
  id: 'vsr-vlmevalkit',
  title: 'VSR zero-shot split (Visual Spatial Reasoning), as VLMEvalKit asks it (Yes/No)',
  dataClasses: [],
  datasetNames: ['VSR-zeroshot'],
  fileForms: ['VLMEvalKit TSV: $LMUData/VSR-zeroshot.tsv (ignoreandfly/vsr_zeroshot_tsv vsr_zeroshot_dataset_yn_strict.tsv)'],
  tsv: { toSample: tsvSample },
  tsvUrl: () => 'https://huggingface.co/datasets/ignoreandfly/vsr_zeroshot_tsv/resolve/main/vsr_zeroshot_dataset_yn_strict.tsv',
  // VLMEvalKit's ImageYORNDataset.DATASET_MD5.
  tsvMd5: { 'VSR-zeroshot': '5ff5e49908ac1cfad35c60b92b001aeb' },
  protocols: [
    {
      name: 'vlmevalkit',
      roles: ['primary', 'twin:vlmevalkit'],
      extract: YORN,
      grouping: { kind: 'row' },
      metrics: [{ kind: 'accuracy', name: 'acc' }, { kind: 'precision-recall-f1', positive: 'Yes', precision: 'precision', recall: 'recall', f1: 'f1_score' }],
      headline: 'acc',
    },
  ],
};
