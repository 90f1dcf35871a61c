import { Agent, fetch as undiciFetch } from 'undici';

/**
 * HTTP transport for the OpenAI SDK: undici's fetch over one keep-alive pool per endpoint, so
 * thousands of requests reuse a few sockets instead of opening one each.
 */
export function createAgent(connections: number): Agent {
  return new Agent({
    connections,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 300_000,
    // Timeouts are the SDK's job (per request, configurable); undici's defaults would cut long generations.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}

type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/**
 * The SDK reads error messages from `{"error": {...}}`. vLLM before 0.10.1 answers errors flat
 * (`{"object":"error","message":...}`) and `--api-key` answers `{"error":"Unauthorized"}`; both would
 * lose the server's words. Rewrite them into the nested shape so failure records keep the message.
 */
export function createFetch(agent: Agent): FetchLike {
  return async (input, init) => {
    const response = (await undiciFetch(input as Parameters<typeof undiciFetch>[0], {
      ...(init as Parameters<typeof undiciFetch>[1]),
      dispatcher: agent,
    })) as unknown as Response;
    if (response.ok) return response;
    const text = await response.text();
    return new Response(normalizeErrorBody(text, response.status), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
}

export function normalizeErrorBody(text: string, status: number): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return JSON.stringify({ error: { message: text.trim() === '' ? `HTTP ${status} with an empty body` : text.slice(0, 2000) } });
  }
  if (!isRecord(parsed)) return JSON.stringify({ error: { message: text.slice(0, 2000) } });
  const inner = parsed['error'];
  if (isRecord(inner)) return text;
  if (typeof inner === 'string') return JSON.stringify({ error: { message: inner } });
  if (typeof parsed['message'] === 'string') {
    return JSON.stringify({ error: { message: parsed['message'], type: parsed['type'], code: parsed['code'] } });
  }
  if (typeof parsed['detail'] === 'string') return JSON.stringify({ error: { message: parsed['detail'] } });
  return JSON.stringify({ error: { message: text.slice(0, 2000) } });
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
