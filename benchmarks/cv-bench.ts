import type { Benchmark, MetricSpec, PaperColumn, Protocol } from '../src/benchmark/types.js';
import { robustBeside } from '../src/benchmark/protocols.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import type { DataRow, Sample } from '../src/core/types.js';
import { choiceListSample } from '../src/benchmark/mcq.js';
import { readFields, type FieldSpec } from '../src/benchmark/fields.js';
import { promptColumnMcqSample } from '../src/benchmark/prompt-column.js';
import { LMMS_FIRST_LETTER } from '../src/extract/lmms-eval.js';

/**
 * CV-Bench (nyu-visionx/CV-Bench, Cambrian-1). Official score, from the dataset card: accuracy per
 * source; 2D = mean(ADE20K, COCO); 3D = Omni3D; CV-Bench = mean(2D, 3D). Per-task accuracies are
 * reported too, in the order of the Actial paper's table.
 *
 * VLMEvalKit (image_mcq.py, class CVBench) ships the two halves as separate TSVs and scores them
 * differently: CV-Bench-2D by its own report_accuracy (per-source accuracy, Overall = mean over the
 * sources), CV-Bench-3D by the generic report_acc (plain accuracy, per category). It never takes
 * the final mean. Its CVBench.build_prompt sends the TSV's `prompt` column, not the generic MCQ
 * prompt, so both file forms ask the benchmark's own question.
 *
 * One module object per dataset name, because a half-dataset cannot report the full mean: the
 * CV-Bench-2D TSV would otherwise have a null headline. Each half declares only its own metrics
 * and headlines its own 2D/3D score; `CV-Bench` (both halves, from the HF Parquet) headlines the
 * official mean.
 */

const SOURCES_2D = ['ADE20K', 'COCO'] as const;
const TASKS_2D = ['Relation', 'Count'] as const;
const TASKS_3D = ['Distance', 'Depth'] as const;

/** The TSV calls them split / category, the Parquet type / task; both score under one name. */
const FIELDS: Readonly<Record<string, FieldSpec>> = {
  type: { from: ['type', 'split'], values: ['2D', '3D'] },
  task: { from: ['task', 'category'], values: [...TASKS_2D, ...TASKS_3D] },
  source: { from: ['source'], values: [...SOURCES_2D, 'Omni3D'] },
};

async function tsvSample(row: DataRow): Promise<Sample> {
  return { ...(await promptColumnMcqSample(row, 'prompt')), fields: readFields(row, FIELDS) };
}

async function parquetSample(row: DataRow): Promise<Sample> {
  const fields = readFields(row, FIELDS);
  const s = await choiceListSample(row, { index: 'idx', prompt: 'prompt', choices: 'choices', answer: 'answer', fields: [] });
  // test_2d and test_3d are separate files; the type keeps their ids apart if both count from 0.
  return { ...s, index: `${fields['type'] ?? ''}_${s.index}`, fields };
}

const source2d: MetricSpec[] = [{ kind: 'per-value', field: 'source', values: SOURCES_2D }, { kind: 'mean', name: '2D', of: SOURCES_2D }];
const source3d: MetricSpec[] = [{ kind: 'per-value', field: 'source', values: ['Omni3D'] }, { kind: 'mean', name: '3D', of: ['Omni3D'] }];
const tasks = (values: readonly string[]): MetricSpec => ({ kind: 'per-value', field: 'task', values });

/** VLMEvalKit's CV-Bench-2D report: accuracy per source present, Overall = their unweighted mean. */
const vlmevalkit2d: MetricSpec[] = [{ kind: 'macro', name: 'Overall', field: 'source' }, { kind: 'per-value', field: 'source' }];
/** VLMEvalKit's CV-Bench-3D report (generic report_acc): plain accuracy, then per category. */
const vlmevalkit3d: MetricSpec[] = [{ kind: 'accuracy', name: 'Overall' }, { kind: 'per-value', field: 'task' }];

interface Half {
  readonly official: readonly MetricSpec[];
  readonly officialPrimary: string;
  readonly vlmevalkit: readonly MetricSpec[];
  readonly vlmevalkitPrimary: string;
  /** Breakdown columns of the `_acc.csv`, rows per 2D/3D as VLMEvalKit's split rows. */
  readonly breakdowns: readonly string[];
}

const HALVES = {
  '2D': {
    official: [...source2d, tasks(TASKS_2D)],
    officialPrimary: '2D',
    vlmevalkit: vlmevalkit2d,
    vlmevalkitPrimary: 'Overall',
    // The `_acc.csv` Overall is micro accuracy here, where VLMEvalKit's 2D file has the mean of
    // sources: a table column cannot be a macro yet. The summary's vlmevalkit Overall is right.
    breakdowns: ['source'],
  },
  '3D': {
    official: [...source3d, tasks(TASKS_3D)],
    officialPrimary: '3D',
    vlmevalkit: vlmevalkit3d,
    vlmevalkitPrimary: 'Overall',
    breakdowns: ['task'],
  },
  both: {
    official: [...source2d, ...source3d, { kind: 'mean', name: 'Overall', of: ['2D', '3D'] }, tasks([...TASKS_2D, ...TASKS_3D])],
    officialPrimary: 'Overall',
    // What VLMEvalKit prints for its two TSVs, side by side; it has no combined headline.
    vlmevalkit: [
      { kind: 'macro', name: '2D', field: 'source', values: SOURCES_2D },
      { kind: 'per-value', field: 'source', values: SOURCES_2D },
      { kind: 'accuracy', name: '3D', where: { field: 'type', value: '3D' } },
      tasks(TASKS_3D),
    ],
    vlmevalkitPrimary: '2D',
    breakdowns: ['task', 'source'],
  },
} as const satisfies Record<string, Half>;

function protocols(half: Half): Benchmark['protocols'] {
  const table = { breakdowns: half.breakdowns, splitField: 'type' };
  const rows = { grouping: { kind: 'row' }, table } as const;
  const official: Protocol = { name: 'official', roles: ['primary', 'judge'], extract: GENERIC_PIPELINES.robust, metrics: half.official, headline: half.officialPrimary, ...rows };
  const vlmevalkit: Protocol = { name: 'vlmevalkit', roles: ['twin:vlmevalkit'], extract: GENERIC_PIPELINES.vlmevalkit, metrics: half.vlmevalkit, headline: half.vlmevalkitPrimary, ...rows };
  return [official, vlmevalkit, LMMS_EVAL, robustBeside(official)];
}

/**
 * lmms-eval's cv_bench, cv_bench_2d and cv_bench_3d (tasks/cv_bench/utils.py): the letter the reply
 * starts with, micro accuracy over all rows (cv_bench_aggregate_results; its mean-of-sources
 * function is defined but unused). lmms-eval asks with "Note: You only need to respond with A, B, …
 * without providing any additional information.\n\n" before the prompt; this scores our prompt's replies.
 */
const LMMS_EVAL: Protocol = {
  name: 'lmms-eval',
  roles: ['twin:lmms-eval'],
  extract: LMMS_FIRST_LETTER,
  grouping: { kind: 'row' },
  metrics: [{ kind: 'accuracy', name: 'cv_bench_acc' }],
  headline: 'cv_bench_acc',
};

const CV_BENCH_IDS = ['cv-bench', 'cv-bench-2d', 'cv-bench-3d'];
const paperColumn = (label: string, metric: string): PaperColumn => ({ group: 'CV-Bench', label, benchmarks: CV_BENCH_IDS, metric });

/**
 * CV-Bench in the Actial paper's Table 1: Overall and the four tasks, from whichever of the three
 * modules' summaries a work dir holds (declared once, on the combined one). Actial's configs run it as
 * two TSVs, so Overall falls back to mean(2D, 3D) across the two summaries, as the paper computes it.
 */
const PAPER: readonly PaperColumn[] = [
  { ...paperColumn('Overall', 'Overall'), orMeanOf: ['2D', '3D'] },
  paperColumn('Rel', 'Relation'),
  paperColumn('Count', 'Count'),
  paperColumn('Dist', 'Distance'),
  paperColumn('Depth', 'Depth'),
];

const HF_REPO = 'nyu-visionx/CV-Bench';
const TEST_2D = /(^|\/)test_2d\.parquet$/;
const TEST_3D = /(^|\/)test_3d\.parquet$/;
/**
 * The current layout only. The older single `test.parquet` holds the same questions, and one
 * pattern cannot say "these two, or else that one", so reading it takes an explicit "path".
 */
const TEST_BOTH = /(^|\/)test_[23]d\.parquet$/;

const PARQUET_COLUMNS = ['idx', 'type', 'task', 'image', 'choices', 'answer', 'prompt', 'source'];
const parquet = (files: RegExp): Benchmark['parquet'] => ({ toSample: parquetSample, imageColumns: ['image'], requiredColumns: PARQUET_COLUMNS, files });
const tsvUrl = (name: string): string => `https://opencompass.openxlab.space/utils/VLMEval/${name}.tsv`;
/** VLMEvalKit's CVBench.DATASET_MD5 (image_mcq.py). */
const tsvMd5 = { 'CV-Bench-2D': 'a7cff4cc2857cc237ee2b89e62bccb2d', 'CV-Bench-3D': 'bb94c0d568d652d15b60e001ac40a170' };

/**
 * The halves answer to their dataset names (matched before classes), so `{"class": "CVBench" or
 * "ImageMCQDataset", "dataset": "CV-Bench-2D"}` both find the 2D module; the class alone means both.
 */
export const cvBench2d: Benchmark = {
  id: 'cv-bench-2d',
  title: 'CV-Bench 2D (ADE20K, COCO: Count, Relation)',
  dataClasses: [],
  datasetNames: ['CV-Bench-2D'],
  fileForms: ['VLMEvalKit TSV: $LMUData/CV-Bench-2D.tsv', 'Parquet: test_2d.parquet'],
  tsv: { toSample: tsvSample },
  parquet: parquet(TEST_2D),
  hf: { repo: HF_REPO, datasets: { 'CV-Bench-2D': TEST_2D }, downloads: { 'CV-Bench-2D': ['test_2d.parquet'] } },
  tsvUrl,
  tsvMd5,
  protocols: protocols(HALVES['2D']),
};

export const cvBench3d: Benchmark = {
  id: 'cv-bench-3d',
  title: 'CV-Bench 3D (Omni3D: Depth, Distance)',
  dataClasses: [],
  datasetNames: ['CV-Bench-3D'],
  fileForms: ['VLMEvalKit TSV: $LMUData/CV-Bench-3D.tsv', 'Parquet: test_3d.parquet'],
  tsv: { toSample: tsvSample },
  parquet: parquet(TEST_3D),
  hf: { repo: HF_REPO, datasets: { 'CV-Bench-3D': TEST_3D }, downloads: { 'CV-Bench-3D': ['test_3d.parquet'] } },
  tsvUrl,
  tsvMd5,
  protocols: protocols(HALVES['3D']),
};

export const cvBench: Benchmark = {
  id: 'cv-bench',
  title: 'CV-Bench (2D + 3D, official combined score)',
  dataClasses: ['CVBench'],
  datasetNames: ['CV-Bench'],
  fileForms: ['Parquet: test_2d.parquet + test_3d.parquet (or "path" to the older test.parquet)'],
  tsv: { toSample: tsvSample },
  parquet: parquet(TEST_BOTH),
  hf: { repo: HF_REPO, datasets: { 'CV-Bench': TEST_BOTH }, downloads: { 'CV-Bench': ['test_2d.parquet', 'test_3d.parquet'] } },
  protocols: protocols(HALVES.both),
  paper: PAPER,
};

export const CV_BENCH: readonly Benchmark[] = [cvBench2d, cvBench3d, cvBench];
