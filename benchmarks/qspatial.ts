import type { Benchmark, MetricSpec, Protocol, Scorer } from '../src/benchmark/types.js';
import type { DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
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
 *   a reply without boxes, where their code raises, is undecided). The authors send the system prompt
 *   as a system message; the prompt here is VLMEvalKit's, hence not named official.
 * QSpatial_scannet's images are ScanNet renders the dataset does not ship (VLMEvalKit reads them
 * from a local folder by `image_path`); it is not offered here.
 */

export const QSPATIAL_SYSTEM_PROMPT =
  'You will be provided with a question and a 2D image. The question involves measuring the precise distance in 3D space through a 2D image. You will answer the question by providing a numeric answer consisting of a scalar and a distance unit in the format of """\\scalar{scalar} \\distance_unit{distance unit}""" at the end of your response.';

/** prompt_templates/spatial_prompt_single.txt, rendered (no trailing newline). */
export const qspatialUserPrompt = (question: string): string =>
  `Question: ${question}\nLet's thinkg step by step and start by finding good reference objects or object parts in the image.`;

const VALUE = 'answer_value';
const UNIT = 'answer_unit';
const TYPE = 'question_type';

async function vlmevalkitSample(row: DataRow): Promise<Sample> {
  const question = requireCell(row, 'question');
  const value = requireCell(row, VALUE);
  if (!Number.isFinite(Number(value)) || value.trim() === '') throw new DataError(row.file, { row: row.rowNumber, column: VALUE }, `expected a number, found '${value}'`);
  const unit = requireCell(row, UNIT);
  const parts: PromptPart[] = (await row.images()).map((image) => ({ kind: 'image', image }));
  parts.push({ kind: 'text', text: `${QSPATIAL_SYSTEM_PROMPT}\n${qspatialUserPrompt(question)}` });
  return { index: String(row.rowNumber - 1), parts, choices: [], answer: `${value} ${unit}`, fields: { ...pickFields(row, [TYPE]), [VALUE]: value, [UNIT]: unit }, tsvPrompt: { question, options: [] } };
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

/** push_to_hub names the split's files `data/<split>-*.parquet`; the exact name is not known here, so it is not downloaded. */
const PLUS_FILES = /(^|\/)QSpatial_plus-[^/]*\.parquet$/;

export const qspatialPlus: Benchmark = {
  id: 'qspatial',
  title: 'Q-Spatial-Bench QSpatial_plus (metric distances from one photo), as VLMEvalKit asks it',
  dataClasses: ['QSpatial'],
  datasetNames: ['QSpatial_plus'],
  fileForms: ['Parquet: andrewliao11/Q-Spatial-Bench, split QSpatial_plus (data/QSpatial_plus-*.parquet; download it with huggingface-cli)'],
  parquet: { toSample: vlmevalkitSample, imageColumns: ['image'], requiredColumns: ['question', VALUE, UNIT, TYPE, 'image'], files: PLUS_FILES },
  hf: { repo: 'andrewliao11/Q-Spatial-Bench', datasets: { QSpatial_plus: PLUS_FILES } },
  protocols: [
    protocol('vlmevalkit', ['primary', 'twin:vlmevalkit'], VLMEVALKIT_RULE, vlmevalkitDelta(2), 'delta_2'),
    protocol('vlmevalkit-delta-1.5', [], VLMEVALKIT_RULE, vlmevalkitDelta(1.5), 'delta_1_point_5'),
    protocol('authors-rule', [], AUTHORS_RULE, AUTHORS, 'success_rate'),
  ],
};
