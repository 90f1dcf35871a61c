import { join } from 'node:path';
import type { ResolvedModel } from '../config/models.js';
import type { Secrets } from '../core/secrets.js';
import { startServer, type ManagedServer } from './server.js';

/** A model whose server runs: the model aimed at the server's actual URL, and the server. */
export interface ServedModel {
  readonly model: ResolvedModel;
  readonly server: ManagedServer;
}

/** `M/M.serve.log` (appended by every start) and `M/M.serve.pid` (while it runs) in the work dir. */
export function serveFiles(workDir: string, name: string): { log: string; pid: string } {
  const stem = join(workDir, name, `${name}.serve`);
  return { log: `${stem}.log`, pid: `${stem}.pid` };
}

export interface ServeContext {
  readonly workDir: string;
  readonly stop?: AbortSignal;
  readonly note: (line: string) => void;
  readonly secrets: Secrets;
}

/** Starts the model's `"serve"` server and waits until it is ready; undefined for a model without one. */
export async function serveModel(model: ResolvedModel, ctx: ServeContext): Promise<ServedModel | undefined> {
  const spec = model.serve;
  if (spec === undefined || model.endpoint.kind !== 'http') return undefined;
  const files = serveFiles(ctx.workDir, model.name);
  const { baseURL, apiKey, modelId } = model.endpoint;
  const server = await startServer({
    name: model.name,
    spec,
    target: { baseURL, apiKey, modelId },
    logFile: files.log,
    pidFile: files.pid,
    note: ctx.note,
    secrets: ctx.secrets,
    ...(ctx.stop !== undefined ? { stop: ctx.stop } : {}),
  });
  return { model: { ...model, endpoint: { ...model.endpoint, baseURL: server.baseURL } }, server };
}
