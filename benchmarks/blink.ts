import type { Benchmark, MetricSpec, Protocol } from '../src/benchmark/types.js';
import type { DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import { choiceListSample, vlmevalkitMcqSample } from '../src/benchmark/mcq.js';
import { robustBeside } from '../src/benchmark/protocols.js';
import { readFields, type FieldSpec } from '../src/benchmark/fields.js';
import { blinkExact, blinkLastParagraph, blinkParen } from '../src/extract/blink.js';
import { BLINK_JUDGE } from '../src/extract/blink-judge.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { LMMS_FIRST_LETTER } from '../src/extract/lmms-eval.js';
import type { Pipeline } from '../src/extract/types.js';

/**
 * BLINK (BLINK-Benchmark/BLINK; eval code zeyofu/BLINK_Benchmark). Official score
 * (eval/evaluate.py): accuracy per subtask, Total = unweighted mean of the 14 subtask accuracies.
 * Extraction (eval/test_benchmark.py `analyze_answer`): the authors' rule, then gpt-3.5-turbo for
 * what it leaves undecided (eval/multiple_choice.py). The Actial paper also reports the spatial
 * subset and its mean. Only the val split can be scored:
 * the test split's answers are the string "hidden" (graded on EvalAI).
 *
 * VLMEvalKit reads BLINK.tsv / BLINK_circular.tsv as a plain ImageMCQDataset: the generic MCQ
 * prompt, micro accuracy over all questions and per category (report_acc).
 */

export const BLINK_SUBTASKS = [
  'Art_Style', 'Counting', 'Forensic_Detection', 'Functional_Correspondence', 'IQ_Test', 'Jigsaw',
  'Multi-view_Reasoning', 'Object_Localization', 'Relative_Depth', 'Relative_Reflectance',
  'Semantic_Correspondence', 'Spatial_Relation', 'Visual_Correspondence', 'Visual_Similarity',
] as const;

/** The spatial subset the Actial paper reports. */
export const BLINK_SPATIAL = ['Multi-view_Reasoning', 'Relative_Depth', 'Spatial_Relation'] as const;

/** Column labels of the Actial paper's Table 1. */
const PAPER_LABELS = { Spatial: 'Spatial', 'Multi-view_Reasoning': 'MultiView', Relative_Depth: 'RelDep', Spatial_Relation: 'SpRel' } as const;

/** The Parquet's `sub_task`; VLMEvalKit's TSV carries it as `category` (the column its report_acc groups by). */
const FIELDS: Readonly<Record<string, FieldSpec>> = { sub_task: { from: ['sub_task', 'category'], values: BLINK_SUBTASKS } };
/** Kept from the TSV for VLMEvalKit's report_acc layout when present. */
const TSV_EXTRA = ['split', 'l2-category'];

/**
 * The official inference script (eval/test_benchmark.py, load_prompt) puts this before the prompt
 * of three subtasks whose images show people or artworks, so models do not refuse them.
 */
const DISCLAIMER_SUBTASKS: ReadonlySet<string> = new Set(['Forensic_Detection', 'Jigsaw', 'Art_Style']);
const DISCLAIMER =
  "Disclaimer: This is not to make unfair assumptions about the people in the image and you just need to give your assessment on this question. You don't need to identify the real people. You just need to analyze based on the information I gave you.\n\n";

async function tsvSample(row: DataRow): Promise<Sample> {
  const s = await vlmevalkitMcqSample(row, { fields: TSV_EXTRA });
  return { ...s, fields: { ...s.fields, ...readFields(row, FIELDS) } };
}

async function parquetSample(row: DataRow): Promise<Sample> {
  if (row.get('answer')?.trim() === 'hidden') {
    throw new DataError(row.file, { row: row.rowNumber, column: 'answer' }, 'answer is "hidden": this is a BLINK test-split file, which cannot be scored here (submit test predictions to EvalAI); use the val files');
  }
  const fields = readFields(row, FIELDS);
  const s = await choiceListSample(row, { index: 'idx', prompt: 'prompt', choices: 'choices', answer: 'answer', fields: [] });
  const prefix = DISCLAIMER_SUBTASKS.has(fields['sub_task'] ?? '') ? DISCLAIMER : '';
  return { ...s, parts: officialOrder(s.parts, prefix), fields };
}

/** The official query (eval/query_model.py) sends the prompt text first, then the images in order. */
function officialOrder(parts: readonly PromptPart[], prefix: string): PromptPart[] {
  const texts = parts.flatMap((p) => (p.kind === 'text' ? [{ kind: 'text' as const, text: prefix + p.text }] : []));
  return [...texts, ...parts.filter((p) => p.kind === 'image')];
}

/** BLINK's own rule (eval/test_benchmark.py `analyze_answer`), on the whole prediction. */
const BLINK_RULE: Pipeline = { name: 'blink', narrowers: [], steps: [blinkExact, blinkLastParagraph, blinkParen] };

/**
 * The authors' pipeline step for step: their rule, then (for the replies it leaves undecided, and
 * only those) the configured judge asked their GPT-3.5 prompt, its reply read as they read it.
 * Without a judge those replies score as misses, as the script scores a GPT-3.5 that never answers.
 */
const official: Protocol = {
  name: 'official',
  roles: ['primary', 'judge'],
  extract: BLINK_RULE,
  judgePrompt: BLINK_JUDGE,
  grouping: { kind: 'row' },
  metrics: [
    { kind: 'macro', name: 'Total', field: 'sub_task', values: BLINK_SUBTASKS },
    { kind: 'macro', name: 'Spatial', field: 'sub_task', values: BLINK_SPATIAL },
    { kind: 'per-value', field: 'sub_task', values: BLINK_SUBTASKS },
  ],
  headline: 'Total',
};

const vlmevalkitMetrics: readonly MetricSpec[] = [
  { kind: 'accuracy', name: 'Overall' },
  { kind: 'per-value', field: 'l2-category' },
  { kind: 'per-value', field: 'sub_task' },
];

const vlmevalkit: Protocol = {
  name: 'vlmevalkit',
  roles: ['twin:vlmevalkit'],
  extract: GENERIC_PIPELINES.vlmevalkit,
  grouping: { kind: 'row' },
  metrics: vlmevalkitMetrics,
  headline: 'Overall',
  table: { breakdowns: ['l2-category', 'sub_task'], splitField: 'split' },
};

/**
 * lmms-eval's blink group (tasks/blink/utils.py): the letter the reply starts with, accuracy per
 * subtask task, and the group's blink_acc their unweighted mean (aggregate_metric_list with
 * weight_by_size false, the AggMetricConfig default) over the subtasks present. lmms-eval sends the
 * images first, then "Note: You only need to respond with A, B, … without providing any additional
 * information.\n" and the prompt; this scores our prompt's replies.
 */
const lmmsEval: Protocol = {
  name: 'lmms-eval',
  roles: ['twin:lmms-eval'],
  extract: LMMS_FIRST_LETTER,
  grouping: { kind: 'row' },
  metrics: [{ kind: 'macro', name: 'blink_acc', field: 'sub_task' }, { kind: 'per-value', field: 'sub_task' }],
  headline: 'blink_acc',
};

/** One folder per subtask, `<Subtask>/val-00000-of-00001.parquet`; the test files never match. */
const VAL_FILES = /(^|\/)val-[^/]*\.parquet$/;

export const blink: Benchmark = {
  id: 'blink',
  title: 'BLINK (14 perception subtasks, val split)',
  dataClasses: [],
  datasetNames: ['BLINK', 'BLINK_circular'],
  fileForms: ['VLMEvalKit TSV: $LMUData/BLINK.tsv, BLINK_circular.tsv', 'Parquet: <Subtask>/val-*.parquet (the test split has no answers)'],
  tsv: { toSample: tsvSample },
  parquet: {
    toSample: parquetSample,
    imageColumns: ['image_1', 'image_2', 'image_3', 'image_4'],
    requiredColumns: ['idx', 'sub_task', 'image_1', 'choices', 'answer', 'prompt'],
    files: VAL_FILES,
  },
  hf: {
    repo: 'BLINK-Benchmark/BLINK',
    datasets: { BLINK: VAL_FILES },
    downloads: { BLINK: BLINK_SUBTASKS.map((s) => `${s}/val-00000-of-00001.parquet`) },
  },
  tsvUrl: (name) => `https://opencompass.openxlab.space/utils/VLMEval/${name}.tsv`,
  // VLMEvalKit's ImageMCQDataset.DATASET_MD5.
  tsvMd5: { BLINK: 'd5e8af148b10ac69f535ff7b23f3f989', BLINK_circular: 'f44c9f19afda14262cd1e0731bd01f9e' },
  protocols: [official, vlmevalkit, lmmsEval, robustBeside(official)],
  paper: (['Spatial', ...BLINK_SPATIAL] as const).map((metric) => ({ group: 'BLINK', label: PAPER_LABELS[metric], benchmarks: ['blink'], metric })),
  pipelines: [BLINK_RULE],
  circularWhenNameMatches: /circular/i,
};
