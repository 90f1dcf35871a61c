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
  | { readonly kind: 'image'; readonly image: ImageBytes }
  /** A video file: the run turns it into frames (image parts) or a `video_url` (src/run/video-input.ts). */
  | { readonly kind: 'video'; readonly video: VideoRef };

/** Which frames of a video are sent (the formulas: src/data/video/indices.ts). */
export type FrameSampling =
  | { readonly kind: 'linspace'; readonly nframe: number }
  | { readonly kind: 'uniform_tail'; readonly nframe: number }
  | { readonly kind: 'fps'; readonly fps: number }
  /** VLMEvalKit SiteBenchVideo's fps mode: the same indices as `fps`, without the last frame appended. */
  | { readonly kind: 'fps_no_tail'; readonly fps: number };

/** A video a row names, as the data holds it: a path relative to the dataset's video folder. */
export interface VideoRef {
  /** The path as the row gives it (e.g. `arkitscenes/41069025.mp4`). */
  readonly file: string;
  /** The folder it is relative to unless the config's `"video"."root"` says otherwise (the data file's folder). */
  readonly base: string;
  /** Set by the run when the video itself is sent (`"send": "video_url"`): its URL and content sha256. */
  readonly sent?: { readonly url: string; readonly sha256: string };
}

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
  /**
   * The VLMEvalKit TSV row's prompt fields, for a model-side prompt builder (VLMEvalKit asks some
   * models, not the dataset, for the prompt); absent for rows of other sources.
   */
  readonly tsvPrompt?: TsvPromptFields;
  /**
   * A conversation's own system message and earlier turns (a multi-turn ShareGPT record, a verl
   * prompt): sent before `parts`, which is then the last user turn. The system message, when
   * present, replaces the model's `system_prompt` (the data was trained with it).
   */
  readonly conversation?: Conversation;
}

/** What a data row says comes before its last user turn. */
export interface Conversation {
  readonly system?: string;
  /** Earlier turns in order, alternating as the data has them. */
  readonly turns: readonly ConversationTurn[];
}

export interface ConversationTurn {
  readonly role: 'user' | 'assistant';
  readonly parts: readonly PromptPart[];
}

/** What VLMEvalKit's model-side prompt builders read of a TSV row. */
export interface TsvPromptFields {
  readonly question: string;
  /** The `hint` cell unless missing or NaN. */
  readonly hint?: string;
  /** Option columns A..Z present and not NaN, in order. */
  readonly options: readonly Choice[];
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
  /**
   * A column's value as decoded (a JSON record's value, a Parquet struct or list), for modules that
   * parse nested data with a schema; absent for TSV rows, whose cells are text.
   */
  readonly value?: (column: string) => unknown;
}

/** Sampling settings sent explicitly with every request. */
export interface GenerationSettings {
  readonly model: string;
  readonly temperature: number;
  /** 'auto': not sent, so the server fills up to its context (vLLM: max_model_len − prompt tokens). */
  readonly max_tokens: number | 'auto';
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

// The prediction record, the scored item and the shard set are work-dir formats: see src/workdir/.
