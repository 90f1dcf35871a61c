import type { Benchmark, MetricSpec, Protocol, Scorer } from '../src/benchmark/types.js';
import type { DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import { requireCell } from '../src/benchmark/mcq.js';
import { pyFloat, pyStrip } from '../src/extract/python.js';
import {
  parseInstructionStrict,
  SPAR_MCQ_TASKS,
  SPAR_NA_TASKS,
  SPAR_VIEW_CHANGE,
  sparKind,
  sparMcqMatch,
  sparOfficialStep,
  viewChangeAxes,
} from '../src/extract/sparbench.js';
import { canMatchOption, parseInstructionLenient, sparVlmevalkitStep } from '../src/extract/sparbench-vlmevalkit.js';
import { mraCredit, type MraSettings } from '../src/score/mra.js';
import type { Pipeline } from '../src/extract/types.js';

/**
 * SPAR-Bench (Zhang et al., "From Flatland to Space", 2025; HF jasonzhango/SPAR-Bench and
 * jasonzhango/SPAR-Bench-Tiny): multi-image questions in 20 tasks, 11 multiple-choice, 8 numeric
 * (depth and distance, MRA) and view_change_infer (a move/rotate instruction scored per axis).
 *
 * Prompt (LogosRoboticsGroup/SPAR@1cc04758 lmms-eval/lmms_eval/tasks/sparbench/utils.py
 * `sparbench_doc_to_text`, the same in VLMEvalKit's SparBench.build_prompt): the images, then
 * "\n{question}\n" and the task kind's instruction(s) below.
 *
 * `official` (= lmms-eval's `sparbench`, same code) keeps the script's quirks (src/extract/sparbench.ts):
 * an empty MCQ reply counts as right, the view-change MRA divides by the prediction, and Low /
 * Middle / High are the means of the task scores whose key minus its last `_` part names a task of
 * the level, so `view_change_infer_vci_metric` (→ `view_change_infer_vci`) falls out of Middle:
 * Middle is the mean of position_matching and camera_motion_infer. Overall is the mean of the task
 * scores present.
 *
 * `vlmevalkit` (VLMEvalKit's SparBench.evaluate, src/extract/sparbench-vlmevalkit.ts): can_match_option
 * and can_match_na, the lenient unswapped VCI, and Middle with view_change_infer in it. Its TYPE is
 * `VQA`, so VLMEvalKit's Qwen2-VL-style models replace the prompt with their generic VQA one; the
 * prompt here is the dataset's own.
 */

const TASK = 'task';

const NA_POST = 'Please answer the question using a single word or phrase.';
const BBOX_POST = 'The values represent the bounding box coordinates normalized to a 0-1000 scale, with the top-left corner as the origin of the image.';
const MCQ_POST = "Answer with the option's letter from the given choices directly.";

/** `sparbench_doc_to_text` with the default (empty) pre_prompt. */
export function sparPrompt(task: string, question: string): string {
  if (sparKind(task) === 'na') return `\n${question}\n${NA_POST}`;
  if (sparKind(task) === 'mcq') return `\n${question}\n${task === 'position_matching' || task === 'camera_motion_infer' ? BBOX_POST : ''}\n${MCQ_POST}`;
  return `\n${question}\n\n`;
}

/**
 * The gold answers the score depends on are checked at load: an NA gold that Python's float()
 * refuses, or a view-change gold `parse_instruction` refuses, would score every reply 0.
 */
function checkGold(row: DataRow, task: string, answer: string): void {
  const where = { row: row.rowNumber, column: 'answer' };
  if (sparKind(task) === 'na' && pyFloat(answer) === null) throw new DataError(row.file, where, `answer '${answer}' of ${task} is not a number`);
  if (task === SPAR_VIEW_CHANGE && parseInstructionStrict(answer) === null) {
    throw new DataError(row.file, where, `answer '${answer}' of ${task} is not a "move_right:0.3,rotate_left:10" instruction`);
  }
}

function readTask(row: DataRow): string {
  const task = requireCell(row, TASK);
  if (sparKind(task) === undefined) {
    throw new DataError(row.file, { row: row.rowNumber, column: TASK }, `unknown task '${task}'; expected one of the 20 SPAR-Bench tasks (${[...SPAR_MCQ_TASKS, ...SPAR_NA_TASKS, SPAR_VIEW_CHANGE].join(', ')})`);
  }
  return task;
}

async function sparSample(row: DataRow, index: string): Promise<Sample> {
  const question = requireCell(row, 'question');
  const answer = requireCell(row, 'answer');
  const task = readTask(row);
  checkGold(row, task, answer);
  const images = await row.images();
  if (images.length === 0) throw new DataError(row.file, { row: row.rowNumber, column: 'image' }, 'expected at least one image');
  const parts: PromptPart[] = images.map((image) => ({ kind: 'image', image }));
  parts.push({ kind: 'text', text: sparPrompt(task, question) });
  return { index, parts, choices: [], answer, fields: { [TASK]: task } };
}

const tsvSample = (row: DataRow): Promise<Sample> => sparSample(row, requireCell(row, 'index'));
/** The Hub's rows: an `id` where there is one, else the row's position. */
const hfSample = (row: DataRow): Promise<Sample> => sparSample(row, row.get('index') ?? row.get('id') ?? String(row.rowNumber - 1));

// ------------------------------------------------------------------ credit

/** `mean_relative_accuracy(start=.5, end=.95, interval=.05)`: numpy's linspace(.5, .95, 10), `<=`, |gold| or |pred| for a gold 0. */
export const SPAR_MRA: MraSettings = {
  thresholds: [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95],
  comparison: 'inclusive',
  bound: 'one-minus-theta',
  denominator: 'abs',
  zeroGold: 'absolute',
};

/** `compute_vci_metric` as called: MRA(gold as prediction, prediction as gold) per axis, then the mean. */
export function sparViewChangeCredit(reply: string, gold: string): number {
  const pred = parseInstructionStrict(reply);
  const truth = parseInstructionStrict(gold);
  if (pred === null || truth === null) return 0;
  const p = viewChangeAxes(pred);
  const g = viewChangeAxes(truth);
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += mraCredit(g[i] as number, p[i] as number, SPAR_MRA);
  return sum / p.length;
}

/** The credit `sparbench_process_results` gives a row (WORST_CASE 0 where it raises). */
export function sparOfficialCredit(extracted: string | null, answer: string, fields: Readonly<Record<string, string>>): number {
  if (extracted === null) return 0;
  switch (sparKind(fields['task'] ?? '')) {
    case 'mcq':
      return sparMcqMatch(extracted, answer);
    case 'na': {
      const pred = pyFloat(extracted);
      const gold = pyFloat(answer);
      return pred === null || gold === null ? 0 : mraCredit(pred, gold, SPAR_MRA);
    }
    case 'view-change':
      return sparViewChangeCredit(extracted, answer);
    default:
      return 0;
  }
}

/** `_compute_vci_metric`: the lenient parse, MRA(prediction, gold) per axis, then the mean. */
export function vlmevalkitViewChangeCredit(reply: string, gold: string): number {
  const p = viewChangeAxes(parseInstructionLenient(reply));
  const g = viewChangeAxes(parseInstructionLenient(gold));
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += mraCredit(p[i] as number, g[i] as number, SPAR_MRA);
  return sum / p.length;
}

/** The credit VLMEvalKit's SparBench.evaluate gives a row (rule-based). */
export function sparVlmevalkitCredit(extracted: string | null, answer: string, fields: Readonly<Record<string, string>>): number {
  switch (sparKind(fields['task'] ?? '')) {
    case 'mcq': {
      // exact_match(str(pred), str(gt)): a False on both sides is "false" == "false".
      const pred = extracted ?? 'False';
      const gold = canMatchOption(pyStrip(answer)) ?? 'False';
      return pyStrip(pred).toLowerCase() === pyStrip(gold).toLowerCase() ? 1 : 0;
    }
    case 'na': {
      const pred = extracted === null ? null : pyFloat(extracted);
      const gold = pyFloat(answer);
      return pred === null || gold === null || Number.isNaN(gold) ? 0 : mraCredit(pred, gold, SPAR_MRA);
    }
    case 'view-change':
      return vlmevalkitViewChangeCredit(extracted ?? '', answer);
    default:
      return 0;
  }
}

// ------------------------------------------------------------------ protocols

const OFFICIAL_RULE: Pipeline = {
  name: 'sparbench',
  kind: 'text',
  rule: 'MCQ: the whole reply (equal, a substring of the gold, or its first character); NA: first number (last for _mv); view change: the reply',
  narrowers: [],
  steps: [sparOfficialStep],
};
const OFFICIAL_SCORER: Scorer = { name: 'sparbench-official', credit: sparOfficialCredit };

/** The script's metric keys. */
export function sparMetricName(task: string): string {
  const kind = sparKind(task);
  return kind === 'mcq' ? `${task}_accuracy` : kind === 'na' ? `${task}_MRA:.5:.95:.05` : `${task}_vci_metric`;
}

const LOW: readonly string[] = SPAR_NA_TASKS;
/** The official Middle: view_change_infer's key does not reduce to its task name (see above). */
const MIDDLE: readonly string[] = ['position_matching', 'camera_motion_infer'];
const HIGH: readonly string[] = SPAR_MCQ_TASKS.filter((t) => !MIDDLE.includes(t));

const TASKS: readonly string[] = [...LOW, ...MIDDLE, SPAR_VIEW_CHANGE, ...HIGH];

const metrics = (middle: readonly string[]): readonly MetricSpec[] => [
  { kind: 'macro', name: 'overall', field: TASK },
  { kind: 'macro', name: 'Low', field: TASK, values: LOW },
  { kind: 'macro', name: 'Middle', field: TASK, values: middle },
  { kind: 'macro', name: 'High', field: TASK, values: HIGH },
  ...TASKS.map((t): MetricSpec => ({ kind: 'accuracy', name: sparMetricName(t), where: { field: TASK, value: t } })),
];

const VLMEVALKIT_RULE: Pipeline = {
  name: 'sparbench-vlmevalkit',
  kind: 'text',
  rule: 'MCQ: can_match_option; NA: can_match_na; view change: the reply',
  narrowers: [],
  steps: [sparVlmevalkitStep],
};
const VLMEVALKIT_SCORER: Scorer = { name: 'sparbench-vlmevalkit', credit: sparVlmevalkitCredit };

const PROTOCOLS: readonly Protocol[] = [
  {
    name: 'official',
    roles: ['primary', 'twin:lmms-eval'],
    extract: OFFICIAL_RULE,
    scorer: OFFICIAL_SCORER,
    grouping: { kind: 'row' },
    metrics: metrics(MIDDLE),
    headline: 'overall',
  },
  {
    name: 'vlmevalkit',
    roles: ['twin:vlmevalkit'],
    extract: VLMEVALKIT_RULE,
    scorer: VLMEVALKIT_SCORER,
    grouping: { kind: 'row' },
    metrics: metrics([...MIDDLE, SPAR_VIEW_CHANGE]),
    headline: 'overall',
  },
];

const REQUIRED = ['image', 'question', 'answer', TASK];

export const sparBench: Benchmark = {
  id: 'sparbench',
  title: "SPAR-Bench (20 tasks: MCQ, depth/distance MRA, view change; VLMEvalKit's SparBench TSV)",
  dataClasses: ['SparBench'],
  datasetNames: ['SparBench', 'SparBench_tiny'],
  fileForms: ['VLMEvalKit TSV: $LMUData/SparBench.tsv, SparBench_tiny.tsv, or "path"'],
  tsv: { toSample: tsvSample },
  tsvUrl: (name) => `https://huggingface.co/datasets/lmms-lab-si/EASI-Leaderboard-Data/resolve/main/${name}.tsv`,
  // VLMEvalKit's SparBench.DATASET_MD5.
  tsvMd5: { SparBench: 'cb1e5f5855c454241e0a70c3b8152976', SparBench_tiny: 'c435e186064b795e0a9759aa60465a00' },
  protocols: PROTOCOLS,
};

/** The Hub's Parquet (exact file names not known here, so it is located, not downloaded). */
const HF_FILES = /\.parquet$/;

function hfModule(id: string, repo: string, datasetName: string): Benchmark {
  return {
    id,
    title: `SPAR-Bench from the Hub (${repo})`,
    dataClasses: [],
    datasetNames: [datasetName],
    fileForms: [`Parquet: ${repo} test split (image list, question, answer, task) in --data-dir, the HF cache, or "path"`],
    parquet: { toSample: hfSample, imageColumns: ['image'], requiredColumns: REQUIRED, files: HF_FILES },
    hf: { repo, datasets: { [datasetName]: HF_FILES } },
    protocols: PROTOCOLS,
  };
}

export const SPARBENCH: readonly Benchmark[] = [
  sparBench,
  hfModule('sparbench-hf', 'jasonzhango/SPAR-Bench', 'SPAR-Bench'),
  hfModule('sparbench-tiny-hf', 'jasonzhango/SPAR-Bench-Tiny', 'SPAR-Bench-Tiny'),
];
