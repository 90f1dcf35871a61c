import type { DataRow, Sample } from '../src/core/types.js';
import { withRobust } from '../src/benchmark/protocols.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { VLMEVALKIT_JUDGE } from '../src/extract/vlmevalkit-judge.js';
import type { Benchmark, Grouping, MetricSpec, Protocol } from '../src/benchmark/types.js';
import { readFields } from '../src/benchmark/fields.js';
import { vlmevalkitMcqSample } from '../src/benchmark/mcq.js';
import { LMMS_3DSR } from '../src/extract/lmms-eval.js';

/**
 * 3DSRBench (ccvl/3DSRBench): 2,772 questions, each asked in every option rotation (qid
 * 'VIN6MS3J', 'VIN6MS3J-1', …) and on the mirrored image ('VIN6MS3J-flip', 'VIN6MS3J-flip-1', …).
 *
 * - `official`: the authors' compute_3dsrbench_results(_circular).py (copy read in
 *   johnson111788/SpatialReasoner src/eval/compute_3dsrbench_results.py): a group is a qid without
 *   its rotation suffix (`qid[-2] == '-'` → `qid[:-2]`), so a mirrored question is its own group;
 *   a group is right only if all its rows are; Overall, each of the 4 types and each of the 12
 *   subtypes are means over groups. The authors read hits from VLMEvalKit's judged results, so
 *   its extraction is VLMEvalKit's step for step: exact matching (`can_infer`), then the
 *   configured judge asked VLMEvalKit's prompt for what that leaves undecided; without a judge
 *   those answers are misses, as VLMEvalKit's exact-matching mode scores them ('Z').
 * - `vlmevalkit`, `vanilla`, `flip`, `flip_circular`: the four settings VLMEvalKit's `_3DSRBench`
 *   prints (circ_eval, vanilla, flip_eval, flip_circ_eval; vlmeval/dataset/image_mcq.py @ e8e78f05),
 *   with its exact matching and its report_acc layout (Overall, then each category). It prints them
 *   as one table with no headline number; `vlmevalkit` is circ_eval, the setting the authors rank by.
 *   Each setting also reports the four types over its units (VLMEvalKit prints only the subtypes).
 * - `lmms-eval` and `lmms-eval-flip`, `lmms-eval-circular`, `lmms-eval-flip_circular`: lmms-eval's
 *   3dsrbench_circular task (tasks/3dsrbench/utils.py; same prompt as VLMEvalKit's): its
 *   `extract_answer` patterns, vanilla_accuracy and the type and subtype accuracies over rows (not
 *   groups), and its three grouped accuracies, each with the four types over its groups (ours).
 */

/** The official script's type → subtype mapping, in its order. */
const TYPES = {
  height: ['height_higher'],
  location: ['location_above', 'location_closer_to_camera', 'location_next_to'],
  orientation: ['orientation_in_front_of', 'orientation_on_the_left', 'orientation_viewpoint'],
  multi_object: [
    'multi_object_closer_to', 'multi_object_facing', 'multi_object_viewpoint_towards_object',
    'multi_object_parallel', 'multi_object_same_direction',
  ],
} as const;

const TYPE_NAMES = Object.keys(TYPES);
const SUBTYPES: readonly string[] = Object.values(TYPES).flat();
const TYPE_OF: ReadonlyMap<string, string> = new Map(Object.entries(TYPES).flatMap(([t, subs]) => subs.map((s): [string, string] => [s, t])));

/** Field the type is derived into (no column carries it). */
const TYPE_FIELD = 'type';

const officialMetrics: readonly MetricSpec[] = [
  { kind: 'accuracy', name: 'Overall' },
  { kind: 'per-value', field: TYPE_FIELD, values: TYPE_NAMES },
  { kind: 'per-value', field: 'category', values: SUBTYPES },
];

// report_acc: Overall, then each category value, sorted.
const vlmevalkitMetrics: readonly MetricSpec[] = [
  { kind: 'accuracy', name: 'Overall' },
  { kind: 'per-value', field: 'category' },
  { kind: 'per-value', field: TYPE_FIELD, values: TYPE_NAMES },
];

/** A key made from the qid; patterns see the whole qid, so `[\s\S]` stands for Python's any-character slice. */
const byQid = (rewrite: readonly (readonly [RegExp, string])[]): Grouping => ({ kind: 'key', field: 'qid', rewrite });

/**
 * A question's rotations and its mirrored image (qid[:8]) are answered alike far more often than
 * two unrelated questions: every protocol's intervals resample them together.
 */
const QUESTION = byQid([[/^([\s\S]{0,8})[\s\S]*$/, '$1']]);

/** One of VLMEvalKit's four settings (its circ_eval is the twin; the others are reported beside). */
const vlmevalkitSetting = (name: string, grouping: Grouping): Protocol => ({
  name,
  roles: name === 'vlmevalkit' ? ['twin:vlmevalkit'] : [],
  extract: GENERIC_PIPELINES.vlmevalkit,
  grouping,
  cluster: QUESTION,
  metrics: vlmevalkitMetrics,
  headline: 'Overall',
});

/** lmms-eval's per-row metrics, named as it names them (`height_accuracy`, `location_above_accuracy`, …). */
const LMMS_ROW_METRICS: readonly MetricSpec[] = [
  { kind: 'accuracy', name: 'vanilla_accuracy' },
  ...TYPE_NAMES.map((t): MetricSpec => ({ kind: 'accuracy', name: `${t}_accuracy`, where: { field: TYPE_FIELD, value: t } })),
  ...SUBTYPES.map((s): MetricSpec => ({ kind: 'accuracy', name: `${s}_accuracy`, where: { field: 'category', value: s } })),
];

/** One of lmms-eval's grouped accuracies (a group is right when all its rows are). */
const lmmsSetting = (setting: string, grouping: Grouping): Protocol => ({
  name: `lmms-eval-${setting}`,
  roles: [],
  extract: LMMS_3DSR,
  grouping,
  cluster: QUESTION,
  metrics: [{ kind: 'accuracy', name: `${setting}_accuracy` }, { kind: 'per-value', field: TYPE_FIELD, values: TYPE_NAMES }],
  headline: `${setting}_accuracy`,
});

/** An unknown subtype is a schema error, as in the official script (it asserts each one). */
const FIELDS = { qid: { from: ['qid'] }, category: { from: ['category'], values: SUBTYPES } };

async function toSample(row: DataRow): Promise<Sample> {
  const fields = readFields(row, FIELDS);
  const sample = await vlmevalkitMcqSample(row, { fields: [] });
  return { ...sample, fields: { ...fields, [TYPE_FIELD]: TYPE_OF.get(fields['category'] as string) as string } };
}

export const threeDsrBench: Benchmark = {
  id: '3dsrbench',
  title: '3DSRBench (3D spatial reasoning; rotations and mirrored images)',
  dataClasses: ['_3DSRBench'],
  // '_3DSRBench' is the name Actial's configs give it.
  datasetNames: ['3DSRBench', '_3DSRBench'],
  fileForms: ['VLMEvalKit TSV with qid (3dsrbench_v1_vlmevalkit_circular.tsv): $LMUData/<dataset>.tsv or "path"'],
  tsv: { toSample },
  tsvUrl: (name) =>
    name === '3DSRBench'
      ? 'https://opencompass.openxlab.space/utils/VLMEval/3DSRBench.tsv'
      : 'https://huggingface.co/datasets/ccvl/3DSRBench/resolve/main/3dsrbench_v1_vlmevalkit_circular.tsv',
  // VLMEvalKit's _3DSRBench.DATASET_MD5; the HF file is checked against the hub's sha256.
  tsvMd5: { '3DSRBench': '610516a0b4710595545b7613c60524e8' },
  protocols: withRobust([
    {
      name: 'official',
      roles: ['primary', 'judge'],
      // The authors scored VLMEvalKit's results: its exact matching, then its judge prompt.
      extract: GENERIC_PIPELINES.vlmevalkit,
      judgePrompt: VLMEVALKIT_JUDGE,
      grouping: byQid([[/-[\s\S]$/, '']]),
      cluster: QUESTION,
      metrics: officialMetrics,
      headline: 'Overall',
      table: { breakdowns: [TYPE_FIELD, 'category'], splitField: 'split' },
    },
    // circ_eval: qid[:13] for mirrored questions, else qid[:8].
    {
      ...vlmevalkitSetting('vlmevalkit', byQid([[/^(?:(?=[\s\S]*-flip)([\s\S]{0,13})|([\s\S]{0,8}))[\s\S]*$/, '$1$2']])),
      table: { breakdowns: ['l2-category', 'category'], splitField: 'split' },
    },
    vlmevalkitSetting('vanilla', { kind: 'row' }),
    // flip_eval: qid.replace('-flip', '') pairs each question with its mirror.
    vlmevalkitSetting('flip', byQid([[/-flip/g, '']])),
    // flip_circ_eval: qid[:8], all rotations of a question and of its mirror.
    vlmevalkitSetting('flip_circular', byQid([[/^([\s\S]{0,8})[\s\S]*$/, '$1']])),
    { name: 'lmms-eval', roles: ['twin:lmms-eval'], extract: LMMS_3DSR, grouping: { kind: 'row' }, cluster: QUESTION, metrics: LMMS_ROW_METRICS, headline: 'vanilla_accuracy' },
    // The same keys as VLMEvalKit's settings (aggregate_flip/circular/flip_circular_accuracy).
    lmmsSetting('flip', byQid([[/-flip/g, '']])),
    lmmsSetting('circular', byQid([[/^(?:(?=[\s\S]*-flip)([\s\S]{0,13})|([\s\S]{0,8}))[\s\S]*$/, '$1$2']])),
    lmmsSetting('flip_circular', byQid([[/^([\s\S]{0,8})[\s\S]*$/, '$1']])),
  ]),
  paper: [{ group: '3DSRBench', label: 'Overall', benchmarks: ['3dsrbench'], metric: 'Overall' }],
  // flip_circular's groups hold every other protocol's: a question, its rotations and its mirror.
  shardGrouping: byQid([[/^([\s\S]{0,8})[\s\S]*$/, '$1']]),
};
