/**
 * The built-in OpenAI-compatible mock of a vLLM server: users run it to try the harness and to
 * simulate checkpoints (accuracy, answer styles, failures); the CLI also starts it in-process for
 * `"api_base": "mock"` models. It knows gold answers only through the `answerKey` lookup it is given.
 */
import { timingSafeEqual, createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { setMaxListeners } from 'node:events';
import type { AddressInfo } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { InputError } from '../core/errors.js';
import { questionKey } from './answer-key.js';
import { answerFor, type MockAnswer } from './answer.js';
import { judgeAnswer } from './judge.js';
import { replayedAnswer, type Replay } from './replay.js';
import { completionBody } from './completion.js';
import { errorBody, MockHttpError } from './error-body.js';
import { FaultPlan } from './faults.js';
import { actOutFault, type FaultIo } from './faults-respond.js';
import { unitHash } from './hash.js';
import { checkAllowedMediaPath } from './media.js';
import { resolveMockOptions, type MockOptions, type ResolvedMockOptions } from './options.js';
import { parseChatRequest, type ChatRequest } from './request.js';
import { LiveStats, type MockStats } from './stats.js';

export type { AnswerKeyEntry, AnswerLookup } from './answer-key.js';
export type { AnswerStyle, ErrorShape, MockOptions } from './options.js';
export type { FaultKind, FaultSpec } from './faults.js';
export type { MockStats } from './stats.js';

export interface MockServerHandle {
  /** Base URL ending in /v1, e.g. http://127.0.0.1:43123/v1. */
  readonly url: string;
  readonly port: number;
  readonly stats: MockStats;
  /** Closes the server and all keep-alive sockets promptly. */
  close(): Promise<void>;
}

interface Context {
  readonly opts: ResolvedMockOptions;
  readonly stats: LiveStats;
  /** Items whose first (failing) attempt already happened, for flakyRate. */
  readonly flakySeen: Set<string>;
  /** Injected faults and each item's attempt count. */
  readonly faults: FaultPlan;
  /** Aborts latency waits on close, so no timer outlives the server. */
  readonly closing: AbortController;
  readonly createdS: number;
  readonly apiKeyHash: Buffer | undefined;
}

const JSON_TYPE = { 'content-type': 'application/json' } as const;

function send(res: ServerResponse, ctx: Context, status: number, body: string, headers: Record<string, string> = {}): void {
  ctx.stats.countStatus(status);
  res.writeHead(status, { ...JSON_TYPE, 'content-length': Buffer.byteLength(body), ...headers });
  res.end(body);
}

function sendError(res: ServerResponse, ctx: Context, error: MockHttpError): void {
  const headers: Record<string, string> = error.status === 429 ? { 'retry-after': String(ctx.opts.retryAfterS) } : {};
  send(res, ctx, error.status, errorBody(error, ctx.opts.errorShape), headers);
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

/** Compares digests in constant time so the key cannot be guessed byte by byte from timings. */
function authorized(req: IncomingMessage, ctx: Context): boolean {
  if (ctx.apiKeyHash === undefined) return true;
  const header = req.headers.authorization ?? '';
  return header.startsWith('Bearer ') && timingSafeEqual(sha256(header.slice(7)), ctx.apiKeyHash);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** failRate items fail on every attempt; flakyRate items fail only on their first one. */
function simulatedFailure(key: string, ctx: Context): MockHttpError | undefined {
  const { seed, failRate, flakyRate } = ctx.opts;
  if (failRate > 0 && unitHash(seed, key, 'fail') < failRate) {
    return new MockHttpError(ctx.opts.failStatus, 'mock server: simulated failure (this item fails on every attempt, --fail-rate)');
  }
  if (flakyRate > 0 && !ctx.flakySeen.has(key) && unitHash(seed, key, 'flaky') < flakyRate) {
    ctx.flakySeen.add(key);
    return new MockHttpError(ctx.opts.flakyStatus, 'mock server: simulated transient failure (first attempt of this item, --flaky-rate)');
  }
  return undefined;
}

function faultIo(res: ServerResponse, ctx: Context, request: ChatRequest, key: string): FaultIo {
  return {
    res,
    opts: ctx.opts,
    request,
    closing: ctx.closing.signal,
    sendError: (error) => sendError(res, ctx, error),
    send: (status, body) => send(res, ctx, status, body),
    answerBody: () => completionBody(answerFor(key, request.userTexts, ctx.opts), request, ctx.opts.modelId),
    completed: () => {
      ctx.stats.completionsOk += 1;
    },
  };
}

async function completions(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  ctx.stats.completionsReceived += 1;
  ctx.stats.completionsInFlight += 1;
  res.once('close', () => (ctx.stats.completionsInFlight -= 1));
  const raw = await readBody(req);
  const request = parseChatRequest(raw, req.headers['content-type'], ctx.opts);
  const key = questionKey(request.userTexts);
  const fault = ctx.faults.next({ key, text: request.userTexts.join('\n') });
  if (fault !== undefined) {
    ctx.stats.countFault(fault.kind);
    return actOutFault(faultIo(res, ctx, request, key), fault);
  }
  const failure = simulatedFailure(key, ctx);
  if (failure !== undefined) return sendError(res, ctx, failure);
  // A loaded server answers slower: latencyPerInflightMs grows the delay with the completions in flight.
  const latencyMs = ctx.opts.latencyMs + ctx.opts.latencyPerInflightMs * ctx.stats.completionsInFlight;
  if (latencyMs > 0) {
    const aborted = await delay(latencyMs, false, { signal: ctx.closing.signal }).catch(() => true);
    if (aborted) return;
  }
  const answer = judgeAnswer(request.userTexts, ctx.opts.replay) ?? replayed(request.userTexts, ctx.opts.replay) ?? answerFor(key, request.userTexts, ctx.opts);
  send(res, ctx, 200, completionBody(answer, request, ctx.opts.modelId));
  ctx.stats.completionsOk += 1;
}

function replayed(userTexts: readonly string[], replay: Replay | undefined): MockAnswer | undefined {
  const content = replayedAnswer(replay, userTexts.join('\n'));
  return content === undefined ? undefined : { content, reasoning: undefined };
}

function modelsBody(ctx: Context): string {
  const { modelId, maxModelLen } = ctx.opts;
  const model = { id: modelId, object: 'model', created: ctx.createdS, owned_by: 'vllm', root: modelId, parent: null, max_model_len: maxModelLen };
  return JSON.stringify({ object: 'list', data: [model] });
}

type Handler = (req: IncomingMessage, res: ServerResponse, ctx: Context) => Promise<void> | void;

const ROUTES: Readonly<Record<string, { readonly method: string; readonly run: Handler }>> = {
  '/health': { method: 'GET', run: (_req, res, ctx) => send(res, ctx, 200, '', { 'content-type': 'text/plain' }) },
  '/v1/models': { method: 'GET', run: (_req, res, ctx) => send(res, ctx, 200, modelsBody(ctx)) },
  '/v1/chat/completions': { method: 'POST', run: completions },
};

/** Routes like vLLM's FastAPI app: /health is open, /v1/* needs the key, unknown paths get FastAPI's 404. */
async function route(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  const path = (req.url ?? '/').split('?', 1)[0] ?? '/';
  if (path.startsWith('/v1') && !authorized(req, ctx)) return send(res, ctx, 401, '{"error":"Unauthorized"}');
  const target = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  if (target === undefined) return send(res, ctx, 404, '{"detail":"Not Found"}');
  if (req.method !== target.method) return send(res, ctx, 405, '{"detail":"Method Not Allowed"}', { allow: target.method });
  await target.run(req, res, ctx);
}

async function handle(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  ctx.stats.begin();
  res.once('close', () => ctx.stats.end());
  try {
    await route(req, res, ctx);
  } catch (error) {
    if (res.headersSent || res.destroyed) return;
    const known = error instanceof MockHttpError ? error : new MockHttpError(500, `mock server error: ${String(error)}`);
    sendError(res, ctx, known);
  }
}

function listen(server: Server, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error) => reject(new InputError(`mock server cannot listen on ${host}:${port}: ${error.message}`)));
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Every request waiting out its latency listens on this signal: hundreds at once are expected. */
function closingController(): AbortController {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  return controller;
}

export async function startMockServer(options: MockOptions): Promise<MockServerHandle> {
  const resolved = resolveMockOptions(options);
  const opts = { ...resolved, allowedLocalMediaPath: await checkAllowedMediaPath(resolved.allowedLocalMediaPath) };
  const ctx: Context = {
    opts,
    stats: new LiveStats(),
    flakySeen: new Set(),
    faults: new FaultPlan(opts.faults, opts.seed),
    closing: closingController(),
    createdS: Math.floor(Date.now() / 1000),
    apiKeyHash: opts.apiKey === undefined ? undefined : sha256(opts.apiKey),
  };
  const server = createServer((req, res) => void handle(req, res, ctx));
  const port = await listen(server, opts.host, opts.port);
  const host = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= new Promise<void>((resolve) => {
      ctx.closing.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    }));
  return { url: `http://${host}:${port}/v1`, port, stats: ctx.stats, close };
}
