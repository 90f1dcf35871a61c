import { Agent } from 'undici';

/**
 * One keep-alive connection pool per endpoint, so thousands of requests reuse a few sockets
 * instead of opening one each (VLMEvalKit opens one per request).
 */
export function createAgent(connections: number): Agent {
  return new Agent({
    connections,
    keepAliveTimeout: 30_000,
    keepAliveMaxTimeout: 300_000,
    // Each attempt has its own deadline (the model's `timeout`, body included: client.ts); undici's
    // defaults would cut long generations.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
}

/**
 * The server's words from an error body, whatever its shape: vLLM's `{"error": {"message"}}`,
 * vLLM before 0.10.1 flat (`{"object":"error","message"}`), `--api-key`'s `{"error":"Unauthorized"}`,
 * FastAPI's `{"detail"}`, or plain text.
 */
export function errorBodyMessage(text: string, status: number): string {
  if (text.trim() === '') return `HTTP ${status} with an empty body`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text.slice(0, 2000);
  }
  if (!isRecord(parsed)) return text.slice(0, 2000);
  const inner = parsed['error'];
  const nested = isRecord(inner) ? inner['message'] : undefined;
  for (const candidate of [nested, inner, parsed['message'], parsed['detail']]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
  }
  if (nested !== undefined && nested !== null) return JSON.stringify(nested).slice(0, 2000);
  return text.slice(0, 2000);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
