import type { GenerationSettings } from '../core/types.js';
import { InputError } from '../core/errors.js';
import type { ResolvedModel } from '../config/models.js';
import { ChatClient } from '../endpoint/client.js';
import { createAgent } from '../endpoint/transport.js';
import { startMockServer, type MockServerHandle } from '../endpoint/mock/server.js';
import type { AnswerKeyEntry } from '../endpoint/mock/answer-key.js';

/** A model ready to be asked: its client, its full settings, and what to close afterwards. */
export interface ActiveModel {
  readonly model: ResolvedModel;
  readonly client: ChatClient;
  readonly settings: GenerationSettings;
  readonly baseURL: string;
  readonly endpointModelId: string;
  readonly serverKind: string;
  /** Filled while samples stream when the endpoint is the embedded mock, so it can simulate accuracy. */
  readonly answerKey: Map<string, AnswerKeyEntry> | undefined;
  close(): Promise<void>;
}

export async function activateModel(model: ResolvedModel, concurrency: number): Promise<ActiveModel> {
  const agent = createAgent(Math.max(1, concurrency));
  let mock: MockServerHandle | undefined;
  let answerKey: Map<string, AnswerKeyEntry> | undefined;
  let baseURL: string;
  let apiKey: string;
  let wantedId: string | undefined;
  if (model.endpoint.kind === 'mock') {
    answerKey = new Map();
    mock = await startMockServer(mockOptions(model, answerKey));
    baseURL = mock.url;
    apiKey = 'EMPTY';
    wantedId = model.endpoint.modelId;
  } else {
    baseURL = model.endpoint.baseURL;
    apiKey = model.endpoint.apiKey;
    wantedId = model.endpoint.modelId;
  }
  const client = new ChatClient({ baseURL, apiKey, timeoutMs: model.timeoutMs, tries: model.tries, backoffS: model.backoffS, agent });
  const close = async (): Promise<void> => {
    await agent.close();
    await mock?.close();
  };
  try {
    const { id, ownedBy } = await discover(client, model, baseURL, wantedId);
    const settings = explicitSettings(model, id, ownedBy);
    return { model, client, settings, baseURL, endpointModelId: id, serverKind: ownedBy, answerKey, close };
  } catch (err) {
    await close();
    throw err;
  }
}

function mockOptions(model: ResolvedModel, answerKey: Map<string, AnswerKeyEntry>): Parameters<typeof startMockServer>[0] {
  if (model.endpoint.kind !== 'mock') throw new Error('not a mock endpoint');
  const m = model.endpoint.mock;
  return {
    modelId: model.endpoint.modelId,
    answerKey,
    ...(m.accuracy !== undefined ? { accuracy: m.accuracy } : {}),
    ...(m.style !== undefined ? { style: m.style } : {}),
    ...(m.seed !== undefined ? { seed: m.seed } : {}),
    ...(m.latency_ms !== undefined ? { latencyMs: m.latency_ms } : {}),
    ...(m.fail_rate !== undefined ? { failRate: m.fail_rate } : {}),
    ...(m.fail_status !== undefined ? { failStatus: m.fail_status } : {}),
    ...(m.flaky_rate !== undefined ? { flakyRate: m.flaky_rate } : {}),
    ...(m.reasoning !== undefined ? { reasoning: m.reasoning } : {}),
  };
}

/** Checks the server answers and serves the model (or picks its first model, as ActialChat does). */
async function discover(
  client: ChatClient,
  model: ResolvedModel,
  baseURL: string,
  wanted: string | undefined,
): Promise<{ id: string; ownedBy: string }> {
  let list: Awaited<ReturnType<ChatClient['listModels']>>;
  try {
    list = await client.listModels();
  } catch (err) {
    const status = (err as { status?: unknown }).status;
    const hint = status === 401 || status === 403
      ? 'the server refused the key: set "key" (or "api_key") in the config or the env variable the class reads (e.g. OPENAI_API_KEY) to the server\'s --api-key'
      : 'is the server running and is api_base right?';
    throw new InputError(`model '${model.name}': cannot list models at ${baseURL}/models (${(err as Error).message}); ${hint}`);
  }
  if (wanted === undefined) {
    const first = list[0];
    if (first === undefined) throw new InputError(`model '${model.name}': ${baseURL}/models lists no model`);
    return { id: first.id, ownedBy: first.owned_by ?? '' };
  }
  const match = list.find((m) => m.id === wanted);
  if (match === undefined) {
    const ids = list.slice(0, 10).map((m) => m.id).join(', ');
    throw new InputError(`model '${model.name}': the server at ${baseURL} does not serve "${wanted}" (it serves: ${ids || 'nothing'}); set "model" to the served name (vllm serve --served-model-name)`);
  }
  return { id: match.id, ownedBy: match.owned_by ?? '' };
}

/**
 * vLLM fills unsent sampling settings from the model's generation_config (Qwen2.5-VL: top_p 0.001,
 * top_k 1, repetition_penalty 1.05), so every setting is sent: neutral values unless configured.
 * top_k and repetition_penalty are vLLM extensions, sent only to vLLM servers.
 */
function explicitSettings(model: ResolvedModel, id: string, ownedBy: string): GenerationSettings {
  const extra: Record<string, unknown> = { top_p: 1, ...model.settings.extra };
  if (ownedBy === 'vllm') {
    extra['top_k'] ??= -1;
    extra['repetition_penalty'] ??= 1;
  }
  return { ...model.settings, model: id, extra };
}
