import type { DataRow, FrameSampling, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import type { Benchmark, MetricSpec, Protocol, Scorer } from '../src/benchmark/types.js';
import { requireCell } from '../src/benchmark/mcq.js';
import { pyFloat } from '../src/extract/python.js';
import type { Pipeline } from '../src/extract/types.js';
import { isNumericType, lmmsVsiAnswer, onlyMca, VSI_MCA_TYPES, VSI_NA_TYPES, vlmevalkitVsiNumber, vsiFirstToken } from '../src/extract/vsibench.js';
import { SPATIAL_STEPS } from '../src/extract/spatial-bench.js';
import { mraCredit, numpyLinspace, type MraSettings } from '../src/score/mra.js';
import { dirname } from 'node:path';

/**
 * VSI-Bench (nyu-visionx/VSI-Bench: 5,130 questions on 288 indoor-scene videos of ARKitScenes,
 * ScanNet and ScanNet++), read from the authors' Parquet (`test-00000-of-00001.parquet`, and the
 * `test_debiased` / `test_pruned` splits of their bias pruning) with the videos at
 * `<dataset>/<scene_name>.mp4` beside it (their zips unpacked), or from VLMEvalKit's TSV
 * (`VSI-Bench.tsv` / `VSI-Bench-Debiased.tsv`, column `video`) under its `_<n>frame` / `_<k>fps` names.
 *
 * The prompt follows the file: the authors' (thinking-in-space@51e089c3 lmms_eval/tasks/vsibench,
 * kept by lmms-eval) for their Parquet, VLMEvalKit's (vlmeval/dataset/vsibench.py
 * `build_prompt`: no "Options:" line, another NA instruction) for its TSV. Each reply is scored by
 * the authors' rule (`official`), by VLMEvalKit's (`vlmevalkit`: its spatial-bench option matcher
 * and can_match_na, without its optional LLM judge) and by lmms-eval's (`lmms-eval`, which reads
 * NA numbers anywhere in the reply).
 */

const PRE_PROMPT = 'These are frames of a video.';
const MCA_POST = "Answer with the option's letter from the given choices directly.";
const OFFICIAL_NA_POST = 'Please answer the question using a single word or phrase.';
const VLMEVALKIT_NA_POST = 'Answer briefly and directly in one float number.';

const QUESTION_TYPES: readonly string[] = [...VSI_MCA_TYPES, ...VSI_NA_TYPES];

function questionType(row: DataRow): string {
  const type = requireCell(row, 'question_type');
  if (!QUESTION_TYPES.includes(type)) throw new DataError(row.file, { row: row.rowNumber, column: 'question_type' }, `'${type}' is not a VSI-Bench question type (one of ${QUESTION_TYPES.join(', ')})`);
  return type;
}

/** A numeric gold answer the formula divides by: it must be a non-zero number (the script would raise). */
function checkGold(row: DataRow, column: string, type: string, answer: string): void {
  if (!isNumericType(type)) return;
  const gold = pyFloat(answer);
  if (gold === null || gold === 0 || !Number.isFinite(gold)) {
    throw new DataError(row.file, { row: row.rowNumber, column }, `'${answer}' is not a non-zero number (a ${type} answer is divided by in the MRA)`);
  }
}

function choicesOf(options: readonly string[]): Sample['choices'] {
  return options.map((text, i) => {
    const m = /^([A-Z])\.\s*(.*)$/s.exec(text);
    return m !== null ? { letter: m[1] as string, text: m[2] as string } : { letter: String.fromCharCode(65 + i), text };
  });
}

/** The authors' Parquet: `id, dataset, scene_name, question_type, question, options, ground_truth`. */
async function officialSample(row: DataRow): Promise<Sample> {
  const index = requireCell(row, 'id');
  const type = questionType(row);
  const question = requireCell(row, 'question');
  const answer = requireCell(row, 'ground_truth');
  checkGold(row, 'ground_truth', type, answer);
  const dataset = requireCell(row, 'dataset');
  const scene = requireCell(row, 'scene_name');
  const options = isNumericType(type) ? [] : (row.list('options') ?? []);
  if (!isNumericType(type) && options.length === 0) throw new DataError(row.file, { row: row.rowNumber, column: 'options' }, `a list of options for a ${type} question`);
  const text = isNumericType(type)
    ? `${PRE_PROMPT}\n${question}\n${OFFICIAL_NA_POST}`
    : [PRE_PROMPT, question, `Options:\n${options.join('\n')}`, MCA_POST].join('\n');
  const parts: PromptPart[] = [{ kind: 'video', video: { file: `${dataset}/${scene}.mp4`, base: dirname(row.file) } }, { kind: 'text', text }];
  return { index, parts, choices: choicesOf(options), answer, fields: { question_type: type, dataset, scene_name: scene } };
}

/** VLMEvalKit's TSV: `index, question, question_type, candidates, answer, video`. */
async function vlmevalkitSample(row: DataRow): Promise<Sample> {
  const index = requireCell(row, 'index');
  const type = questionType(row);
  const question = requireCell(row, 'question');
  const answer = requireCell(row, 'answer');
  checkGold(row, 'answer', type, answer);
  const video = requireCell(row, 'video');
  const options = isNumericType(type) ? [] : row.list('candidates');
  if (options === undefined || (!isNumericType(type) && options.length === 0)) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'candidates' }, `a Python list of options for a ${type} question`);
  }
  const lines = isNumericType(type) ? [PRE_PROMPT, question, VLMEVALKIT_NA_POST] : [PRE_PROMPT, question, options.join('\n'), MCA_POST];
  const parts: PromptPart[] = [{ kind: 'video', video: { file: video, base: dirname(row.file) } }, { kind: 'text', text: lines.join('\n') }];
  return { index, parts, choices: choicesOf(options), answer, fields: { question_type: type } };
}

/**
 * `mean_relative_accuracy(start=.5, end=.95, interval=.05)`: `np.linspace(.5, .95, int((.95 − .5) / .05 + 2))`
 * (10 points: the float quotient is 10.999…), right at θ when |ŷ − y| / y ≤ 1 − θ.
 */
export const VSI_MRA: MraSettings = {
  thresholds: numpyLinspace(0.5, 0.95, Math.trunc((0.95 - 0.5) / 0.05 + 2)),
  comparison: 'inclusive',
  bound: 'one-minus-theta',
  denominator: 'signed',
};

/**
 * The authors' `vsibench_process_results`: MCA `exact_match` (case-insensitive equality with the
 * letter); NA the MRA of `float()` of the answer, 0 where it is no number (their TypeError branch).
 */
export function vsiCredit(extracted: string | null, answer: string, fields: Readonly<Record<string, string>>): number {
  if (!isNumericType(fields['question_type'])) return extracted !== null && extracted.toLowerCase() === answer.toLowerCase() ? 1 : 0;
  const pred = extracted === null ? null : pyFloat(extracted);
  const gold = pyFloat(answer);
  return pred === null || gold === null ? 0 : mraCredit(pred, gold, VSI_MRA);
}

const SCORER: Scorer = { name: 'vsibench-mra', credit: vsiCredit };

/** VLMEvalKit's MRA (cal_scores.py): the same grid and `≤`, divided by |y| (by 1 for y = 0, never reached: gold 0 is refused). */
export const VLMEVALKIT_VSI_MRA: MraSettings = { ...VSI_MRA, denominator: 'abs' };

/**
 * VLMEvalKit's compute_mcq_score / compute_na_score: the matched letter equals the gold letter
 * (both lower-cased), or the MRA of the matched number; 0 where nothing matched.
 */
export function vlmevalkitVsiCredit(extracted: string | null, answer: string, fields: Readonly<Record<string, string>>): number {
  if (extracted === null) return 0;
  if (!isNumericType(fields['question_type'])) return extracted.toLowerCase() === answer.trim().toLowerCase() ? 1 : 0;
  const pred = pyFloat(extracted);
  const gold = pyFloat(answer);
  return pred === null || gold === null ? 0 : mraCredit(pred, gold, VLMEVALKIT_VSI_MRA);
}

/** Per question type, rel_direction as the plain mean of its three, overall as the mean of the eight tasks. */
const TASKS = ['object_counting', 'object_abs_distance', 'object_size_estimation', 'room_size_estimation', 'object_rel_distance', 'object_rel_direction', 'route_planning', 'obj_appearance_order'];
const METRICS: readonly MetricSpec[] = [
  { kind: 'per-value', field: 'question_type', values: QUESTION_TYPES },
  { kind: 'mean', name: 'object_rel_direction', of: ['object_rel_direction_easy', 'object_rel_direction_medium', 'object_rel_direction_hard'] },
  { kind: 'mean', name: 'Overall', of: TASKS },
];

const OFFICIAL: Pipeline = { name: 'vsibench', kind: 'text', narrowers: [], steps: [vsiFirstToken] };
const LMMS_EVAL: Pipeline = { name: 'vsibench-lmms-eval', kind: 'text', narrowers: [], steps: [lmmsVsiAnswer] };

// VLMEvalKit: can_match_option (its spatial-bench matcher, letters A–F) for MCA, can_match_na for NA.
const VLMEVALKIT: Pipeline = { name: 'vsibench-vlmevalkit', kind: 'text', narrowers: [], steps: [vlmevalkitVsiNumber, ...SPATIAL_STEPS.map(onlyMca)] };
const VLMEVALKIT_SCORER: Scorer = { name: 'vsibench-vlmevalkit', credit: vlmevalkitVsiCredit };

const protocol = (name: string, roles: Protocol['roles'], extract: Pipeline, scorer: Scorer = SCORER): Protocol => ({ name, roles, extract, scorer, grouping: { kind: 'row' }, metrics: METRICS, headline: 'Overall' });

const VLMEVALKIT_NAME = /^(VSI-Bench(?:-Debiased)?)_(?:(\d+)frame|(\d+)fps)$/;
const VLMEVALKIT_NAMES = ['VSI-Bench', 'VSI-Bench-Debiased'].flatMap((base) => ['128frame', '64frame', '32frame', '16frame', '2fps', '1fps'].map((s) => `${base}_${s}`));
const EASI = 'https://huggingface.co/datasets/lmms-lab-si/EASI-Leaderboard-Data/resolve/main';
// VLMEvalKit's VsiBench.DATASET_MD5, for every name that reads the file.
const MD5: Readonly<Record<string, string>> = { 'VSI-Bench': '34544fd83241391d83eff087a1be7d83', 'VSI-Bench-Debiased': '2a075fbc69a7725fe7f0718eafb7fca5' };

/** `_32frame` → VLMEvalKit's uniform_tail; `_2fps` → its fps mode; the authors' names → 32 frames by linspace (their evaluate_all_in_one.sh). */
function sampling(datasetName: string): FrameSampling {
  const m = VLMEVALKIT_NAME.exec(datasetName);
  if (m?.[2] !== undefined) return { kind: 'uniform_tail', nframe: Number(m[2]) };
  if (m?.[3] !== undefined) return { kind: 'fps', fps: Number(m[3]) };
  return { kind: 'linspace', nframe: 32 };
}

const tsvBase = (name: string): string | undefined => VLMEVALKIT_NAME.exec(name)?.[1];

export const vsiBench: Benchmark = {
  id: 'vsibench',
  title: 'VSI-Bench (videos of indoor scenes: MCA accuracy, NA mean relative accuracy)',
  dataClasses: ['VsiBench'],
  datasetNames: ['VSI-Bench', 'VSI-Bench-Debiased', 'VSI-Bench-Pruned', ...VLMEVALKIT_NAMES],
  fileForms: [
    "HF nyu-visionx/VSI-Bench: test-00000-of-00001.parquet (VSI-Bench), test_debiased.parquet, test_pruned.parquet, videos <dataset>/<scene_name>.mp4 beside them (unzip arkitscenes.zip, scannet.zip, scannetpp.zip there)",
    'VLMEvalKit TSV: $LMUData/VSI-Bench.tsv or VSI-Bench-Debiased.tsv (names VSI-Bench_32frame, …_2fps), column video relative to "video": {"root": …}',
  ],
  tsv: { toSample: vlmevalkitSample },
  parquet: {
    toSample: officialSample,
    imageColumns: [],
    requiredColumns: ['id', 'dataset', 'scene_name', 'question_type', 'question', 'options', 'ground_truth'],
    files: /^test(?:_debiased|_pruned|-\d+-of-\d+)?\.parquet$/,
  },
  hf: {
    repo: 'nyu-visionx/VSI-Bench',
    datasets: { 'VSI-Bench': /^test-00000-of-00001\.parquet$/, 'VSI-Bench-Debiased': /^test_debiased\.parquet$/, 'VSI-Bench-Pruned': /^test_pruned\.parquet$/ },
    downloads: { 'VSI-Bench': ['test-00000-of-00001.parquet'], 'VSI-Bench-Debiased': ['test_debiased.parquet'], 'VSI-Bench-Pruned': ['test_pruned.parquet'] },
  },
  tsvUrl: (name) => {
    const base = tsvBase(name);
    return base === undefined ? undefined : `${EASI}/${base}.tsv`;
  },
  tsvFile: (name) => tsvBase(name) ?? name,
  tsvMd5: Object.fromEntries(VLMEVALKIT_NAMES.map((n) => [n, MD5[tsvBase(n) ?? ''] ?? ''])),
  video: { sampling },
  protocols: [
    protocol('official', ['primary'], OFFICIAL),
    protocol('vlmevalkit', ['twin:vlmevalkit'], VLMEVALKIT, VLMEVALKIT_SCORER),
    protocol('lmms-eval', ['twin:lmms-eval'], LMMS_EVAL),
  ],
};
