/**
 * The files of the work-dir contract, in the order docs/output-format.md describes them. Each
 * entry names its schema: the doc's field tables are generated from it (src/workdir/doc.ts).
 */
import type { z } from 'zod';
import { cachedVerdictSchema, JUDGE_CACHE_FORMAT } from './judge-cache.js';
import { RUN_HEADER_SCHEMA, runHeaderSchema } from './header.js';
import { lockFileSchema } from './lock.js';
import { MERGE_MARKER_SCHEMA, mergeMarkerSchema } from './marker.js';
import { PREDICTIONS_FORMAT, predictionRecordSchema } from './records.js';
import { SCORES_FORMAT, scoreLineSchema } from './scores.js';
import { SUMMARY_SCHEMA, summarySchema } from './summary.js';

export interface DocumentedFile {
  /** Where, relative to the work dir (M: model, D: dataset, as named in the config). */
  readonly path: string;
  readonly title: string;
  /** The version a JSON file holds in `schema`, or a JSONL file's in the run header's `formats`. */
  readonly version?: string;
  /** What the file is for, who writes and who reads it. */
  readonly about: string;
  readonly kind: 'json' | 'jsonl' | 'csv' | 'text';
  readonly schema?: z.ZodType;
  /** Columns of a CSV file (its schema is its header row). */
  readonly columns?: readonly (readonly [string, string])[];
}

export const DOCUMENTED_FILES: readonly DocumentedFile[] = [
  {
    path: 'M/M_D.meta.json',
    title: 'run header',
    version: RUN_HEADER_SCHEMA,
    kind: 'json',
    about: 'Written when inference starts, again with `dataset_rows` once the dataset was streamed whole, by `merge` for a merged store, and by scoring when it changes the score file\'s format. It holds what scoring cannot learn from the records (so `actial-eval score` needs no config) and the format of each JSONL file beside it: JSONL lines carry no version of their own. A header without `schema` (written before version 2) is read as version 1: `dataset_file` a `, `-joined string, every JSONL file in its version 1.',
    schema: runHeaderSchema,
  },
  {
    path: 'M/M_D.jsonl',
    title: 'prediction records',
    version: PREDICTIONS_FORMAT,
    kind: 'jsonl',
    about: 'The single source of truth for what was asked and answered: one record per answer, appended as answers arrive, so a run killed at any point loses nothing but the line being written. A last line without its newline is such a cut-short write: it is left out and that row asked again. Any other line that is not a record stops every reader with the file, line and field. The latest record of an index counts (a failed request asked again gets a second line).',
    schema: predictionRecordSchema,
  },
  {
    path: 'M/M_D_judge.jsonl',
    title: "LLM judge's verdicts",
    version: JUDGE_CACHE_FORMAT,
    kind: 'jsonl',
    about: 'Only with a judge (`--judge`): one line per verdict, appended as they arrive, so a rerun (or the `merge` of shards) asks nothing the judge already answered.',
    schema: cachedVerdictSchema,
  },
  {
    path: 'M/M_D_score.jsonl',
    title: 'score lines',
    version: SCORES_FORMAT,
    kind: 'jsonl',
    about: 'One line per answered row (failed requests are not scored), rewritten whole by every scoring. The primary protocol (the headline number\'s) is at the top; every protocol, the primary one included, is under `protocols`.',
    schema: scoreLineSchema,
  },
  {
    path: 'M/M_D_acc.csv',
    title: "VLMEvalKit's accuracy table",
    kind: 'csv',
    about: "The primary protocol's accuracies in VLMEvalKit's `_acc.csv` layout (fractions), one row per split.",
    columns: [
      ['split', 'split value, or `none`'],
      ['Overall', 'accuracy over every unit of the split'],
      ['then one per category value', 'the benchmark\'s breakdowns (e.g. `l2-category`, then `category` values)'],
    ],
  },
  {
    path: 'M/M_D_metrics.csv',
    title: 'metrics with intervals',
    kind: 'csv',
    about: 'Every metric of every protocol with its confidence interval, one row each (fractions; empty cells where a metric has no value).',
    columns: [
      ['protocol', 'protocol name'],
      ['metric', 'metric name'],
      ['value', 'the metric'],
      ['ci_lo', 'lower bound of its interval'],
      ['ci_hi', 'upper bound'],
      ['n', 'units behind it'],
      ['method', '`wilson`, `bootstrap` or `cluster-bootstrap`'],
    ],
  },
  {
    path: 'M/M_D_summary.json',
    title: 'summary',
    version: SUMMARY_SCHEMA,
    kind: 'json',
    about: 'Every number of one scoring, with counts and provenance: what `leaderboard`, `paper` and `report` read. Numbers are fractions; a metric without units is null. Summaries of version 1 (`provenance.dataset_file` a `, `-joined string) are read too.',
    schema: summarySchema,
  },
  {
    path: 'leaderboard.csv',
    title: 'leaderboard',
    kind: 'csv',
    about: 'Written at the end of a run, `score` and `merge` from every summary in the work dir.',
    columns: [
      ['model', 'one row per model, by name'],
      ['`D (protocol metric)`', "one column per dataset, by name: its primary metric in percent (2 decimals), empty where the model has no summary"],
    ],
  },
  {
    path: '.actial-eval.lock',
    title: 'work-dir lock',
    kind: 'text',
    about: 'Held while a run, `score` or `merge` writes into the work dir; a second one is refused. A lock whose process is gone (killed) or a zombie (killed but not yet reaped) is stale and taken over. `merge` never takes or breaks a shard dir\'s lock: it refuses to read a dir that has one.',
    schema: lockFileSchema,
  },
  {
    path: '.actial-eval-merge.json',
    title: 'merge marker',
    version: MERGE_MARKER_SCHEMA,
    kind: 'json',
    about: "In a merge's out dir: the stores merges wrote there. A later merge may rewrite those, never a store a run wrote into that dir.",
    schema: mergeMarkerSchema,
  },
];
