import type { DataRow, FrameSampling, Sample } from '../core/types.js';
import type { JudgePrompt } from '../extract/judge-prompt.js';
import type { Pipeline } from '../extract/types.js';

/**
 * A benchmark is a declaration: which config names it answers to, how a row becomes a Sample,
 * which extraction pipeline each protocol uses, how rows group into scored units, and which
 * metrics each protocol reports. Shared code interprets these fields and never looks at a name.
 */
export interface Benchmark {
  readonly id: string;
  readonly title: string;
  /** Config `class` values this module handles (e.g. ImageMCQDataset). */
  readonly dataClasses: readonly string[];
  /** Dataset names it knows (e.g. VLMEvalKit TSV names); empty for generic modules. */
  readonly datasetNames: readonly string[];
  /** Human description of the file forms it reads, for `actial-eval list`. */
  readonly fileForms: readonly string[];
  /** How a VLMEvalKit TSV row becomes a Sample, when the benchmark has a TSV form. */
  readonly tsv?: RowSource;
  /** How a row of the benchmark's own Parquet becomes a Sample, when it has one. */
  readonly parquet?: ParquetSource;
  /** How an object of the benchmark's own JSON question file (a top-level array) becomes a Sample. */
  readonly json?: JsonSource;
  /** How a row of the benchmark's own CSV question file (pandas `read_csv` dialect) becomes a Sample. */
  readonly csv?: CsvSource;
  /** How a record of a JSON array or JSONL file becomes a Sample, when it is read from those. */
  readonly records?: RowSource;
  /**
   * The module as one config data entry sets it up (a system prompt, a media folder: the keys of
   * the entry beyond class/dataset/path), for formats whose files carry no such settings. Throws
   * InputError for keys it does not know. The protocols must not depend on the entry: scoring
   * re-reads none of it.
   */
  readonly configure?: (entry: Readonly<Record<string, unknown>>, where: EntrySite) => Benchmark;
  /** Where the benchmark's own files live on the HuggingFace Hub, for locating a local download. */
  readonly hf?: HfSource;
  /** Where to get the VLMEvalKit TSV of a dataset name: downloaded into $LMUData when no file is found. */
  readonly tsvUrl?: (datasetName: string) => string | undefined;
  /** VLMEvalKit's DATASET_MD5: the published TSV's md5 per dataset name, checked after a download. */
  readonly tsvMd5?: Readonly<Record<string, string>>;
  /**
   * The scoring protocols, in report order, each with its roles: exactly one is `primary` (the
   * headline number, usually the authors' `official`), a peer harness's reproduction is its
   * `twin:<harness>`, and `judge` marks those an LLM judge may complete.
   */
  readonly protocols: readonly Protocol[];
  /** Pipelines a config's `"extract"` may name beyond those its protocols use. */
  readonly pipelines?: readonly Pipeline[];
  /** Its columns in the Actial paper's Table 1 view (`actial-eval paper`), when it has some. */
  readonly paper?: readonly PaperColumn[];
  /**
   * Circular evaluation (rows `orig + 1e6·k` are rotations of `orig`; a unit is right only when all
   * rows are): applied to every row-grouped protocol when the dataset name matches.
   */
  readonly circularWhenNameMatches?: RegExp;
  /**
   * Rows that must land in one shard (`--shard`): the coarsest grouping any protocol uses, when it
   * is coarser than the official one (the default).
   */
  readonly shardGrouping?: Grouping;
  /** For rows that name videos: the frame sampling a dataset name means (a config's `"video"` overrides it). */
  readonly video?: { readonly sampling: (datasetName: string) => FrameSampling };
  /** The TSV file VLMEvalKit reads for a dataset name, without `.tsv` (default: the name itself). */
  readonly tsvFile?: (datasetName: string) => string;
}

/** One column of a paper-style table: an official metric of one benchmark family. */
/** Where a data entry comes from, for messages and relative paths. */
export interface EntrySite {
  /** The config key. */
  readonly name: string;
  readonly configDir: string;
}

export interface PaperColumn {
  /** Column group (a benchmark as the paper names it). */
  readonly group: string;
  readonly label: string;
  /** Benchmark ids whose summaries can supply it (e.g. the combined CV-Bench and its halves). */
  readonly benchmarks: readonly string[];
  /** An official-protocol metric name. */
  readonly metric: string;
  /** When no summary has `metric`, the mean of these (e.g. CV-Bench Overall from the 2D and 3D TSVs). */
  readonly orMeanOf?: readonly string[];
}

export interface RowSource {
  /** Turns one data row into a Sample; throws DataError for rows that break the schema. */
  readonly toSample: (row: DataRow) => Promise<Sample>;
  /**
   * For a row asked as several items (SAT: once per order of its options), all of them in order;
   * used instead of `toSample`, which then gives the first.
   */
  readonly toSamples?: (row: DataRow) => Promise<readonly Sample[]>;
  /**
   * A TSV's `image_path` values are relative even when they start with a slash: VLMEvalKit's EASI
   * classes (prepare_tsv's fix_one) strip leading slashes and join the value to their snapshot.
   */
  readonly imagePathsRelative?: boolean;
}

export interface ParquetSource extends RowSource {
  /** Image columns in prompt order (HF image structs, lists of them, or raw bytes). */
  readonly imageColumns: readonly string[];
  /** Columns that must exist: checked before any row is read. */
  readonly requiredColumns: readonly string[];
  /** Which Parquet files of a folder or download to read (e.g. only the val split), by relative path. */
  readonly files: RegExp;
}

export interface JsonSource extends RowSource {
  /** Which `.json` files of a folder or download are question files, by relative path. */
  readonly files: RegExp;
  /** The field listing an item's image files, relative to the JSON's folder or the folder above it. */
  readonly imagePathField: string;
  /**
   * Names for the elements of an item written as a JSON array rather than an object (What'sUp's
   * COCO-QA rows `[image id, caption, caption]`): element i is the field named here at i.
   */
  readonly arrayItemFields?: readonly string[];
}

export interface CsvSource extends RowSource {
  /** Which `.csv` files of a folder or download are question files, by relative path. */
  readonly files: RegExp;
}

export interface HfSource {
  /** Dataset repo id, e.g. nyu-visionx/CV-Bench. */
  readonly repo: string;
  /** Which dataset names (config `dataset`) mean this repo's Parquet files, with the files to read. */
  readonly datasets: Readonly<Record<string, RegExp>>;
  /**
   * The repo files to download for a dataset name when none is found locally (a pattern cannot be
   * fetched). Each must match that name's pattern in `datasets`.
   */
  readonly downloads?: Readonly<Record<string, readonly string[]>>;
  /** Branch, tag or commit to download from; default `main`. */
  readonly revision?: string;
}

/**
 * What a protocol is for, read by shared code instead of its name or position:
 * - `primary`: its headline metric is the dataset's number (summary `primary`, leaderboard, paper
 *   view, compare's gate); exactly one protocol of a benchmark has it;
 * - `judge`: an LLM judge, when one is configured, decides the answers its rules leave undecided;
 * - `twin:<harness>`: it reproduces that harness's scoring (exact matching, never judged), so its
 *   numbers compare with what users already have from it.
 */
export type ProtocolRole = 'primary' | 'judge' | 'twin:vlmevalkit' | 'twin:lmms-eval';

export interface Protocol {
  /** Its key in summaries, score lines and tables (`official`, `vlmevalkit`, `flip`, …). */
  readonly name: string;
  readonly roles: readonly ProtocolRole[];
  readonly extract: Pipeline;
  /**
   * With the `judge` role: the prompt its authors' script asks an LLM for the answers its rule
   * leaves undecided (BLINK's GPT-3.5 prompt). Without it the judge is asked actial-eval's own
   * prompt (`mcq-match@1`).
   */
  readonly judgePrompt?: JudgePrompt;
  readonly grouping: Grouping;
  /**
   * How an extracted answer earns credit against the gold one; exact equality (1 or 0) when
   * absent. A benchmark whose script compares otherwise (substrings, integer parsing, relative
   * error of a number) declares it here.
   */
  readonly scorer?: Scorer;
  /** Metrics in report order; `headline` names the one that stands for the protocol. */
  readonly metrics: readonly MetricSpec[];
  readonly headline: string;
  /**
   * Units that are not independent of one another share this key (e.g. a question and its mirrored
   * image): confidence intervals resample them together. Coarser than `grouping`; without it units
   * are independent and the rows of a group are clustered by the group.
   */
  readonly cluster?: Grouping;
  /** VLMEvalKit's report_acc layout (`_acc.csv`): a row per split, Overall, then these fields' values. */
  readonly table?: { readonly breakdowns: readonly string[]; readonly splitField: string };
}

/** A protocol's rule for the credit an extracted answer earns (see Protocol.scorer). */
export interface Scorer {
  /** Recorded in the summary beside the pipeline. */
  readonly name: string;
  /**
   * 1 right, 0 wrong, or partial credit in between (intervals and comparisons of metrics over
   * such units resample instead of using the binomial formulas); `extracted` is null when no rule
   * decided. `method` is the step that decided, for a rule that also weighs how the answer was
   * written (Actial's reward: its format half).
   */
  readonly credit: (extracted: string | null, answer: string, fields: Readonly<Record<string, string>>, method?: string) => number;
}

/** How rows combine into scored units; a unit is right only when all its rows are. */
export type Grouping =
  | { readonly kind: 'row' }
  | { readonly kind: 'circular-index' }
  /** Units share a key made from a field by regex rewrites (e.g. a qid without its `-N` suffix). */
  | { readonly kind: 'key'; readonly field: string; readonly rewrite: readonly (readonly [RegExp, string])[] };

export interface UnitFilter {
  readonly field: string;
  readonly value: string;
}

export type MetricSpec =
  /** Micro accuracy over all units, or over the units matching `where`. */
  | { readonly kind: 'accuracy'; readonly name: string; readonly where?: UnitFilter }
  /** One accuracy per value of a field, named by the value (sorted), optionally only some values. */
  | { readonly kind: 'per-value'; readonly field: string; readonly values?: readonly string[] }
  /** Unweighted mean of the per-value accuracies of a field (all values, or the listed ones). */
  | { readonly kind: 'macro'; readonly name: string; readonly field: string; readonly values?: readonly string[] }
  /** Unweighted mean of metrics computed earlier in the list. */
  | { readonly kind: 'mean'; readonly name: string; readonly of: readonly string[] }
  /**
   * Precision, recall and F1 of the `positive` answer (e.g. 'Yes'), under the names given: an
   * undecided answer is a negative prediction. Not linear in the hits, so `compare` leaves them out.
   */
  | { readonly kind: 'precision-recall-f1'; readonly positive: string; readonly precision: string; readonly recall: string; readonly f1: string }
  /**
   * Chance-adjusted accuracy (SITE's CAA): (Σ credit − Σ 1/n) / (N − Σ 1/n) over the units, n a
   * unit's option count. `field` holds `<group>#<n>` per unit; with `group`, only that group's units.
   */
  | { readonly kind: 'chance-adjusted'; readonly name: string; readonly field: string; readonly group?: string }
  /**
   * A benchmark's own formula over the scored units and the metrics before it in the list, for a
   * published rule that is no function of hit tallies (STARE's yes/no F1, which skips rows by their
   * question). No interval and no paired comparison; `rule` describes it in `list --protocols`.
   */
  | { readonly kind: 'formula'; readonly name: string; readonly rule: string; readonly compute: (units: readonly FormulaUnit[], earlier: ReadonlyMap<string, FormulaValue>) => FormulaValue };

/** What a formula metric reads of a scored unit. */
export interface FormulaUnit {
  readonly answer: string;
  readonly extracted: string | null;
  readonly hit: boolean;
  readonly fields: Readonly<Record<string, string>>;
}

/** A formula's value (NaN when undefined) and the units behind it. */
export interface FormulaValue {
  readonly value: number;
  readonly n: number;
}
