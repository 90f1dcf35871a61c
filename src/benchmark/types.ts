import type { DataRow, Sample } from '../core/types.js';
import type { PipelineName } from '../extract/pipelines.js';

/**
 * A benchmark is a declaration: which config names it answers to, how a row becomes a Sample,
 * which extraction pipeline is official, and how items are grouped and broken down when scored.
 * Shared code interprets these fields and never looks at a benchmark's name.
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
  /** Turns one data row into a Sample; throws DataError for rows that break the schema. */
  readonly toSample: (row: DataRow) => Promise<Sample>;
  readonly extract: PipelineName;
  readonly metric: MetricRecipe;
}

export interface MetricRecipe {
  /** Fields reported as per-value accuracy columns, in this order (VLMEvalKit: l2-category, category). */
  readonly breakdowns: readonly string[];
  /** Field whose values give one table row each (VLMEvalKit: split). */
  readonly splitField: string;
  /**
   * Circular evaluation (rows `orig + 1e6·k` are rotations of `orig`; a group is right only when all
   * are): applied when the dataset name matches.
   */
  readonly circularWhenNameMatches?: RegExp;
}
