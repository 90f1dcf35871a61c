import type { GenerationSettings } from '../core/types.js';
import type { ResolvedModel } from '../config/models.js';
import type { EndpointPool } from '../endpoint/pool/pool.js';
import type { MemberTarget } from '../endpoint/pool/member.js';
import { modelWording } from '../endpoint/pool/discover.js';
import { openPool } from '../endpoint/pool/open.js';
import { explicitSampling } from '../request/sampling.js';
import { openFileImages, type FileImageSender } from './file-images.js';

/** A model ready to be asked: its endpoint pool, its full settings, and what to close afterwards. */
export interface ActiveModel {
  readonly model: ResolvedModel;
  /** Every endpoint of the model behind one queue (one endpoint is a pool of one). */
  readonly pool: EndpointPool;
  readonly settings: GenerationSettings;
  readonly baseURL: string;
  readonly endpointModelId: string;
  readonly serverKind: string;
  /** `"image_transport": "file"`: images go as file:// URLs to copies this writes; undefined = base64. */
  readonly imageFiles?: FileImageSender | undefined;
  close(): Promise<void>;
}

/**
 * Checks every endpoint serves the model and opens the pool. `concurrency` is each endpoint's
 * maximum unless its entry sets `max_concurrency`; `log` gets the pool's lines about endpoints
 * taken out and back. An `"api_base": "mock"` model arrives here already aimed at a mock server the
 * CLI started (src/cli/embedded-mock.ts): the run loop never feeds the mock.
 */
export async function activateModel(model: ResolvedModel, concurrency: number, log: (line: string) => void = () => undefined): Promise<ActiveModel> {
  if (model.endpoint.kind !== 'http') throw new Error(`model '${model.name}' has no HTTP endpoint: the CLI aims an "api_base": "mock" model at its mock server before the run`);
  const { baseURL, apiKey } = model.endpoint;
  const listed = model.endpoint.endpoints ?? [{ baseURL, apiKey, maxConcurrency: undefined }];
  const targets: MemberTarget[] = listed.map((t) => ({ baseURL: t.baseURL, apiKey: t.apiKey, maxConcurrency: t.maxConcurrency ?? concurrency }));
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
  const extra = model.neutralSampling ? explicitSampling(model.settings.extra, ownedBy) : { ...model.settings.extra };
  const settings: GenerationSettings = { ...model.settings, model: modelId, extra };
  const close = (): Promise<void> => pool.close();
  const files = model.imageFiles;
  const imageFiles = files === undefined ? undefined : await openFileImages(files, pool, model.name, modelId).catch(async (err: unknown) => {
    await close();
    throw err;
  });
  return { model, pool, settings, baseURL: targets[0]?.baseURL ?? '', endpointModelId: modelId, serverKind: ownedBy, imageFiles, close };
}
