/**
 * The chat request body as sent on the wire, typed as OpenAI's own request type (the `openai`
 * package's published types) so every field we set is checked against OpenAI's API at compile
 * time, with vLLM's sampling extensions named explicitly. Only types: the bytes are written by
 * wire.ts and sent over undici (../endpoint/http.ts), not by the SDK.
 *
 * Its own file so that build.ts (which makes bodies) and wire.ts (which serialises them) both
 * depend on it and not on each other.
 */
import type {
  ChatCompletionAssistantMessageParam,
  ChatCompletionContentPartImage,
  ChatCompletionContentPartText,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionSystemMessageParam,
  ChatCompletionUserMessageParam,
} from 'openai/resources/chat/completions';

/** vLLM's video part (its ChatCompletionContentPartVideoParam; OpenAI has none): a file, data or http URL. */
export interface ContentPartVideo {
  readonly type: 'video_url';
  readonly video_url: { readonly url: string };
}

/** The content parts we send: text, images and videos (no audio, no files). */
export type ContentPart = ChatCompletionContentPartText | ChatCompletionContentPartImage | ContentPartVideo;

/** wire.ts writes `role` and `content` only, so the optional `name` is left out of the type. */
export interface SystemMessage extends Omit<ChatCompletionSystemMessageParam, 'name'> {
  readonly content: string;
}

export interface UserMessage extends Omit<ChatCompletionUserMessageParam, 'name' | 'content'> {
  readonly content: string | ContentPart[];
}

/** An earlier assistant turn of a multi-turn conversation (text only, as chat templates take it). */
export interface AssistantMessage extends Omit<ChatCompletionAssistantMessageParam, 'name'> {
  readonly content: string;
}

export type ChatMessage = SystemMessage | UserMessage | AssistantMessage;

/** vLLM's sampling parameters beyond OpenAI's (vLLM's ChatCompletionRequest), as far as we send them. */
export interface VllmSamplingParams {
  /** -1 = no top-k cut (vLLM's neutral value). */
  readonly top_k?: number;
  /** 1 = no penalty (vLLM's neutral value). */
  readonly repetition_penalty?: number;
}

/**
 * What every request sets. A model entry's payload keys (VLMEvalKit copies unknown model keys into
 * the payload) are spread in by buildRequest beside these and reach the server as written.
 */
export interface ChatBody extends Omit<ChatCompletionCreateParamsNonStreaming, 'messages'>, VllmSamplingParams {
  readonly model: string;
  readonly messages: ChatMessage[];
  readonly temperature: number;
  /** Absent for `"max_tokens": "auto"`: vLLM then generates up to its context (max_model_len − prompt). */
  readonly max_tokens?: number;
  readonly n: 1;
}
