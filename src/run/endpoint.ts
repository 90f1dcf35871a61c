import type { GenerationSettings } from '../core/types.js';
import type { ResolvedModel } from '../config/models.js';
import type { EndpointPool } from '../endpoint/pool/pool.js';
import type { MemberTarget } from '../endpoint/pool/member.js';
import { modelWording } from '../endpoint/pool/discover.js';
import { openPool } from '../endpoint/pool/open.js';
import { explicitSampling } from '../request/sampling.js';
import { startMockServer, type MockServerHandle } from '../endpoint/mock/server.js';
import type { AnswerKeyEntry } from '../endpoint/mock/answer-key.js';

/** A model ready to be asked: its endpoint pool, its full settings, and what to close afterwards. */
export interface ActiveModel {
  readonly model: ResolvedModel;
  /** Every endpoint of the model behind one queue (one endpoint is a pool of one). */
  readonly pool: EndpointPool;
  readonly settings: GenerationSettings;
  readonly baseURL: string;
  readonly endpointModelId: string;
  readonly serverKind: string;
  /** Filled while samples stream when the endpoint is the embedded mock, so it can simulate accuracy. */
  readonly answerKey: Map<string, AnswerKeyEntry> | undefined;
  close(): Promise<void>;
}

/**
 * Starts the embedded mock if asked, checks every endpoint serves the model, and opens the pool.
 * `concurrency` is each endpoint's maximum unless its entry sets `max_concurrency`; `log` gets the
 * pool's lines about endpoints taken out and back.
 */
export async function activateModel(model: ResolvedModel, concurrency: number, log: (line: string) => void = () => undefined): Promise<ActiveModel> {
  let mock: MockServerHandle | undefined;
  let answerKey: Map<string, AnswerKeyEntry> | undefined;
  let targets: MemberTarget[];
  if (model.endpoint.kind === 'mock') {
    answerKey = new Map();
    mock = await startMockServer(mockOptions(model, answerKey));
    targets = [{ baseURL: mock.url, apiKey: 'EMPTY', maxConcurrency: concurrency }];
  } else {
    const { baseURL, apiKey } = model.endpoint;
    const listed = model.endpoint.endpoints ?? [{ baseURL, apiKey, maxConcurrency: undefined }];
    targets = listed.map((t) => ({ baseURL: t.baseURL, apiKey: t.apiKey, maxConcurrency: t.maxConcurrency ?? concurrency }));
  }
  try {
    const { pool, modelId, ownedBy } = await openPool(
      {
        targets,
        modelId: model.endpoint.modelId,
        adaptive: model.pool.adaptive,
        tries: model.tries,
        backoffS: model.backoffS,
        timeoutMs: model.timeoutMs,
        endpointWaitMs: model.pool.endpointWaitS * 1000,
        routing: model.pool.routing,
        log,
      },
      modelWording(model.name),
    );
    const settings: GenerationSettings = { ...model.settings, model: modelId, extra: explicitSampling(model.settings.extra, ownedBy) };
    const close = async (): Promise<void> => {
      await pool.close();
      await mock?.close();
    };
    const baseURL = targets[0]?.baseURL ?? '';
    return { model, pool, settings, baseURL, endpointModelId: modelId, serverKind: ownedBy, answerKey, close };
  } catch (err) {
    await mock?.close();
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
