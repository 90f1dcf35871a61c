/**
 * What OpenAI-compatible servers answer, typed as OpenAI's own response types (the `openai`
 * package's published types) with vLLM's extra fields named as extensions, and the readers that
 * check an answer before it is used. The readers check each value they read (a server may send
 * anything); the types make a field name that OpenAI's API does not have a compile error.
 */
import type { ChatCompletion, ChatCompletionMessage } from 'openai/resources/chat/completions';
import type { CompletionUsage } from 'openai/resources/completions';
import type { Model } from 'openai/resources/models';
import type { PageResponse } from 'openai/pagination';
import { InvalidResponseError } from './http.js';
import { isRecord } from './transport.js';

/** vLLM's assistant message: OpenAI's, plus the text its reasoning parser took out of the content. */
export interface VllmChatCompletionMessage extends ChatCompletionMessage {
  /** vLLM ≥ 0.10. */
  readonly reasoning?: string | null;
  /** Older vLLM (and DeepSeek-style servers). */
  readonly reasoning_content?: string | null;
}

export interface VllmChatCompletionChoice extends ChatCompletion.Choice {
  readonly message: VllmChatCompletionMessage;
}

export interface VllmChatCompletion extends ChatCompletion {
  readonly choices: VllmChatCompletionChoice[];
}

/** A /v1/models entry; vLLM adds the context length it serves. */
export interface VllmModel extends Model {
  readonly max_model_len?: number;
}

/** GET /v1/models. */
export type VllmModelList = PageResponse<VllmModel>;

/** A listed model: its id, and what the server said of it when it said it. */
export type ListedModel = Pick<VllmModel, 'id'> & Partial<Pick<VllmModel, 'owned_by' | 'max_model_len'>>;

export type AnswerUsage = Pick<CompletionUsage, 'prompt_tokens' | 'completion_tokens' | 'total_tokens'>;

/** One chat completion, as the harness keeps it. */
export interface Answer {
  readonly content: string;
  readonly reasoning?: string;
  /** OpenAI's reasons, or another a server sends (vLLM: "abort"). */
  readonly finish_reason: string | null;
  readonly usage: AnswerUsage | null;
  readonly model: string;
}

/**
 * A JSON value that arrived where a T was expected: T's keys, values not yet checked. Every object
 * is one (each key is optional and unknown), so `arrived` is an exact guard; it adds no checks at
 * run time, only the compile-time check that each key read is one of T's.
 */
type Arrived<T> = { readonly [K in keyof T]?: unknown };

function arrived<T>(value: unknown): value is Arrived<T> {
  return isRecord(value);
}

/**
 * Reads a chat.completion, tolerating extra keys; a response without a usable choice is invalid
 * (a server fault, retried). `content: null` is not: vLLM sends it when its reasoning parser took the
 * whole output (no closing </think>), so the model did answer, with no answer text. It is stored as
 * an empty answer (reasoning kept) and scored like any answer that names no option; asking again
 * would get the same output.
 */
export function parseAnswer(raw: unknown): Answer {
  if (!arrived<VllmChatCompletion>(raw)) throw new InvalidResponseError('server answered with something that is not a JSON object');
  const choices = raw.choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    throw new InvalidResponseError('server answered without choices');
  }
  const choice: unknown = choices[0];
  if (!arrived<VllmChatCompletionChoice>(choice) || !arrived<VllmChatCompletionMessage>(choice.message)) {
    throw new InvalidResponseError('server answered with a choice that has no message');
  }
  const message = choice.message;
  const content = message.content;
  if (content !== null && content !== undefined && typeof content !== 'string') {
    throw new InvalidResponseError('server answered with a non-text message content');
  }
  const reasoning = firstText(message.reasoning, message.reasoning_content);
  const finish = choice.finish_reason;
  return {
    content: content ?? '',
    ...(reasoning !== undefined ? { reasoning } : {}),
    finish_reason: typeof finish === 'string' ? finish : null,
    usage: parseUsage(raw.usage),
    model: typeof raw.model === 'string' ? raw.model : '',
  };
}

function firstText(...values: readonly unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string' && v !== '') return v;
  return undefined;
}

function parseUsage(raw: unknown): AnswerUsage | null {
  if (!arrived<CompletionUsage>(raw)) return null;
  const count = (v: unknown): number => (typeof v === 'number' ? v : 0);
  return { prompt_tokens: count(raw.prompt_tokens), completion_tokens: count(raw.completion_tokens), total_tokens: count(raw.total_tokens) };
}

/**
 * The models of a /v1/models answer (entries without an id are skipped), or undefined when the
 * answer has no `data` list.
 */
export function readModelList(raw: unknown): ListedModel[] | undefined {
  const data = arrived<VllmModelList>(raw) ? raw.data : undefined;
  if (!Array.isArray(data)) return undefined;
  return data.flatMap((m: unknown): ListedModel[] => {
    if (!arrived<VllmModel>(m) || typeof m.id !== 'string') return [];
    return [
      {
        id: m.id,
        ...(typeof m.owned_by === 'string' ? { owned_by: m.owned_by } : {}),
        ...(typeof m.max_model_len === 'number' ? { max_model_len: m.max_model_len } : {}),
      },
    ];
  });
}
