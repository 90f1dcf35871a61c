/**
 * `"api_base": "mock"`: the CLI starts one built-in mock server per such model, hands it the gold
 * answers of the config's datasets (read here, not by the run loop), and aims the model at it, so
 * the run sees an ordinary HTTP endpoint.
 */
import type { LoadedConfig } from '../config/load.js';
import { MediaCache } from '../store/media-cache.js';
import type { EndpointSpec, ResolvedModel } from '../config/models.js';
import type { AnswerLookup } from '../mock/answer-key.js';
import type { MockOptions, MockServerHandle } from '../mock/server.js';

export interface EmbeddedMocks {
  /** The config with every mock model aimed at its running server. */
  readonly config: LoadedConfig;
  close(): Promise<void>;
}

export async function startEmbeddedMocks(config: LoadedConfig): Promise<EmbeddedMocks> {
  const handles: MockServerHandle[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(handles.map((h) => h.close()));
  };
  if (!config.models.some((m) => m.endpoint.kind === 'mock')) return { config, close };
  const [{ startMockServer }, { answerKeyOf }] = await Promise.all([import('../mock/server.js'), import('./gold-answers.js')]);
  const answerKey = await answerKeyOf(config.datasets, [...new Set(config.models.filter((m) => m.endpoint.kind === 'mock').map((m) => m.promptPolicy))]);
  try {
    const models: ResolvedModel[] = [];
    for (const model of config.models) {
      if (model.endpoint.kind !== 'mock') {
        models.push(model);
        continue;
      }
      // A model sending images by path gets a mock that may read its image folder, as its vLLM would.
      const media = model.imageFiles === undefined ? {} : { allowedLocalMediaPath: (await MediaCache.open(model.imageFiles.dir)).dir };
      const handle = await startMockServer({ ...mockOptions(model.endpoint, answerKey), ...media });
      handles.push(handle);
      models.push({ ...model, endpoint: { kind: 'http', baseURL: handle.url, apiKey: 'EMPTY', modelId: model.endpoint.modelId } });
    }
    return { config: { ...config, models }, close };
  } catch (err) {
    await close();
    throw err;
  }
}

function mockOptions(endpoint: Extract<EndpointSpec, { kind: 'mock' }>, answerKey: AnswerLookup): MockOptions {
  const m = endpoint.mock;
  return {
    modelId: endpoint.modelId,
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
