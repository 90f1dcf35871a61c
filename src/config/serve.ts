import { InputError } from '../core/errors.js';
import type { ModelEntry, ServeEntry } from './schema.js';

/**
 * A model's managed server, resolved from its `"serve"` entry. Config resolution owns it (src/serve
 * only starts and stops what this describes), so config never imports src/serve.
 */
export interface ServeSpec {
  /** Command and arguments; `{port}` is still unsubstituted (port 0 is only known at start). */
  readonly command: readonly string[];
  /** Added to actial-eval's own environment; `{port}` unsubstituted. */
  readonly env: Readonly<Record<string, string>>;
  /** The port the server listens on; 0 = a free one picked at start. */
  readonly port: number;
  readonly readyTimeoutMs: number;
  readonly stopTimeoutMs: number;
  /** Credentials in env and arguments, masked in everything printed or logged. */
  readonly secrets: readonly string[];
}

/**
 * vLLM takes tens of seconds to many minutes to load (longer when it downloads weights). A child that
 * dies is noticed at once, so this limit only catches a server that hangs: it can be generous.
 */
export const DEFAULT_READY_TIMEOUT_S = 1800;
/** vLLM needs a few seconds to shut its workers down on SIGTERM; SIGKILL follows after this. */
export const DEFAULT_STOP_TIMEOUT_S = 30;

export const PORT = '{port}';

/** The model's own URLs (`api_base` may be one or a list). */
function urlsOf(entry: ModelEntry): string[] {
  return [entry.api_base, entry.base_url].flat().filter((v): v is string => typeof v === 'string');
}

/** The entry with `{port}` in its URL replaced, so the class's URL rules can check it. */
export function withServePort(name: string, entry: ModelEntry): ModelEntry {
  const port = entry.serve?.port;
  if (urlsOf(entry).some((v) => v.includes(PORT)) && port === undefined) {
    throw new InputError(`model '${name}': the URL uses {port}, which only "serve": {"command": [...], "port": N} fills (0 = any free port)`);
  }
  if (port === undefined) return entry;
  const fill = <T>(v: T): T => (typeof v === 'string' ? fillPort(v, port) : v) as T;
  return {
    ...entry,
    ...(entry.api_base !== undefined ? { api_base: fill(entry.api_base) } : {}),
    ...(entry.base_url !== undefined ? { base_url: fill(entry.base_url) } : {}),
  };
}

/**
 * The serve spec and the endpoint it serves (its port set), or undefined without `"serve"`.
 * The port lives in one place: `serve.port` or the model's URL; a URL that names another port is refused
 * rather than silently overridden.
 */
export function resolveServe<E extends ServedEndpoint>(name: string, entry: ModelEntry, endpoint: E): { spec: ServeSpec; endpoint: E } | undefined {
  const serve = entry.serve;
  if (serve === undefined) return undefined;
  const where = `model '${name}': "serve"`;
  if (endpoint.kind === 'mock') throw new InputError(`${where} starts a server, but "api_base": "mock" uses the built-in one; keep one of them`);
  const urls = urlsOf(entry);
  const listed = Array.isArray(entry.api_base) && entry.api_base.length > 1;
  if (listed || entry['endpoints'] !== undefined) {
    throw new InputError(`${where} starts one server, so the model needs one URL; for several servers, start them yourself (actial-eval serve) and list them`);
  }
  const url = new URL(endpoint.baseURL);
  if (url.hostname === 'api.openai.com') {
    throw new InputError(`${where} needs "api_base" set to the URL the server listens on, e.g. http://127.0.0.1:{port}/v1 with "port": 8000`);
  }
  const explicit = urls[0];
  const urlPort = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
  if (serve.port !== undefined && explicit !== undefined && !explicit.includes(PORT) && urlPort !== serve.port) {
    throw new InputError(`${where}: "port": ${serve.port} disagrees with the URL ${explicit}; write {port} in the URL or drop "port"`);
  }
  const port = serve.port ?? urlPort;
  // Without an explicit URL (ActialChat's default) serve.port places the server, so the URL follows it.
  if (serve.port !== undefined) url.port = String(serve.port);
  return {
    spec: {
      command: serve.command,
      env: serve.env ?? {},
      port,
      readyTimeoutMs: (serve.ready_timeout_s ?? DEFAULT_READY_TIMEOUT_S) * 1000,
      stopTimeoutMs: (serve.stop_timeout_s ?? DEFAULT_STOP_TIMEOUT_S) * 1000,
      secrets: serveSecrets(serve),
    },
    endpoint: { ...endpoint, baseURL: withoutSlash(url.toString()) },
  };
}

/**
 * What resolveServe needs of the model's endpoint (config/models.ts's EndpointSpec fits it): typed
 * here, structurally, so that models.ts and this file do not import each other.
 */
type ServedEndpoint = { readonly kind: 'mock' } | { readonly kind: 'http'; readonly baseURL: string };

const CREDENTIAL_NAME = /(^|_)(key|token|secret|password|pass)$/i;
/** Values shaped like well-known keys (OpenAI, HuggingFace, GitHub), whatever their variable's name. */
const CREDENTIAL_VALUE = /^(sk-|hf_|ghp_|github_pat_)/;

/** Env values named or shaped like keys, and the value of `--api-key`, which vLLM echoes in its log. */
export function serveSecrets(serve: ServeEntry | undefined): string[] {
  if (serve === undefined) return [];
  const fromEnv = Object.entries(serve.env ?? {}).filter(([k, v]) => CREDENTIAL_NAME.test(k) || CREDENTIAL_VALUE.test(v)).map(([, v]) => v);
  const fromArgs = serve.command.flatMap((arg, i) => {
    if (/^--api-key=/.test(arg)) return [arg.slice('--api-key='.length)];
    const next = serve.command[i + 1];
    return arg === '--api-key' && next !== undefined ? [next] : [];
  });
  return [...fromEnv, ...fromArgs];
}

/** `{port}` filled in: what is actually run. */
export function fillPort(text: string, port: number): string {
  return text.split(PORT).join(String(port));
}

/** The same URL on another port (the one picked when `port` is 0). */
export function urlWithPort(baseURL: string, port: number): string {
  const url = new URL(baseURL);
  url.port = String(port);
  return withoutSlash(url.toString());
}

function withoutSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
