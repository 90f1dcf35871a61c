/**
 * Readiness as vLLM defines it: connections are refused while weights load, then `/health` answers
 * 200, and the server is usable once `/v1/models` lists the served name.
 */

export interface ReadyTarget {
  /** OpenAI base URL, e.g. http://127.0.0.1:8000/v1. */
  readonly baseURL: string;
  /** Sent to /v1/models, which a server started with --api-key guards. */
  readonly apiKey: string;
  /** The served name to wait for; undefined = any (ActialChat takes the first id). */
  readonly modelId: string | undefined;
}

export type Probe = { readonly ready: true; readonly id: string } | { readonly ready: false; readonly why: string };

const PROBE_TIMEOUT_MS = 5_000;
export const POLL_MS = 250;

/** vLLM serves /health at the root, beside /v1. */
export function healthURL(baseURL: string): string {
  return `${baseURL.replace(/\/v1$/, '')}/health`;
}

/** One look at the server: ready, or why not (shown when the wait times out). */
export async function probe(target: ReadyTarget): Promise<Probe> {
  const health = await get(healthURL(target.baseURL), {});
  if (typeof health === 'string') return { ready: false, why: health };
  if (health.status !== 200) return { ready: false, why: `${healthURL(target.baseURL)} answered ${health.status}` };
  const models = await get(`${target.baseURL}/models`, { authorization: `Bearer ${target.apiKey}` });
  if (typeof models === 'string') return { ready: false, why: models };
  if (models.status !== 200) return { ready: false, why: `${target.baseURL}/models answered ${models.status}${models.status === 401 ? ' (the key is refused: set the model\'s "key" to the server\'s --api-key)' : ''}` };
  const ids = modelIds(models.body);
  const id = target.modelId === undefined ? ids[0] : ids.find((m) => m === target.modelId);
  if (id !== undefined) return { ready: true, id };
  const wanted = target.modelId === undefined ? 'a model' : `"${target.modelId}"`;
  return { ready: false, why: `${target.baseURL}/models does not list ${wanted} (it lists: ${ids.join(', ') || 'nothing'}; vllm serve --served-model-name sets the name)` };
}

async function get(url: string, headers: Record<string, string>): Promise<{ status: number; body: string } | string> {
  try {
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return { status: res.status, body: await res.text() };
  } catch (err) {
    const cause = (err as { cause?: { code?: unknown } }).cause;
    const code = typeof cause?.code === 'string' ? cause.code : (err as Error).name;
    return code === 'ECONNREFUSED' ? `connection refused at ${url} (still loading?)` : `${url}: ${code}`;
  }
}

function modelIds(body: string): string[] {
  try {
    const data = (JSON.parse(body) as { data?: unknown }).data;
    if (!Array.isArray(data)) return [];
    return data.flatMap((m: unknown) => {
      const id = (m as { id?: unknown } | null)?.id;
      return typeof id === 'string' ? [id] : [];
    });
  } catch {
    return [];
  }
}
