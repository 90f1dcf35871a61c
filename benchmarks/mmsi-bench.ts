import type { Choice, DataRow, PromptPart, Sample } from '../src/core/types.js';
import type { Benchmark, PaperColumn, Protocol } from '../src/benchmark/types.js';
import { mmsiWordBoundary } from '../src/extract/mmsi.js';
import { withRobust } from '../src/benchmark/protocols.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { LMMS_MMSI } from '../src/extract/lmms-eval.js';
import type { Pipeline } from '../src/extract/types.js';
import { pickFields, readChoices, requireAnswerLetter, requireCell, tsvHint, tsvPromptFields, vlmevalkitMcqSample } from '../src/benchmark/mcq.js';

/**
 * MMSI-Bench (RunsenXu/MMSI-Bench): 1,000 multi-image four-option MCQs in 11 question types.
 *
 * - `official` (InternRobotics/MMSI-Bench README "Answer Extraction"): the question, whose text
 *   holds the options, then the post-prompt below; the `mmsi` extractor; plain accuracy and
 *   accuracy per question type. The extractor reads letters only, so the options parsed out of the
 *   question serve VLMEvalKit's text rule and the mock, not the official score.
 * - `vlmevalkit`: VLMEvalKit's exact matching (can_infer) with report_acc's layout. For
 *   MMSIBench_circular that is exactly what VLMEvalKit does (generic ImageMCQDataset, circular).
 *   For MMSIBench_wo_circular VLMEvalKit @ e8e78f05 instead matches with its spatial_bench
 *   `can_match_option`, which actial-eval does not have: that protocol is can_infer there.
 *
 * Two declarations, found by dataset name, because the names ask different prompts:
 * MMSI_Bench and MMSIBench_wo_circular use the MMSI post-prompt (VLMEvalKit's MMSIBench class
 * aligns with it), MMSIBench_circular VLMEvalKit's generic MCQ prompt, as Actial evaluated it.
 */

/** The official post-prompt, appended after a newline. */
export const MMSI_POST_PROMPT = "Answer with the option's letter from the given choices directly. Enclose the option's letter within ``.";

/** VLMEvalKit's MMSIBench category names (its `_task_category`) → the dataset's question_type names. */
const QUESTION_TYPES: Readonly<Record<string, string>> = {
  'Pos-Cam-Cam': 'Positional Relationship (Cam.–Cam.)',
  'Pos-Obj-Obj': 'Positional Relationship (Obj.–Obj.)',
  'Pos-Reg-Reg': 'Positional Relationship (Reg.–Reg.)',
  'Pos-Cam-Obj': 'Positional Relationship (Cam.–Obj.)',
  'Pos-Obj-Reg': 'Positional Relationship (Obj.–Reg.)',
  'Pos-Cam-Reg': 'Positional Relationship (Cam.–Reg.)',
  'Attr-Meas': 'Attribute (Meas.)',
  'Attr-Appr': 'Attribute (Appr.)',
  'Motion-Cam': 'Motion (Cam.)',
  'Motion-Obj': 'Motion (Obj.)',
  MSR: 'MSR',
};

/** Unknown names pass through, so a type is never dropped from the breakdown. */
const questionType = (name: string): string => QUESTION_TYPES[name] ?? name;

/** MMSI-Bench's own extractor, on the whole prediction (its evaluation has no tag handling). */
const MMSI_RULE: Pipeline = { name: 'mmsi', narrowers: [], steps: [mmsiWordBoundary] };

const protocols: readonly Protocol[] = [
  {
    name: 'official',
    // The authors' extractor asks no LLM, so no judge completes the official number.
    roles: ['primary'],
    extract: MMSI_RULE,
    grouping: { kind: 'row' },
    metrics: [{ kind: 'accuracy', name: 'Overall' }, { kind: 'per-value', field: 'question_type' }],
    headline: 'Overall',
    table: { breakdowns: ['question_type'], splitField: 'split' },
  },
  {
    name: 'vlmevalkit',
    roles: ['twin:vlmevalkit'],
    extract: GENERIC_PIPELINES.vlmevalkit,
    grouping: { kind: 'row' },
    metrics: [{ kind: 'accuracy', name: 'Overall' }, { kind: 'per-value', field: 'l2-category' }, { kind: 'per-value', field: 'category' }],
    headline: 'Overall',
    table: { breakdowns: ['l2-category', 'category'], splitField: 'split' },
  },
];

/**
 * lmms-eval's mmsi_bench (tasks/mmsi_bench/utils.py): the same prompt as `official` (the question,
 * stripped, and the post-prompt), its copy of the extractor with letters A–F in either case,
 * `average` = micro accuracy and one accuracy per question type. Only for the names that ask the
 * MMSI post-prompt: lmms-eval has no circular MMSI task.
 */
const LMMS_EVAL: Protocol = {
  name: 'lmms-eval',
  roles: ['twin:lmms-eval'],
  extract: LMMS_MMSI,
  grouping: { kind: 'row' },
  metrics: [{ kind: 'accuracy', name: 'average' }, { kind: 'per-value', field: 'question_type' }],
  headline: 'average',
};

/** MMSI-Bench in the Actial paper's view (its Table A1), from either module's summary. */
const PAPER: readonly PaperColumn[] = [{ group: 'MMSI-Bench', label: 'Overall', benchmarks: ['mmsi-bench', 'mmsi-bench-circular'], metric: 'Overall' }];

/**
 * The options inside a question ("…\nOptions: A: left, B: right, C: …"), split as MMSI-Bench's
 * own circular variant does (Actial VLMEvalKit/vlmeval/dataset/mmsi_bench.py): a letter and colon,
 * then text up to the next " X:" or ", X:". Undefined unless they read as A, B, … in order.
 */
export function optionsInQuestion(question: string): Choice[] | undefined {
  const at = question.lastIndexOf('Options:');
  if (at < 0) return undefined;
  const tail = question.slice(at + 'Options:'.length);
  const choices: Choice[] = [];
  for (const m of tail.matchAll(/([A-D])\s*:\s*([\s\S]*?)(?=\s+[A-D]\s*:|,\s*[A-D]\s*:|$)/g)) {
    choices.push({ letter: m[1] as string, text: (m[2] as string).trim() });
  }
  const inOrder = choices.every((c, i) => c.letter === 'ABCD'[i]);
  return choices.length >= 2 && inOrder ? choices : undefined;
}

const FOUR_LETTERS: readonly Choice[] = ['A', 'B', 'C', 'D'].map((letter) => ({ letter, text: '' }));

/** The official form: images, then the question (options inside) and the post-prompt. */
async function officialSample(row: DataRow, index: string, typeColumn: string): Promise<Sample> {
  const question = requireCell(row, 'question');
  // Letters alone still score officially; an unparsable option list only loses the texts.
  const choices = optionsInQuestion(question) ?? FOUR_LETTERS;
  const answer = requireAnswerLetter(row, choices);
  const type = requireCell(row, typeColumn);
  const images = await row.images();
  const parts: PromptPart[] = images.map((image) => ({ kind: 'image', image }));
  parts.push({ kind: 'text', text: `${question}\n${MMSI_POST_PROMPT}` });
  return { index, parts, choices, answer, fields: { ...pickFields(row, ['split']), category: type, question_type: questionType(type) } };
}

/** VLMEvalKit MMSIBench.build_prompt: option columns listed as "A: …, " after the question, then the post-prompt. */
async function optionColumnsSample(row: DataRow): Promise<Sample> {
  const index = requireCell(row, 'index');
  const question = requireCell(row, 'question');
  const type = questionType(requireCell(row, 'category'));
  const choices = readChoices(row);
  const answer = requireAnswerLetter(row, choices);
  const hint = tsvHint(row);
  let text = hint === undefined ? '' : `Hint: ${hint}\n`;
  text += `${question}\nOptions: ${choices.map((c) => `${c.letter}: ${c.text}, `).join('')}`;
  const images = await row.images();
  const parts: PromptPart[] = images.map((image) => ({ kind: 'image', image }));
  parts.push({ kind: 'text', text: `${text}\n${MMSI_POST_PROMPT}` });
  const fields = pickFields(row, ['category', 'l2-category', 'split']);
  return { index, parts, choices, answer, fields: { ...fields, question_type: type }, tsvPrompt: tsvPromptFields(question, hint, choices) };
}

/** A VLMEvalKit TSV row: option columns when it has them, else options inside the question (Actial's MMSI_Bench.tsv). */
async function tsvSample(row: DataRow): Promise<Sample> {
  if (row.columns.includes('A') || row.columns.includes('B')) return optionColumnsSample(row);
  const sample = await officialSample(row, requireCell(row, 'index'), row.columns.includes('question_type') ? 'question_type' : 'category');
  // No option columns: a model-side builder (VLMEvalKit's Qwen2-VL mixin) sees no options.
  return { ...sample, tsvPrompt: tsvPromptFields(requireCell(row, 'question'), tsvHint(row), []) };
}

export const mmsiBench: Benchmark = {
  id: 'mmsi-bench',
  title: 'MMSI-Bench (multi-image spatial intelligence; MMSI post-prompt)',
  // VLMEvalKit's class, and Actial's bundled one.
  dataClasses: ['MMSIBench', 'MMSIBenchDataset'],
  datasetNames: ['MMSI_Bench', 'MMSIBench_wo_circular'],
  fileForms: [
    'Parquet: MMSI_Bench.parquet',
    'VLMEvalKit TSV: $LMUData/<dataset>.tsv or "path"',
  ],
  tsv: { toSample: tsvSample },
  parquet: {
    toSample: (row) => officialSample(row, requireCell(row, 'id'), 'question_type'),
    imageColumns: ['images'],
    requiredColumns: ['id', 'images', 'question_type', 'question', 'answer'],
    files: /(^|\/)MMSI_Bench\.parquet$/,
  },
  hf: { repo: 'RunsenXu/MMSI-Bench', datasets: { MMSI_Bench: /(^|\/)MMSI_Bench\.parquet$/ }, downloads: { MMSI_Bench: ['MMSI_Bench.parquet'] } },
  // MMSI_Bench.tsv is where Actial's bundled MMSIBenchDataset downloads its TSV from.
  tsvUrl: (name) =>
    name === 'MMSIBench_wo_circular'
      ? 'https://huggingface.co/datasets/lmms-lab-si/EASI-Leaderboard-Data/resolve/main/MMSIBench_wo_circular.tsv'
      : 'https://huggingface.co/datasets/RunsenXu/MMSI-Bench/resolve/main/MMSI_bench.tsv',
  // VLMEvalKit's MMSIBench.DATASET_MD5 (mmsibench.py); HF files are checked against the hub's sha256 first.
  tsvMd5: { MMSIBench_wo_circular: '548c5f33f1a12948d5355d5f600749e4' },
  protocols: withRobust([...protocols, LMMS_EVAL]),
  paper: PAPER,
};

/** Rows `orig + 1e6·k` are the rotations of `orig`; every protocol groups them. */
export const mmsiBenchCircular: Benchmark = {
  id: 'mmsi-bench-circular',
  title: 'MMSI-Bench circular (VLMEvalKit MMSIBench_circular; generic MCQ prompt)',
  dataClasses: [],
  datasetNames: ['MMSIBench_circular'],
  fileForms: ['VLMEvalKit TSV: $LMUData/MMSIBench_circular.tsv or "path"'],
  tsv: {
    toSample: async (row) => {
      const category = requireCell(row, 'category');
      const sample = await vlmevalkitMcqSample(row, { fields: ['category', 'l2-category', 'split'] });
      return { ...sample, fields: { ...sample.fields, question_type: questionType(category) } };
    },
  },
  tsvUrl: () => 'https://opencompass.openxlab.space/utils/VLMEval/MMSIBench_circular.tsv',
  // VLMEvalKit's ImageMCQDataset.DATASET_MD5.
  tsvMd5: { MMSIBench_circular: '7be2b9e8a280863272e89fab5ba40807' },
  protocols: withRobust(protocols),
  circularWhenNameMatches: /circular/i,
};
