/**
 * Domain types shared by every stage of the flow:
 * config ─► benchmark adapter ─► samples ─► requests ─► endpoint pool ─► prediction store
 *        ─► extraction ─► scored items ─► metrics ─► reports
 */

/** Raw image bytes exactly as stored in the dataset; never re-encoded. */
export interface ImageBytes {
  readonly data: Buffer;
  /** MIME type sniffed from the bytes (image/jpeg, image/png, ...). */
  readonly mime: string;
  /** The bytes as canonical base64 when the dataset already held them so: sent as is, not re-encoded. */
  readonly base64?: string;
}

export type PromptPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'image'; readonly image: ImageBytes };

export interface Choice {
  /** Option letter, A..Z. */
  readonly letter: string;
  readonly text: string;
}

/** One benchmark item, ready to be turned into a request. */
export interface Sample {
  /** The dataset's row id (VLMEvalKit `index`), as text. */
  readonly index: string;
  /** Interleaved user-message content, in order. */
  readonly parts: readonly PromptPart[];
  readonly choices: readonly Choice[];
  /** Gold answer: an option letter for MCQ. */
  readonly answer: string;
  /** Category-like fields used for breakdowns and grouping (category, l2-category, split, ...). */
  readonly fields: Readonly<Record<string, string>>;
}

/** A data row as read from disk, before the benchmark adapter interprets it. */
export interface DataRow {
  readonly file: string;
  /** 1-based data row number (header excluded), for error messages. */
  readonly rowNumber: number;
  readonly columns: readonly string[];
  /** Byte offset just past this row in its file, for progress on files of unknown row count. */
  readonly endOffset?: number;
  get(column: string): string | undefined;
  /**
   * A list-valued column as strings: a Parquet list<string>, or a TSV cell holding a Python/JSON list
   * literal (`['a', 'b']`). Undefined when the column is missing, empty or not a list.
   */
  list(column: string): readonly string[] | undefined;
  /** Decoded images of this row (image / image_path columns, index references resolved). */
  images(): Promise<ImageBytes[]>;
}

/** Sampling settings sent explicitly with every request. */
export interface GenerationSettings {
  readonly model: string;
  readonly temperature: number;
  readonly max_tokens: number;
  readonly system_prompt?: string;
  readonly img_detail?: 'low' | 'high';
  /** Extra payload keys copied from the config (top_p, seed, ...). */
  readonly extra: Readonly<Record<string, unknown>>;
}

export interface Usage {
  readonly prompt_tokens: number;
  readonly completion_tokens: number;
  readonly total_tokens: number;
}

export type PredictionStatus = 'ok' | 'failed';

/** One line of `M/M_D.jsonl`: the single source of truth for what was asked and answered. */
export interface PredictionRecord {
  readonly index: string;
  readonly prompt_hash: string;
  readonly settings_hash: string;
  /** The prompt's hash without settings (absent in stores written before it existed): pairs rows across checkpoints. */
  readonly question_hash?: string;
  readonly status: PredictionStatus;
  /** Text content of the answer ('' for failed requests). */
  readonly prediction: string;
  /** Raw content before model post-processing (e.g. ActialChat's <answer> extraction), when it differs. */
  readonly raw_prediction?: string;
  readonly reasoning?: string;
  readonly error?: string;
  /** 'transient' errors were retried until attempts ran out; 'permanent' ones were not retried. */
  readonly error_kind?: 'transient' | 'permanent';
  readonly http_status?: number;
  readonly finish_reason: string | null;
  readonly usage: Usage | null;
  readonly latency_ms: number;
  readonly attempts: number;
  readonly endpoint_model?: string;
  /** The server that answered, when the model has several: its base URL without credentials. */
  readonly endpoint?: string;
  readonly time: string;
  /** What was asked besides the images, so scoring (and a judge) can work from this file alone. */
  readonly question?: string;
  readonly answer: string;
  readonly choices: readonly Choice[];
  readonly fields: Readonly<Record<string, string>>;
}

/** One line of `M/M_D_score.jsonl`. */
export interface ScoredItem {
  readonly index: string;
  readonly answer: string;
  readonly extracted: string | null;
  /** Name of the extraction step that decided, or 'none'. */
  readonly method: string;
  readonly hit: boolean;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * Which shards of `of` a store holds, as recorded in its run header and summary: one for a shard
 * run, several for a merge made with --allow-missing. A store holding all of them has no such field.
 * Here, not in src/shard, because the summary that report/ writes carries it.
 */
export interface ShardSet {
  readonly shards: readonly number[];
  readonly of: number;
}
