import { dirname, join } from 'node:path';
import type { Benchmark, MetricSpec } from '../src/benchmark/types.js';
import type { DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import { pickFields, requireCell } from '../src/benchmark/mcq.js';
import { imagesFromPaths } from '../src/data/image-paths.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { vlmevalkitYorn } from '../src/extract/vlmevalkit-yorn.js';
import type { Pipeline } from '../src/extract/types.js';

/**
 * VSR, Visual Spatial Reasoning (cambridgeltl/visual-spatial-reasoning): is a caption's spatial
 * relation true of the COCO image? The authors' models are classifiers scored by accuracy (overall,
 * per relation and per meta-category: analysis_scripts/); for an MLLM they give no prompt or answer
 * rule, so this module reproduces the peer that asks MLLMs, and reads the authors' split files
 * with a prompt of ours (vsrSplits, below):
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

// ---------------------------------------------------------------- the authors' splits

/**
 * The authors' own splits (cambridgeltl/visual-spatial-reasoning@b27a0af0 data/splits/{random,
 * zeroshot}/{train,dev,test}.jsonl; the same files on HF cambridgeltl/vsr_random, vsr_zeroshot):
 * JSONL rows `image` (a COCO file name), `image_link`, `caption`, `label` (1 true, 0 false),
 * `relation`, `subj`, `obj`. The image is read by its name from an `images/` folder (data/README.md:
 * data/images/, two levels above a split file), next to the file, or one level up.
 *
 * The authors train classifiers and publish no MLLM prompt, so the question is OUR design,
 * protocol `caption-yes-no`: the image, then `<caption>\n` + VSR_STATEMENT_QUESTION; the reply is
 * read by the harness's `yes-no` rule. Its metrics are the authors': accuracy, accuracy per
 * relation (analysis_scripts/eval_compute_acc_by_rel.py) and per meta-category
 * (eval_compute_acc_by_rel_meta_cat.py with rel_meta_category_dict.txt), and beside them
 * VLMEvalKit's precision, recall and F1 of "Yes" (VSR_rating; an undecided reply predicts No).
 */
export const VSR_STATEMENT_QUESTION = 'Is this statement about the image true? Answer with Yes or No.';

/** rel_meta_category_dict.txt, line by line. */
const META_CATEGORY_LINES: readonly (readonly [string, readonly string[]])[] = [
  ['Adjacency', ['adjacent to', 'alongside', 'at the side of', 'at the right side of', 'at the left side of', 'attached to', 'at the back of', 'ahead of', 'against', 'at the edge of']],
  ['Directional', ['off', 'past', 'toward', 'down', 'deep down', 'up', 'away from', 'along', 'around', 'from', 'into', 'to', 'across', 'across from', 'through', 'down from']],
  ['Orientation', ['facing', 'facing away from', 'parallel to', 'perpendicular to']],
  ['Projective', ['on top of', 'beneath', 'beside', 'behind', 'left of', 'right of', 'under', 'in front of', 'below', 'above', 'over', 'in the middle of']],
  ['Proximity', ['by', 'close to', 'near', 'far from', 'far away from']],
  ['Topological', ['connected to', 'detached from', 'has as a part', 'part of', 'contains', 'within', 'at', 'on', 'in', 'with', 'surrounding', 'among', 'consists of', 'out of', 'between', 'inside', 'outside', 'touching']],
  ['Unallocated', ['beyond', 'next to', 'opposite to', 'after', 'among', 'enclosed by']],
];

/** Their rel2cat dict: a relation listed twice ("among") keeps the later line's category, as the script's dict does. */
export const VSR_META_CATEGORY: ReadonlyMap<string, string> = new Map(META_CATEGORY_LINES.flatMap(([cat, rels]) => rels.map((r) => [r, cat] as const)));

const RELATION = 'relation';
const META = 'meta_category';

function splitImageDirs(file: string): string[] {
  const here = dirname(file);
  return [join(here, 'images'), join(here, '..', 'images'), join(here, '..', '..', 'images')];
}

async function splitSample(row: DataRow): Promise<Sample> {
  const label = requireCell(row, 'label');
  if (label !== '0' && label !== '1') throw new DataError(row.file, { row: row.rowNumber, column: 'label' }, `expected 1 (true) or 0 (false), found '${label}'`);
  const caption = requireCell(row, 'caption');
  const relation = requireCell(row, RELATION);
  const name = requireCell(row, 'image');
  const images = await imagesFromPaths(row.file, row.rowNumber, [name], splitImageDirs(row.file), 'image');
  const parts: PromptPart[] = [...images.map((image): PromptPart => ({ kind: 'image', image })), { kind: 'text', text: `${caption}\n${VSR_STATEMENT_QUESTION}` }];
  // A relation their dict lacks is counted in no meta-category (the script prints it and skips it).
  const category = VSR_META_CATEGORY.get(relation);
  const fields = { [RELATION]: relation, ...(category === undefined ? {} : { [META]: category }) };
  return { index: String(row.rowNumber - 1), parts, choices: [], answer: label === '1' ? 'Yes' : 'No', fields };
}

const SPLIT_METRICS: readonly MetricSpec[] = [
  { kind: 'accuracy', name: 'accuracy' },
  { kind: 'per-value', field: RELATION },
  { kind: 'per-value', field: META },
  { kind: 'precision-recall-f1', positive: 'Yes', precision: 'precision', recall: 'recall', f1: 'f1' },
];

// The test splits first: the README's line names them.
export const VSR_SPLIT_NAMES = ['test', 'dev', 'train'].flatMap((part) => ['zeroshot', 'random'].map((split) => `VSR_${split}_${part}`));

export const vsrSplits: Benchmark = {
  id: 'vsr',
  title: "VSR, the authors' random and zero-shot splits (JSONL), asked as a Yes/No statement check (our protocol)",
  dataClasses: [],
  datasetNames: VSR_SPLIT_NAMES,
  fileForms: [
    'JSONL: VSR_<random|zeroshot>_<train|dev|test> = data/splits/<random|zeroshot>/<part>.jsonl of GitHub cambridgeltl/visual-spatial-reasoning (or HF cambridgeltl/vsr_random, vsr_zeroshot <part>.jsonl); "path" names the file',
    'images: COCO 2017 files by name in data/images/ (data/README.md: vsr_images.zip from its Dropbox link, or COCO train2017+val2017), next to the file or one level up',
  ],
  records: { toSample: splitSample },
  protocols: [
    { name: 'caption-yes-no', roles: ['primary'], extract: GENERIC_PIPELINES['yes-no'], grouping: { kind: 'row' }, metrics: SPLIT_METRICS, headline: 'accuracy' },
  ],
};
