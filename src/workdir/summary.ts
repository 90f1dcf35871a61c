/**
 * `M/M_D_summary.json`: every number of one scoring of a (model, dataset), with counts and
 * provenance. What `leaderboard`, `paper` and `report` read. Numbers are fractions; a metric with
 * no units is null.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeAtomic } from './atomic.js';
import { parseJsonText, parseWith, WorkDirError } from './errors.js';
import { joinedFileList, shardSetSchema } from './header.js';
import type { DeepReadonly } from './readonly.js';
import { scanWorkDir } from './scan.js';

export const SUMMARY_SCHEMA = 'actial-eval/summary@2';
/** `provenance.dataset_file` a ', '-joined string. */
const SUMMARY_SCHEMA_V1 = 'actial-eval/summary@1';

const num = z.number().nullable();
const perProtocol = <T extends z.ZodType>(value: T, description: string) =>
  z.record(z.string(), z.record(z.string(), value).meta({ key: 'metric' })).meta({ key: 'protocol', description });

export const intervalSchema = z.strictObject({
  lo: z.number().describe('lower bound (fraction)'),
  hi: z.number().describe('upper bound (fraction)'),
  method: z.enum(['wilson', 'bootstrap', 'cluster-bootstrap']).describe('how it was computed'),
});

export const ciSettingsSchema = z.strictObject({
  level: z.number().describe('two-sided confidence level'),
  bootstrap: z.number().int().describe('bootstrap replicates'),
  seed: z.number().int().describe('base seed, mixed into every metric\'s stream'),
});

const protocolJudgeSchema = z.strictObject({
  rules_decided: z.number().int().describe('answered rows its extraction rules decided'),
  rules_undecided: z.number().int().describe('answered rows its rules left to the judge (its authors\' LLM step); without a judge they score as the authors\' script scores an LLM that never answers'),
  judge_decided: z.number().int().describe('of those, rows the judge decided'),
  judge_undecided: z.number().int().describe('of those, rows the judge could not decide (scored as no option)'),
  model: z.string().nullable().describe('the judge model; null when no judge was configured'),
  prompt_version: z.string().describe('the judge prompt it asks (its authors\' text, or `mcq-match@1`, ours)'),
});

export const protocolInfoSchema = z.strictObject({
  roles: z.array(z.string()).describe('what the protocol is for, as the benchmark declares: `primary` (the headline number), `judge` (an LLM judge may complete it), `twin:vlmevalkit` (reproduces a peer harness), …'),
  pipeline: z.string().describe('extraction pipeline'),
  grouping: z.string().describe('how rows form units: row, circular-index, key, …'),
  primary: z.string().describe("the protocol's primary metric"),
  units: z.number().int().describe('units scored (rows or groups)'),
  unextracted: z.number().int().describe('answered rows no step decided'),
  incomplete_groups: z.number().int().describe('groups missing some rows (not scored)'),
  methods: z.record(z.string(), z.number().int()).meta({ key: 'step', description: 'rows each extraction step decided' }),
  judge: protocolJudgeSchema.optional().describe('for a protocol an LLM judge completes (role `judge`): who decided its answers'),
});

const tableSchema = z.strictObject({
  columns: z.array(z.string()).describe('Overall, then the breakdown values, in report order'),
  rows: z.array(z.strictObject({
    split: z.string().describe('split value, or `none`'),
    values: z.record(z.string(), num).meta({ key: 'column', description: 'accuracy per column' }),
    n: z.record(z.string(), z.number().int()).meta({ key: 'column', description: 'units per column' }),
  })).describe('one row per split'),
});

const countsSchema = z.strictObject({
  rows: z.number().int().describe('rows in the store (latest record per index)'),
  dataset_rows: z.number().int().nullable().describe('rows of the dataset, when a run streamed all of it'),
  missing: z.number().int().nullable().describe('dataset rows never asked (an interrupted run); null when the size is unknown'),
  answered: z.number().int().describe('rows with an answer'),
  failed: z.number().int().describe('rows whose request failed (excluded from every metric)'),
  unextracted: z.number().int().describe('answered rows the primary protocol could not extract'),
  unextracted_vlmevalkit: z.number().int().nullable().describe("the same under the VLMEvalKit twin; null when the benchmark has none"),
  scored: z.number().int().describe('units behind the primary metrics'),
  incomplete_groups: z.number().int().describe('groups of the primary protocol missing rows'),
  judged: z.number().int().describe('answered rows the rules left undecided that went to the LLM judge'),
  judge_decided: z.number().int().describe('of those, decided by the judge'),
  judge_undecided: z.number().int().describe('of those, the judge could not decide'),
  judge_failed: z.number().int().describe('judge requests that failed after retries (those rows keep the rules\' result)'),
});

const reasoningSchema = z.strictObject({
  answered: z.number().int().describe('answered rows'),
  format_ok: num.describe("share whose raw output matches Actial's <think>…</think><answer>…</answer> format"),
  truncated: num.describe('share cut by max_tokens'),
  truncated_count: z.number().int().describe('rows cut by max_tokens'),
  truncated_accuracy: num.describe('primary-protocol accuracy of the truncated rows'),
  completion_tokens_mean: num.describe('mean completion tokens'),
  completion_tokens_median: num.describe('median completion tokens'),
  empty: num.describe('share whose answer text is empty'),
  actial_reward: z.strictObject({
    format: num.describe('mean format reward'),
    accuracy: num.describe('mean accuracy reward'),
    reward: num.describe('mean of their 0.5/0.5 sum'),
  }).describe("Actial's RL reward on these answers"),
});

const judgeProvenanceSchema = z.strictObject({
  model: z.string().describe('judge model id'),
  prompt_version: z.string().describe("judge prompt's version"),
  max_tokens: z.number().int().describe("judge's max_tokens"),
});

const provenanceFields = {
  harness_version: z.string().describe('actial-eval version that scored'),
  git_sha: z.string().nullable().describe('git commit of the harness checkout, if it is one'),
  config_hash: z.string().nullable().describe('from the run header, as the four fields below (null when the pair has no header)'),
  dataset_fingerprint: z.string().nullable().describe("the data files' fingerprint"),
  settings: z.record(z.string(), z.unknown()).nullable().describe('the sampling settings'),
  endpoint_model: z.string().nullable().describe('the model id the endpoint served'),
  judge: judgeProvenanceSchema.nullable().describe('the LLM judge when one was on (never its key or URL)'),
};

export const provenanceSchema = z.strictObject({
  harness_version: provenanceFields.harness_version,
  git_sha: provenanceFields.git_sha,
  config_hash: provenanceFields.config_hash,
  dataset_file: z.array(z.string()).nullable().describe('the data file(s)'),
  dataset_fingerprint: provenanceFields.dataset_fingerprint,
  settings: provenanceFields.settings,
  endpoint_model: provenanceFields.endpoint_model,
  prompt_builder: z.string().optional().describe("who built the prompts (the run header's `prompt_builder`), when recorded"),
  judge: provenanceFields.judge,
});

const summaryFields = {
  model: z.string().describe('the model (config key)'),
  dataset: z.string().describe('the dataset (config key)'),
  dataset_name: z.string().describe("the dataset's name"),
  benchmark: z.string().describe('benchmark id'),
  circular: z.boolean().describe('scored as circular'),
  partial: shardSetSchema.optional().describe('only these shards were evaluated (`--shard`): every number covers their rows; absent for a whole dataset'),
  primary: z.strictObject({
    protocol: z.string().describe('the primary protocol'),
    metric: z.string().describe('its primary metric'),
    value: num.describe('the headline number'),
  }).describe('the headline number: what the leaderboard shows'),
  metrics: perProtocol(num, 'protocol → metric → value, metrics in report order'),
  n: perProtocol(z.number().int(), 'protocol → metric → units behind it'),
  ci: perProtocol(intervalSchema.nullable(), 'protocol → metric → confidence interval (null where the metric is null)'),
  ci_settings: ciSettingsSchema.describe('how the intervals were computed'),
  protocols: z.record(z.string(), protocolInfoSchema).meta({ key: 'protocol', description: 'what each protocol did' }),
  tables: z.record(z.string(), tableSchema).meta({ key: 'protocol', description: "VLMEvalKit's report_acc tables, for the protocols that declare one" }),
  counts: countsSchema.describe('rows, failures and what the judge did'),
  reasoning: reasoningSchema.describe('how a reasoning model behaved, over answered rows'),
  failures: z.record(z.string(), z.number().int()).meta({ key: 'message', description: 'failed requests per error message' }),
};

export const summarySchema = z.strictObject({
  schema: z.literal(SUMMARY_SCHEMA).describe('version of this file'),
  ...summaryFields,
  provenance: provenanceSchema.describe('what produced these numbers'),
});

/** Version 1 as written before protocols had roles, and after. */
const summaryV1Schema = z.strictObject({
  schema: z.literal(SUMMARY_SCHEMA_V1),
  ...summaryFields,
  protocols: z.record(z.string(), protocolInfoSchema.extend({ roles: protocolInfoSchema.shape.roles.optional() })),
  provenance: z.strictObject({ ...provenanceFields, dataset_file: z.string().nullable() }),
});

export type Summary = DeepReadonly<z.infer<typeof summarySchema>>;
export type Provenance = Summary['provenance'];
export type ProtocolInfo = DeepReadonly<z.infer<typeof protocolInfoSchema>>;

export function parseSummary(value: unknown, file: string): Summary {
  const version = value !== null && typeof value === 'object' && 'schema' in value ? value.schema : undefined;
  if (version === SUMMARY_SCHEMA_V1) {
    const v1 = parseWith(summaryV1Schema, value, file);
    const files = v1.provenance.dataset_file;
    // Before roles were declared, the primary protocol was the only role a summary could name.
    const protocols = Object.fromEntries(Object.entries(v1.protocols).map(([name, info]) => [name, { ...info, roles: info.roles ?? (name === v1.primary.protocol ? ['primary'] : []) }]));
    return { ...v1, schema: SUMMARY_SCHEMA, protocols, provenance: { ...v1.provenance, dataset_file: files === null ? null : joinedFileList(files) } };
  }
  if (version !== SUMMARY_SCHEMA) {
    const found = version === undefined ? 'is missing' : `${JSON.stringify(version)} is not a summary this actial-eval reads`;
    throw new WorkDirError(`${file}: field 'schema' ${found} (it reads "${SUMMARY_SCHEMA}" and "${SUMMARY_SCHEMA_V1}")`);
  }
  return parseWith(summarySchema, value, file);
}

export async function readSummary(file: string): Promise<Summary> {
  return parseSummary(parseJsonText(await readFile(file, 'utf8'), file), file);
}

export function summaryJson(summary: Summary): string {
  return `${JSON.stringify(summary, null, 2)}\n`;
}

export async function writeSummary(file: string, summary: Summary): Promise<void> {
  await writeAtomic(file, summaryJson(summary));
}

/**
 * Every summary in a work dir, ordered by model then file name. A summary must describe the pair
 * its file name says: a file copied from elsewhere would put numbers in the wrong cell.
 */
export async function readSummaries(workDir: string): Promise<Summary[]> {
  const out: Summary[] = [];
  for (const pair of await scanWorkDir(workDir, 'summary', { missingIsEmpty: true })) {
    const summary = await readSummary(pair.paths.summary);
    for (const [field, want] of [['model', pair.model], ['dataset', pair.dataset]] as const) {
      if (summary[field] !== want) throw new WorkDirError(`${pair.paths.summary}: field '${field}': ${JSON.stringify(summary[field])}, but the file name says ${JSON.stringify(want)} (copied from elsewhere?)`);
    }
    out.push(summary);
  }
  return out;
}
