import { dirname } from 'node:path';
import type { Benchmark, Grouping, MetricSpec, Protocol } from '../src/benchmark/types.js';
import type { Choice, DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import { OPTION_LETTERS, requireCell } from '../src/benchmark/mcq.js';
import { imagesFromPaths } from '../src/data/image-paths.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { seededRandom, seedFrom } from '../src/score/random.js';

/**
 * What'sUp (Kamath et al., EMNLP 2023; amitakamath/whatsup_vlms@7c1f2550): one image, captions that
 * differ only in the spatial preposition, the FIRST caption always the right one. Six JSON files
 * (Google Drive, or the repo's `--download`), read as dataset_zoo/aro_datasets.py reads them:
 * - Controlled_Images_A / _B (controlled_images_dataset.json, controlled_clevr_dataset.json): objects
 *   `{image_path, caption_options}` with 4 captions; image_path ("data/controlled_images/…") is
 *   relative to the repo root, i.e. the JSON's folder (their ARO_ROOT "data") once "data/" is cut;
 * - COCO_QA_one_obj / _two_obj, VG_QA_one_obj / _two_obj: arrays `[image id, right, wrong]`, the
 *   image `val2017/<id, 12 digits>.jpg` or `vg_images/<id>.jpg` under the JSON's folder.
 *
 * The authors score contrastive models (argmax of image-caption scores). For an MLLM the captions
 * are asked as lettered options — OUR design, protocol `caption-mcq`, not an official one: the
 * options are shuffled by a Fisher-Yates shuffle seeded with FNV-1a of "<dataset>\n<image>\n<captions
 * joined by \n>" (mulberry32), so the order is the same on every run and the gold is not always A.
 * The reply's letter is read by VLMEvalKit's can_infer. The metrics are theirs (evaluate_scores):
 * individual accuracy and per-preposition accuracy (their result_records); for Controlled_Images
 * also pair accuracy (left+right, on+under / in-front+behind of one object pair both right) and set
 * accuracy (all four right), grouped by the image file name's first and last words as their
 * eval_dict keys are (NOT consecutive rows). Their denominators are rows/2 and rows/4: the same as
 * our unit counts when every set has its four images (the released files); a row whose request
 * failed leaves its pair and set out instead of counting them wrong.
 */

const PREPOSITION = 'preposition';
const PAIR = 'pair';
const SET = 'set';

/** Which slot of eval_dict an image fills (the file name's second word), and its pair partner. */
const AXIS_A: Readonly<Record<string, string>> = { left: 'left-right', right: 'left-right', on: 'on-under', under: 'on-under' };
const AXIS_B: Readonly<Record<string, string>> = { left: 'left-right', right: 'left-right', 'in-front': 'front-behind', behind: 'front-behind' };

/** all_prepositions of Controlled_Images: substring tests on the whole image_path, in their order. */
function controlledPreposition(path: string, subset: 'A' | 'B'): string {
  if (path.includes('left_of')) return 'left_of';
  if (path.includes('right_of')) return 'right_of';
  if (subset === 'A') return path.includes('_on_') ? 'on' : 'under';
  return path.includes('_in-front_of_') ? 'in-front_of' : 'behind';
}

/** all_prepositions of COCO_QA / VG_QA, from the right caption (`d[1]`). */
const oneObjectPreposition = (caption: string): string => caption.split(/\s+/).filter((w) => w !== '').at(-1) ?? '';
function cocoTwoPreposition(caption: string): string {
  if (caption.includes('left of')) return 'left';
  if (caption.includes('right of')) return 'right';
  return caption.includes('above') ? 'above' : 'below';
}
function vgTwoPreposition(caption: string): string {
  if (caption.includes('left of')) return 'left';
  if (caption.includes('right of')) return 'right';
  if (caption.includes('front of')) return 'front';
  return caption.includes('behind') ? 'behind' : 'top';
}

/** Our MCQ wording (not the authors': they ask no question). */
export const WHATSUP_QUESTION = 'Which caption describes the image?';
export const WHATSUP_INSTRUCTION = "Answer with the option's letter from the given choices directly.";

/** The captions' order in the prompt: a seeded Fisher-Yates shuffle of 0..n-1 (see the header). */
export function captionOrder(dataset: string, image: string, captions: readonly string[]): number[] {
  const random = seededRandom(seedFrom(`${dataset}\n${image}\n${captions.join('\n')}`));
  const order = captions.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as number, order[i] as number];
  }
  return order;
}

interface Item {
  readonly image: string;
  readonly captions: readonly string[];
  readonly fields: Readonly<Record<string, string>>;
}

async function mcqSample(row: DataRow, dataset: string, item: Item, imagePath: string, column: string): Promise<Sample> {
  const order = captionOrder(dataset, item.image, item.captions);
  const choices: Choice[] = order.map((k, i) => ({ letter: OPTION_LETTERS[i] as string, text: item.captions[k] as string }));
  const answer = OPTION_LETTERS[order.indexOf(0)] as string;
  const images = await imagesFromPaths(row.file, row.rowNumber, [imagePath], [dirname(dirname(row.file))], column);
  const text = `${WHATSUP_QUESTION}\n${choices.map((c) => `${c.letter}. ${c.text}`).join('\n')}\n${WHATSUP_INSTRUCTION}`;
  return {
    index: String(row.rowNumber - 1),
    parts: [...images.map((image): PromptPart => ({ kind: 'image', image })), { kind: 'text', text }],
    choices,
    answer,
    // `caption_order`: the authors' caption index behind each letter, so a reply maps back to theirs.
    fields: { ...item.fields, caption_order: order.join(',') },
  };
}

function captionList(row: DataRow, count: number): string[] {
  const list = row.list('caption_options');
  if (list === undefined || list.length !== count || list.some((c) => c.trim() === '')) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'caption_options' }, `expected a list of ${count} non-empty captions, the first the right one`);
  }
  return [...list];
}

function controlledSample(subset: 'A' | 'B', dataset: string): (row: DataRow) => Promise<Sample> {
  const axes = subset === 'A' ? AXIS_A : AXIS_B;
  return async (row: DataRow): Promise<Sample> => {
    const path = requireCell(row, 'image_path');
    const words = (path.split('/').at(-1) ?? '').split('_');
    const [first = '', slot = ''] = words;
    const axis = axes[slot];
    if (axis === undefined || words.length < 3) {
      throw new DataError(row.file, { row: row.rowNumber, column: 'image_path' }, `expected an image named <object>_<relation>_<object>.jpeg with relation ${Object.keys(axes).join(', ')}, found '${path}'`);
    }
    // eval_dict's key: the first word and the last one without its last five characters (".jpeg").
    const objects = `${first}_${(words.at(-1) ?? '').slice(0, -5)}`;
    const fields = { [PREPOSITION]: controlledPreposition(path, subset), [PAIR]: `${objects}_${axis}`, [SET]: objects };
    const item = { image: path, captions: captionList(row, 4), fields };
    return mcqSample(row, dataset, item, path.replace(/^data\//, ''), 'image_path');
  };
}

function qaSample(dataset: string, imageOf: (id: string) => string, prepositionOf: (caption: string) => string): (row: DataRow) => Promise<Sample> {
  return async (row: DataRow): Promise<Sample> => {
    const id = requireCell(row, 'image_id');
    const right = requireCell(row, 'caption');
    const item = { image: id, captions: [right, requireCell(row, 'foil')], fields: { [PREPOSITION]: prepositionOf(right) } };
    return mcqSample(row, dataset, item, imageOf(id), 'image_id');
  };
}

const individual: MetricSpec[] = [{ kind: 'accuracy', name: 'individual_accuracy' }, { kind: 'per-value', field: PREPOSITION }];
const byKey = (field: string): Grouping => ({ kind: 'key', field, rewrite: [] });
const MCQ = GENERIC_PIPELINES.vlmevalkit;

const QA_PROTOCOLS: readonly Protocol[] = [
  { name: 'caption-mcq', roles: ['primary'], extract: MCQ, grouping: { kind: 'row' }, metrics: individual, headline: 'individual_accuracy' },
];

const CONTROLLED_PROTOCOLS: readonly Protocol[] = [
  ...QA_PROTOCOLS,
  { name: 'caption-mcq-pair', roles: [], extract: MCQ, grouping: byKey(PAIR), cluster: byKey(SET), metrics: [{ kind: 'accuracy', name: 'pair_accuracy' }], headline: 'pair_accuracy' },
  { name: 'caption-mcq-set', roles: [], extract: MCQ, grouping: byKey(SET), metrics: [{ kind: 'accuracy', name: 'set_accuracy' }], headline: 'set_accuracy' },
];

const DRIVE = 'Google Drive folder 164q6X9hrvP-QYpi3ioSnfMuyHpG5oRkZ (amitakamath/whatsup_vlms README; or its main_aro.py --download)';

interface SubsetSpec {
  readonly dataset: string;
  readonly id: string;
  readonly what: string;
  readonly file: string;
  readonly images: string;
  readonly toSample: (row: DataRow) => Promise<Sample>;
  readonly arrays: boolean;
}

const cocoImage = (id: string): string => `val2017/${id.padStart(12, '0')}.jpg`;
const vgImage = (id: string): string => `vg_images/${id}.jpg`;

const SUBSETS: readonly SubsetSpec[] = [
  { dataset: 'Controlled_Images_A', id: 'whatsup-controlled-a', what: 'photos: on / under / left / right', file: 'controlled_images_dataset', images: 'controlled_images/', toSample: controlledSample('A', 'Controlled_Images_A'), arrays: false },
  { dataset: 'Controlled_Images_B', id: 'whatsup-controlled-b', what: 'CLEVR renders: in front / behind / left / right', file: 'controlled_clevr_dataset', images: 'controlled_clevr/', toSample: controlledSample('B', 'Controlled_Images_B'), arrays: false },
  { dataset: 'COCO_QA_one_obj', id: 'whatsup-coco-one', what: 'COCO, one object', file: 'coco_qa_one_obj', images: 'val2017/', toSample: qaSample('COCO_QA_one_obj', cocoImage, oneObjectPreposition), arrays: true },
  { dataset: 'COCO_QA_two_obj', id: 'whatsup-coco-two', what: 'COCO, two objects', file: 'coco_qa_two_obj', images: 'val2017/', toSample: qaSample('COCO_QA_two_obj', cocoImage, cocoTwoPreposition), arrays: true },
  { dataset: 'VG_QA_one_obj', id: 'whatsup-vg-one', what: 'Visual Genome (GQA), one object', file: 'vg_qa_one_obj', images: 'vg_images/', toSample: qaSample('VG_QA_one_obj', vgImage, oneObjectPreposition), arrays: true },
  { dataset: 'VG_QA_two_obj', id: 'whatsup-vg-two', what: 'Visual Genome (GQA), two objects', file: 'vg_qa_two_obj', images: 'vg_images/', toSample: qaSample('VG_QA_two_obj', vgImage, vgTwoPreposition), arrays: true },
];

function subsetBenchmark(s: SubsetSpec): Benchmark {
  // The released names (aro_datasets.py renamed vg_qa_*_obj_v2.json, which marginalization.py still reads).
  const files = new RegExp(`(^|[\\\\/])${s.file}\\.json$`);
  return {
    id: s.id,
    title: `What'sUp ${s.dataset} (${s.what}); captions asked as shuffled options (our protocol)`,
    dataClasses: [],
    datasetNames: [s.dataset],
    fileForms: [`${s.file}.json with ${s.images} beside it (the repo's data/ folder): ${DRIVE}; "path" names the file or folder`],
    json: s.arrays ? { toSample: s.toSample, files, imagePathField: 'image_id', arrayItemFields: ['image_id', 'caption', 'foil'] } : { toSample: s.toSample, files, imagePathField: 'image_path' },
    protocols: s.arrays ? QA_PROTOCOLS : CONTROLLED_PROTOCOLS,
    ...(s.arrays ? {} : { shardGrouping: byKey(SET) }),
  };
}

export const WHATSUP_BENCHMARKS: readonly Benchmark[] = SUBSETS.map(subsetBenchmark);
