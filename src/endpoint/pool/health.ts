import { Agent, fetch } from 'undici';
import { readModelList } from '../response.js';

/** A /health answer takes milliseconds; a server that needs longer is not ready for work. */
const HEALTH_TIMEOUT_MS = 5_000;

export interface Health {
  readonly ok: boolean;
  /** Why not, in a few words ("ECONNREFUSED", "HTTP 503", …). */
  readonly detail: string;
}

/**
 * Probes use their own small connection pool: the endpoint's pool may be full of requests hanging on
 * the very server being checked, and a probe must not queue behind them.
 */
export function createHealthAgent(): Agent {
  return new Agent({ connections: 2, keepAliveTimeout: 1_000, headersTimeout: HEALTH_TIMEOUT_MS, bodyTimeout: HEALTH_TIMEOUT_MS });
}

/** vLLM serves /health at the root, beside /v1. */
export function healthURL(baseURL: string): string {
  const base = baseURL.replace(/\/+$/, '');
  return `${base.endsWith('/v1') ? base.slice(0, -3) : base}/health`;
}

/**
 * vLLM's /health: 200 when the engine is ready, 503 when it died, connection refused while it
 * loads. Servers without /health (404/405: other OpenAI-compatible servers) are probed with
 * /v1/models instead.
 */
export async function probeHealth(baseURL: string, apiKey: string, agent: Agent): Promise<Health> {
  const health = await get(healthURL(baseURL), undefined, agent);
  if (health.status !== 404 && health.status !== 405) return verdict(health);
  return verdict(await get(`${baseURL}/models`, apiKey, agent));
}

/** The model ids a recovered endpoint serves (GET /v1/models), or why they could not be read. */
export async function servedModels(baseURL: string, apiKey: string, agent: Agent): Promise<string[] | Health> {
  const res = await get(`${baseURL}/models`, apiKey, agent);
  if (res.status !== 200) return verdict(res);
  try {
    const models = readModelList(JSON.parse(res.text));
    if (models === undefined) return { ok: false, detail: '/v1/models answered without a model list' };
    return models.map((m) => m.id);
  } catch {
    return { ok: false, detail: '/v1/models answered with something that is not JSON' };
  }
}

interface Got {
  readonly status: number | undefined;
  readonly text: string;
  readonly error?: string;
}

async function get(url: string, apiKey: string | undefined, agent: Agent): Promise<Got> {
  try {
    const res = await fetch(url, {
      dispatcher: agent,
      signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS),
      ...(apiKey !== undefined && apiKey !== '' ? { headers: { authorization: `Bearer ${apiKey}` } } : {}),
    });
    return { status: res.status, text: await res.text() };
  } catch (err) {
    return { status: undefined, text: '', error: errorText(err) };
  }
}

function verdict(got: Got): Health {
  if (got.status === 200) return { ok: true, detail: 'ok' };
  return { ok: false, detail: got.error ?? `HTTP ${got.status ?? '?'}` };
}

/** undici hides the reason (ECONNREFUSED, …) in `cause`. */
function errorText(err: unknown): string {
  const cause = (err as { cause?: unknown }).cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  if (err instanceof Error && err.name === 'TimeoutError') return `no answer within ${HEALTH_TIMEOUT_MS / 1000} s`;
  return err instanceof Error ? err.message : String(err);
}
