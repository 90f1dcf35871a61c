import { resolve } from 'node:path';
import { z } from 'zod';
import type { Benchmark, EntrySite, MetricSpec, Protocol, Scorer } from '../src/benchmark/types.js';
import type { DataRow, ImageBytes, PromptPart, Sample } from '../src/core/types.js';
import { DataError, InputError } from '../src/core/errors.js';
import { imagesFromPaths } from '../src/data/image-paths.js';
import { pickFields, requireCell } from '../src/benchmark/mcq.js';
import {
  authorsSuccess, AUTHORS_UNKNOWN_UNIT, centimetresPer, qspatialAuthorsDistance, qspatialVlmevalkitDistance, vlmevalkitSuccess, VLMEVALKIT_UNKNOWN_UNIT,
} from '../src/extract/qspatial.js';
import type { Pipeline } from '../src/extract/types.js';

/**
 * Q-Spatial-Bench (andrewliao11/Q-Spatial-Bench, EMNLP 2024): metric distances and sizes from one
 * photo, answered as `\scalar{…} \distance_unit{…}`; success when the estimate is within a factor 2.
 *
 * `QSpatial_plus` is asked as VLMEvalKit's class QSpatial asks it: the image, then one text holding
 * the authors' system prompt, a newline, and their "spatial_prompt_single" user prompt (its typo
 * "thinkg" kept). Scored three ways from the same replies (src/extract/qspatial.ts):
 * - `vlmevalkit` (primary): VLMEvalKit's regex branch, delta_2, per question type;
 * - `vlmevalkit-delta-1.5`: its second number, delta_1_point_5;
 * - `authors-rule`: the authors' QSpatialEvaluator on these replies (unknown unit 1 cm, no 1e-8;
 *   a reply without boxes, where their code raises, is undecided). The prompt here is VLMEvalKit's,
 *   hence not named official.
 * `QSpatial_plus_official` / `QSpatial_scannet_official` are asked as the authors' notebooks build
 * the prompt (examples/iterate_over_dataset.ipynb): the system prompt as a system message, the
 * image and the user prompt as the user message (their repo sends nothing itself, so the image's
 * place before the text is ours, as VLMEvalKit's), scored `official` by their QSpatialEvaluator.
 * QSpatial_scannet's images are ScanNet frames the dataset does not ship: VLMEvalKit and the
 * authors open `<root>/<image_path>` (their download_and_render_scannet_images.py writes them),
 * here the entry's `"image_root"` (default: the Parquet file's folder), its `image` column unread.
 */

export const QSPATIAL_SYSTEM_PROMPT =
  'You will be provided with a question and a 2D image. The question involves measuring the precise distance in 3D space through a 2D image. You will answer the question by providing a numeric answer consisting of a scalar and a distance unit in the format of """\\scalar{scalar} \\distance_unit{distance unit}""" at the end of your response.';

/** prompt_templates/spatial_prompt_single.txt, rendered (no trailing newline). */
export const qspatialUserPrompt = (question: string): string =>
  `Question: ${question}\nLet's thinkg step by step and start by finding good reference objects or object parts in the image.`;

const VALUE = 'answer_value';
const UNIT = 'answer_unit';
const TYPE = 'question_type';

/** Where a row's image comes from: its `image` struct (QSpatial_plus), or `image_root/image_path` (ScanNet frames). */
type ImageSource = (row: DataRow) => Promise<ImageBytes[]>;

const fromImageColumn: ImageSource = (row) => row.images();

function fromImageRoot(root: string | undefined): ImageSource {
  return async (row) => {
    const path = requireCell(row, 'image_path');
    try {
      return await imagesFromPaths(row.file, row.rowNumber, [path], root === undefined ? [] : [root]);
    } catch (err) {
      if (!(err instanceof DataError)) throw err;
      throw new DataError(err.file, err.location, `${err.expected}; QSpatial_scannet's images are ScanNet frames the dataset does not ship: render them with Q-Spatial-Bench-code's QSpatial_scannet/download_and_render_scannet_images.py (ScanNet access needed) and set the entry's "image_root" to the folder image_path is relative to`);
    }
  };
}

/** The row's question, gold and fields; `ask` builds what is sent. */
async function qspatialSample(row: DataRow, images: ImageSource, ask: 'vlmevalkit' | 'authors'): Promise<Sample> {
  const question = requireCell(row, 'question');
  const value = requireCell(row, VALUE);
  if (!Number.isFinite(Number(value)) || value.trim() === '') throw new DataError(row.file, { row: row.rowNumber, column: VALUE }, `expected a number, found '${value}'`);
  const unit = requireCell(row, UNIT);
  const parts: PromptPart[] = (await images(row)).map((image) => ({ kind: 'image', image }));
  const base = { index: String(row.rowNumber - 1), choices: [], answer: `${value} ${unit}`, fields: { ...pickFields(row, [TYPE]), [VALUE]: value, [UNIT]: unit } };
  if (ask === 'authors') {
    parts.push({ kind: 'text', text: qspatialUserPrompt(question) });
    return { ...base, parts, conversation: { system: QSPATIAL_SYSTEM_PROMPT, turns: [] } };
  }
  parts.push({ kind: 'text', text: `${QSPATIAL_SYSTEM_PROMPT}\n${qspatialUserPrompt(question)}` });
  return { ...base, parts, tsvPrompt: { question, options: [] } };
}

const goldCm = (fields: Readonly<Record<string, string>>, unknown: number): number => Number(fields[VALUE]) * centimetresPer(fields[UNIT] ?? '', unknown);
const cm = (extracted: string | null): number | null => (extracted === null ? null : Number(extracted));

const vlmevalkitDelta = (threshold: number): Scorer => ({
  name: `vlmevalkit-qspatial-delta-${threshold}`,
  credit: (extracted, _answer, fields) => (vlmevalkitSuccess(cm(extracted), goldCm(fields, VLMEVALKIT_UNKNOWN_UNIT), threshold) ? 1 : 0),
});

const AUTHORS: Scorer = {
  name: 'qspatial-success',
  credit: (extracted, _answer, fields) => (extracted !== null && authorsSuccess(Number(extracted), goldCm(fields, AUTHORS_UNKNOWN_UNIT)) ? 1 : 0),
};

const VLMEVALKIT_RULE: Pipeline = {
  name: 'vlmevalkit-qspatial',
  kind: 'text',
  rule: 'VLMEvalKit QSpatial regex branch: last \\scalar{} (mean of its numbers) × cm of the last \\distance_unit{} (unknown unit 0; no boxes 1e-8)',
  narrowers: [],
  steps: [qspatialVlmevalkitDistance],
};
const AUTHORS_RULE: Pipeline = {
  name: 'qspatial',
  kind: 'text',
  rule: "the authors' QSpatialEvaluator: last \\scalar{} (mean of its numbers) × cm of the last \\distance_unit{} (unknown unit 1; no boxes: undecided)",
  narrowers: [],
  steps: [qspatialAuthorsDistance],
};

const byType = (name: string): MetricSpec[] => [{ kind: 'accuracy', name }, { kind: 'per-value', field: TYPE }];
const protocol = (name: string, roles: Protocol['roles'], extract: Pipeline, scorer: Scorer, headline: string): Protocol => ({ name, roles, extract, scorer, grouping: { kind: 'row' }, metrics: byType(headline), headline });

const VLMEVALKIT_PROTOCOLS: readonly Protocol[] = [
  protocol('vlmevalkit', ['primary', 'twin:vlmevalkit'], VLMEVALKIT_RULE, vlmevalkitDelta(2), 'delta_2'),
  protocol('vlmevalkit-delta-1.5', [], VLMEVALKIT_RULE, vlmevalkitDelta(1.5), 'delta_1_point_5'),
  protocol('authors-rule', [], AUTHORS_RULE, AUTHORS, 'success_rate'),
];
/** examples/evaluate_success_rate.ipynb's QSpatialEvaluator (delta 2), its success rate per question type beside. */
const OFFICIAL_PROTOCOLS: readonly Protocol[] = [protocol('official', ['primary'], AUTHORS_RULE, AUTHORS, 'success_rate')];

/** push_to_hub names a split's files `data/<split>-*.parquet`; the exact name is not known here, so they are not downloaded. */
const splitFiles = (split: string): RegExp => new RegExp(`(^|/)${split}-[^/]*\\.parquet$`);
const PLUS_FILES = splitFiles('QSpatial_plus');
const SCANNET_FILES = splitFiles('QSpatial_scannet');
const REPO = 'andrewliao11/Q-Spatial-Bench';
const COLUMNS = ['question', VALUE, UNIT, TYPE];

const entrySchema = z.strictObject({ class: z.string(), dataset: z.string().optional(), path: z.string().optional(), extract: z.string().optional(), image_root: z.string().min(1).optional() });

/** A ScanNet module as one entry sets it up: its `"image_root"`, resolved against the config's folder. */
function withImageRoot(module: Benchmark, form: Form): (entry: Readonly<Record<string, unknown>>, where: EntrySite) => Benchmark {
  return (entry, where) => {
    const result = entrySchema.safeParse(entry);
    if (!result.success) {
      const issue = result.error.issues[0];
      const what = issue?.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}` : `"${issue?.path.join('.') ?? ''}": ${issue?.message ?? ''}`;
      throw new InputError(`dataset '${where.name}': ${what}; a QSpatial_scannet entry takes "path" and optionally "image_root" (the folder its image_path values are relative to) and "extract"`);
    }
    const root = result.data.image_root === undefined ? undefined : resolve(where.configDir, result.data.image_root);
    return { ...module, parquet: parquetOf(form, fromImageRoot(root)) };
  };
}

interface Form {
  readonly id: string;
  readonly title: string;
  readonly name: string;
  readonly split: 'QSpatial_plus' | 'QSpatial_scannet';
  readonly ask: 'vlmevalkit' | 'authors';
}

const isScannet = (form: Form): boolean => form.split === 'QSpatial_scannet';

function parquetOf(form: Form, images: ImageSource): NonNullable<Benchmark['parquet']> {
  const scannet = isScannet(form);
  return {
    toSample: (row) => qspatialSample(row, images, form.ask),
    // ScanNet rows are read by image_path alone, as VLMEvalKit drops their image column.
    imageColumns: scannet ? [] : ['image'],
    requiredColumns: [...COLUMNS, scannet ? 'image_path' : 'image'],
    files: scannet ? SCANNET_FILES : PLUS_FILES,
  };
}

function qspatialModule(form: Form): Benchmark {
  const scannet = isScannet(form);
  const files = scannet ? SCANNET_FILES : PLUS_FILES;
  const base: Benchmark = {
    id: form.id,
    title: form.title,
    dataClasses: form.id === 'qspatial' ? ['QSpatial'] : [],
    datasetNames: [form.name],
    fileForms: [`Parquet: ${REPO}, split ${form.split} (data/${form.split}-*.parquet; download it with huggingface-cli)${scannet ? '; its images: ScanNet frames under the entry\'s "image_root", by image_path' : ''}`],
    parquet: parquetOf(form, scannet ? fromImageRoot(undefined) : fromImageColumn),
    hf: { repo: REPO, datasets: { [form.name]: files } },
    protocols: form.ask === 'authors' ? OFFICIAL_PROTOCOLS : VLMEVALKIT_PROTOCOLS,
  };
  return scannet ? { ...base, configure: withImageRoot(base, form) } : base;
}

export const qspatialPlus = qspatialModule({ id: 'qspatial', title: 'Q-Spatial-Bench QSpatial_plus (metric distances from one photo), as VLMEvalKit asks it', name: 'QSpatial_plus', split: 'QSpatial_plus', ask: 'vlmevalkit' });
export const qspatialScannet = qspatialModule({ id: 'qspatial-scannet', title: 'Q-Spatial-Bench QSpatial_scannet (ScanNet frames, local), as VLMEvalKit asks it', name: 'QSpatial_scannet', split: 'QSpatial_scannet', ask: 'vlmevalkit' });
export const qspatialPlusOfficial = qspatialModule({ id: 'qspatial-official', title: "Q-Spatial-Bench QSpatial_plus as its authors ask it (system message) and score it", name: 'QSpatial_plus_official', split: 'QSpatial_plus', ask: 'authors' });
export const qspatialScannetOfficial = qspatialModule({ id: 'qspatial-scannet-official', title: "Q-Spatial-Bench QSpatial_scannet (ScanNet frames, local) as its authors ask and score it", name: 'QSpatial_scannet_official', split: 'QSpatial_scannet', ask: 'authors' });

export const QSPATIAL_BENCHMARKS: readonly Benchmark[] = [qspatialPlus, qspatialScannet, qspatialPlusOfficial, qspatialScannetOfficial];
