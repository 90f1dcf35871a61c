import type { Benchmark, MetricSpec } from '../src/benchmark/types.js';
import type { Choice, DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import { OPTION_LETTERS, pickFields, readChoices, requireCell, tsvHint, tsvPromptFields } from '../src/benchmark/mcq.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { LMMS_FIRST_LETTER } from '../src/extract/lmms-eval.js';

/**
 * EmbSpatial-Bench (mengfeidu/EmbSpatial-Bench): four-option questions on the spatial relations of
 * objects in embodied scenes from three sources (mp3d, ai2thor, scannet). Its metric is accuracy,
 * per source; the authors have released no inference code, so there is no `official` protocol and
 * each file form is scored as the peer that publishes it does:
 * - VLMEvalKit `EmbSpatialBench` (vlmeval/dataset/embspatialbench.py): SITE's prompt format
 *   ("Question: …\nOptions:\nA: …\nGive me the answer letter directly. The best answer is:"), the
 *   spatial-bench matcher (`vlmevalkit-spatial`, also run on the gold), overall and per data_source.
 * - lmms-eval `embspatial` (FlagEval/EmbSpatial-Bench Parquet): its "Note: …" pre-prompt, "A) …"
 *   lines, the reply's first letter (lmms-eval's `_extract_answer_letter`, the same function as its CV-Bench and BLINK tasks': `lmms-first-letter`), embspatial_acc and per source.
 */

const SOURCES = ['mp3d', 'ai2thor', 'scannet'] as const;
const SOURCE = 'data_source';

function optionsOf(row: DataRow, column: string): string[] {
  const options = row.list(column);
  if (options === undefined || options.length < 2) throw new DataError(row.file, { row: row.rowNumber, column }, 'expected a list of at least two option texts');
  if (options.length > OPTION_LETTERS.length) throw new DataError(row.file, { row: row.rowNumber, column }, `${options.length} options; expected at most ${OPTION_LETTERS.length}`);
  return [...options];
}

const lettered = (texts: readonly string[]): Choice[] => texts.map((text, i) => ({ letter: OPTION_LETTERS[i] as string, text }));

/** EmbSpatialBench.build_prompt (SITE's format). */
export function siteStylePrompt(question: string, options: readonly string[]): string {
  const lines = options.map((o, i) => `${OPTION_LETTERS[i] as string}: ${o}`).join('\n');
  return `Question: ${question}\nOptions:\n${lines}\nGive me the answer letter directly. The best answer is:`;
}

async function imageParts(row: DataRow): Promise<PromptPart[]> {
  return (await row.images()).map((image) => ({ kind: 'image', image }));
}

async function tsvSample(row: DataRow): Promise<Sample> {
  const question = requireCell(row, 'question');
  const choices = lettered(optionsOf(row, 'options'));
  const answer = requireCell(row, 'answer').trim();
  if (!choices.some((c) => c.letter === answer)) throw new DataError(row.file, { row: row.rowNumber, column: 'answer' }, `'${answer}' is not the letter of one of the row's ${choices.length} options`);
  const parts = [...(await imageParts(row)), { kind: 'text' as const, text: siteStylePrompt(question, choices.map((c) => c.text)) }];
  // A model-side prompt builder reads the option columns, as VLMEvalKit's do (none when the TSV has only `options`).
  return { index: requireCell(row, 'index'), parts, choices, answer, fields: pickFields(row, [SOURCE]), tsvPrompt: tsvPromptFields(question, tsvHint(row), readChoices(row)) };
}

/** lmms-eval's default pre_prompt (_default_template_yaml). */
export const LMMS_EMBSPATIAL_NOTE = 'Note: You only need to respond with A, B, C, D without providing any additional information.\n';

/** embspatial_doc_to_text: the note, the question, "A) …" lines. */
export function lmmsEmbSpatialPrompt(question: string, options: readonly string[]): string {
  return `${LMMS_EMBSPATIAL_NOTE}${question}\n${options.map((o, i) => `${OPTION_LETTERS[i] as string}) ${o}`).join('\n')}`;
}

async function lmmsSample(row: DataRow): Promise<Sample> {
  const options = optionsOf(row, 'answer_options');
  const gold = requireCell(row, 'answer');
  // embspatial_process_results: choices = ["A", "B", "C", "D"][answer].
  if (!/^\d+$/.test(gold) || Number(gold) >= Math.min(4, options.length)) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'answer' }, `'${gold}' is not the 0-based position of one of the row's options A–D`);
  }
  const parts = [...(await imageParts(row)), { kind: 'text' as const, text: lmmsEmbSpatialPrompt(requireCell(row, 'question'), options) }];
  return { index: requireCell(row, 'question_id'), parts, choices: lettered(options), answer: OPTION_LETTERS[Number(gold)] as string, fields: pickFields(row, [SOURCE, 'relation']) };
}

const bySource = (overall: string): MetricSpec[] => [{ kind: 'accuracy', name: overall }, { kind: 'per-value', field: SOURCE, values: SOURCES }];

export const embSpatial: Benchmark = {
  id: 'embspatial',
  title: 'EmbSpatial-Bench (embodied spatial relations, 3 sources), as VLMEvalKit scores it',
  dataClasses: ['EmbSpatialBench'],
  datasetNames: ['EmbSpatialBench'],
  fileForms: ['VLMEvalKit TSV: $LMUData/EmbSpatialBench.tsv (EASI leaderboard data)'],
  tsv: { toSample: tsvSample },
  tsvUrl: () => 'https://huggingface.co/datasets/lmms-lab-si/EASI-Leaderboard-Data/resolve/main/EmbSpatialBench.tsv',
  // VLMEvalKit's EmbSpatialBench.DATASET_MD5.
  tsvMd5: { EmbSpatialBench: 'a836cfd8fbe84bb42928ecef1e62ad32' },
  protocols: [{ name: 'vlmevalkit', roles: ['primary', 'twin:vlmevalkit'], extract: GENERIC_PIPELINES['vlmevalkit-spatial'], grouping: { kind: 'row' }, metrics: bySource('overall'), headline: 'overall' }],
};

/** push_to_hub's `data/test-*.parquet`; the exact name is not known here, so it is not downloaded. */
const LMMS_FILES = /(^|\/)test-[^/]*\.parquet$/;

export const embSpatialLmms: Benchmark = {
  id: 'embspatial-lmms',
  title: "EmbSpatial-Bench as lmms-eval's `embspatial` task asks it (FlagEval/EmbSpatial-Bench)",
  dataClasses: [],
  datasetNames: ['EmbSpatialBench_lmms'],
  fileForms: ['Parquet: FlagEval/EmbSpatial-Bench test split (data/test-*.parquet; download it with huggingface-cli)'],
  parquet: { toSample: lmmsSample, imageColumns: ['image'], requiredColumns: ['question_id', 'question', 'answer_options', 'answer', 'image', SOURCE], files: LMMS_FILES },
  hf: { repo: 'FlagEval/EmbSpatial-Bench', datasets: { EmbSpatialBench_lmms: LMMS_FILES } },
  protocols: [{ name: 'lmms-eval', roles: ['primary', 'twin:lmms-eval'], extract: LMMS_FIRST_LETTER, grouping: { kind: 'row' }, metrics: bySource('embspatial_acc'), headline: 'embspatial_acc' }],
};

export const EMBSPATIAL_BENCHMARKS: readonly Benchmark[] = [embSpatial, embSpatialLmms];
