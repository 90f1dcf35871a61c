import type { Choice, DataRow, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import type { Benchmark, MetricSpec, Protocol } from '../src/benchmark/types.js';
import { interleaveAtMarks } from '../src/benchmark/interleave.js';
import { isPandasNa, requireAnswerLetter, requireCell } from '../src/benchmark/mcq.js';
import { lmmsEvalSetting, MINDCUBE_STEPS, mindcubeClean, officialSetting, pythonStrip } from '../src/extract/mindcube.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import type { Pipeline } from '../src/extract/types.js';

/**
 * MindCube (mll-lab-nu/MindCube @ 6d8fd9ac; "Spatial Mental Modeling from Limited Views"): 1,050
 * tiny / ~21K full four-view-style MCQs in three settings (rotation, among, around), raw-QA form:
 * every row carries its `input_prompt` (the [Task] / [Answer Instruction] block asking for
 * `<answer>A. Above</answer>`, then "[Question]" and the question with `<image>` marks).
 *
 * What is sent is what VLMEvalKit (MindCubeBench.build_msgs) and lmms-eval
 * (_mindcube_interleaved_messages) both send: `input_prompt` split at `<image>`, each part stripped
 * and dropped when empty, image k after part k — marks beyond the images and images beyond the
 * marks are dropped, as there. (The authors' own transformers engine instead puts every image
 * before the whole prompt, in reverse order, marks left in the text: not reproduced.)
 *
 * Protocols, all on the same replies:
 * - `official` (src/evaluation/evaluator.py BasicEvaluator): the reply as their inference stores
 *   it (clean_response: whitespace collapsed), `extract_answer`, exact letter; setting from the id
 *   (`get_setting_from_id`: substring, so `aroundnew_…` is around); `overall` leaves translation
 *   items out, each present setting reported.
 * - `lmms-eval` (lmms-eval @ 75571cfe tasks/mindcube/utils.py): `extract_answer` on the stripped
 *   reply; type = the id's prefix before '_' (around|aroundnew → around, else other);
 *   overall_accuracy over every item, and rotation/among/around accuracies.
 * - `vlmevalkit` (VLMEvalKit @ e8e78f05 mindcubebench.py → spatial_bench eval_mcq_score):
 *   can_match_option on the raw reply, case-insensitive equality; `overall` and
 *   `<category>_accuracy` for rotation, among, around (the TSV's `category`).
 *
 * Forms: lmms-eval's Parquet (HF oscarqjh/MindCube_lmmseval, config tiny|full, split combined:
 * `id`, `question`, `images`, `gt_answer`, `input_prompt`), and VLMEvalKit's TSV
 * (MindCubeBench_tiny_raw_qa / MindCubeBench_raw_qa: `index`, `input_prompt`, `answer`,
 * `category`, images as `image` or `image_path`; the official setting comes from its `id` column
 * when it has one, else from `category`).
 */

const SETTINGS = ['rotation', 'among', 'around'] as const;

/** Sample fields: the official setting, whether it counts in the official overall, and the peers' groups. */
const FIELD = { official: 'setting', inOverall: 'in_overall', lmms: 'lmms_type', vlmevalkit: 'category' } as const;

const OFFICIAL_RULE: Pipeline = {
  name: 'mindcube',
  rule: "MindCube extract_answer on the reply as clean_response stores it (whitespace runs → one space): last 'X.' anywhere, else <Answer> section, else 8 patterns, else line scans; A–E",
  narrowers: [mindcubeClean],
  steps: MINDCUBE_STEPS,
};
const LMMS_RULE: Pipeline = { name: 'mindcube-lmms', rule: 'lmms-eval mindcube: the same extract_answer on the stripped reply', narrowers: [pythonStrip], steps: MINDCUBE_STEPS };

const settingAccuracies = (field: string, name: (s: string) => string): MetricSpec[] =>
  SETTINGS.map((s) => ({ kind: 'accuracy', name: name(s), where: { field, value: s } }));

const protocols: readonly Protocol[] = [
  {
    name: 'official',
    roles: ['primary'],
    extract: OFFICIAL_RULE,
    grouping: { kind: 'row' },
    metrics: [{ kind: 'accuracy', name: 'overall', where: { field: FIELD.inOverall, value: 'yes' } }, { kind: 'per-value', field: FIELD.official }],
    headline: 'overall',
  },
  {
    name: 'lmms-eval',
    roles: ['twin:lmms-eval'],
    extract: LMMS_RULE,
    grouping: { kind: 'row' },
    metrics: [{ kind: 'accuracy', name: 'overall_accuracy' }, ...settingAccuracies(FIELD.lmms, (s) => `${s}_accuracy`)],
    headline: 'overall_accuracy',
  },
  {
    name: 'vlmevalkit',
    roles: ['twin:vlmevalkit'],
    extract: GENERIC_PIPELINES['vlmevalkit-spatial'],
    grouping: { kind: 'row' },
    metrics: [{ kind: 'accuracy', name: 'overall' }, ...settingAccuracies(FIELD.vlmevalkit, (s) => `${s}_accuracy`)],
    headline: 'overall',
  },
];

// ------------------------------------------------------------------ prompt

/**
 * The options inside a question ("… A. Chair B. Door C. Two chairs"): each "X. " with X the next
 * letter from A, text up to the next such mark. MindCube's own _extract_answer_text reads them so.
 */
export function optionsInQuestion(question: string): Choice[] {
  const marks: { letter: string; at: number; end: number }[] = [];
  for (const m of question.matchAll(/(?<![A-Za-z])([A-E])\.\s+/g)) {
    if (m[1] === 'ABCDE'[marks.length]) marks.push({ letter: m[1] as string, at: m.index, end: m.index + m[0].length });
  }
  return marks.map((mark, k) => ({ letter: mark.letter, text: question.slice(mark.end, marks[k + 1]?.at ?? question.length).trim() }));
}

/** The question the options are read from: its own column, else the prompt after its "[Question]" header. */
function questionText(row: DataRow, prompt: string): string {
  const question = row.get('question');
  if (question !== undefined && !isPandasNa(question)) return question;
  const at = prompt.lastIndexOf('[Question]');
  return at < 0 ? prompt : prompt.slice(at);
}

function requireChoices(row: DataRow, question: string): Choice[] {
  const choices = optionsInQuestion(question);
  if (choices.length < 2) {
    const column = row.get('question') !== undefined ? 'question' : 'input_prompt';
    throw new DataError(row.file, { row: row.rowNumber, column }, 'expected the options in the question as "A. … B. …" (at least two)');
  }
  return choices;
}

// ------------------------------------------------------------------ rows

interface RowForm {
  readonly index: string;
  /** The id the official setting is read from. */
  readonly id: string;
  readonly goldColumn: string;
  /** VLMEvalKit's group, from the TSV's `category` (lmms-eval's type for the Parquet, which has none). */
  readonly category: (row: DataRow) => string;
}

async function toSample(row: DataRow, form: RowForm): Promise<Sample> {
  const prompt = requireCell(row, 'input_prompt');
  const choices = requireChoices(row, questionText(row, prompt));
  const answer = requireAnswerLetter(row, choices, form.goldColumn);
  const setting = officialSetting(form.id);
  const fields = {
    [FIELD.official]: setting,
    [FIELD.inOverall]: setting === 'translation' ? 'no' : 'yes',
    [FIELD.lmms]: lmmsEvalSetting(form.id),
    [FIELD.vlmevalkit]: form.category(row),
  };
  return { index: form.index, parts: interleaveAtMarks(prompt, await row.images()), choices, answer, fields };
}

function parquetSample(row: DataRow): Promise<Sample> {
  const id = requireCell(row, 'id');
  return toSample(row, { index: id, id, goldColumn: 'gt_answer', category: () => lmmsEvalSetting(id) });
}

function tsvSample(row: DataRow): Promise<Sample> {
  const index = requireCell(row, 'index');
  const category = (r: DataRow): string => requireCell(r, 'category');
  const idCell = row.get('id');
  const id = idCell !== undefined && !isPandasNa(idCell) ? idCell : category(row);
  return toSample(row, { index, id, goldColumn: 'answer', category });
}

// ------------------------------------------------------------------ declarations

/** lmms-eval's data at the commit its users ran (full: 96 shards). */
const HF_REVISION = '7dd2725d9bd4149f2aad00a9843f72a3824da003';
const TINY = /(^|\/)tiny\/combined-\d{5}-of-\d{5}\.parquet$/;
const FULL = /(^|\/)full\/combined-\d{5}-of-\d{5}\.parquet$/;
const FULL_SHARDS = Array.from({ length: 96 }, (_, k) => `full/combined-${String(k).padStart(5, '0')}-of-00096.parquet`);

export const mindcube: Benchmark = {
  id: 'mindcube',
  title: 'MindCube (raw-QA; rotation / among / around; lmms-eval Parquet)',
  // Ours: VLMEvalKit has no class for this form (its MindCubeBench reads the TSV).
  dataClasses: ['MindCube'],
  datasetNames: ['mindcube_tiny', 'mindcube_full'],
  fileForms: ['Parquet: tiny/combined-*.parquet, full/combined-*.parquet (HF oscarqjh/MindCube_lmmseval)'],
  parquet: {
    toSample: parquetSample,
    imageColumns: ['images'],
    requiredColumns: ['id', 'images', 'gt_answer', 'input_prompt'],
    files: /(^|\/)(tiny|full)\/combined-\d{5}-of-\d{5}\.parquet$/,
  },
  hf: {
    repo: 'oscarqjh/MindCube_lmmseval',
    revision: HF_REVISION,
    datasets: { mindcube_tiny: TINY, mindcube_full: FULL },
    downloads: { mindcube_tiny: ['tiny/combined-00000-of-00001.parquet'], mindcube_full: FULL_SHARDS },
  },
  protocols,
};

const EASI = 'https://huggingface.co/datasets/lmms-lab-si/EASI-Leaderboard-Data/resolve/main';

/** VLMEvalKit's MindCubeBench TSVs; their `image_path`s are relative to the unzipped HF MLL-Lab/MindCube. */
export const mindcubeVlmevalkit: Benchmark = {
  id: 'mindcube-vlmevalkit',
  title: 'MindCube (raw-QA; VLMEvalKit MindCubeBench TSV)',
  dataClasses: ['MindCubeBench'],
  datasetNames: ['MindCubeBench_tiny_raw_qa', 'MindCubeBench_raw_qa'],
  fileForms: ['VLMEvalKit TSV: $LMUData/<dataset>.tsv; image_path files under $LMUData/images/<dataset>/ (unzipped MLL-Lab/MindCube)'],
  tsv: { toSample: tsvSample, imagePathsRelative: true },
  tsvUrl: (name) => `${EASI}/${name}.tsv`,
  // VLMEvalKit's MindCubeBench.DATASET_MD5.
  tsvMd5: { MindCubeBench_tiny_raw_qa: '35f69fc30d7c2d2880417ce0769f5347', MindCubeBench_raw_qa: '6a53cd353bc93d8e3a87098249c806ad' },
  protocols,
};
