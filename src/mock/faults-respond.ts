/** How the mock acts out each fault kind, once faults.ts has decided a request gets one. */
import type { ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { MockHttpError } from './error-body.js';
import { DEFAULT_SLOW_MS, type FaultKind, type FaultSpec } from './faults.js';
import type { ResolvedMockOptions } from './options.js';
import type { ChatRequest } from './request.js';

/** What a fault needs of the server, passed in so this file does not depend on server.ts. */
export interface FaultIo {
  readonly res: ServerResponse;
  readonly opts: ResolvedMockOptions;
  readonly request: ChatRequest;
  /** Aborted when the server closes, so no fault outlives it. */
  readonly closing: AbortSignal;
  sendError(error: MockHttpError): void;
  send(status: number, body: string): void;
  /** The body the request would have got without a fault. */
  answerBody(): string;
  /** Counts a 200 the client can store as an answer. */
  completed(): void;
}

type Act = (io: FaultIo, spec: FaultSpec) => Promise<void> | void;

const SLOW_CHUNKS = 10;

/** Resolves when the client goes away or the server closes. */
function untilGone(io: FaultIo): Promise<void> {
  return new Promise((resolve) => {
    if (io.res.destroyed || io.closing.aborted) return resolve();
    io.res.once('close', () => resolve());
    io.closing.addEventListener('abort', () => resolve(), { once: true });
  });
}

async function slowBody(io: FaultIo, spec: FaultSpec): Promise<void> {
  const body = Buffer.from(io.answerBody());
  io.res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  io.res.flushHeaders();
  const step = Math.ceil(body.length / SLOW_CHUNKS);
  const pause = (spec.ms ?? DEFAULT_SLOW_MS) / SLOW_CHUNKS;
  for (let at = 0; at < body.length; at += step) {
    // Headers go out at once and the body trickles: a timeout on headers alone never fires.
    const stopped = await delay(pause, false, { signal: io.closing }).catch(() => true);
    if (stopped || io.res.destroyed) return;
    io.res.write(body.subarray(at, at + step));
  }
  io.res.end();
  io.completed();
}

/** A completion whose reasoning parser took the whole output: vLLM then sends content null. */
function nullContentBody(io: FaultIo): string {
  const parsed = JSON.parse(io.answerBody()) as { choices: { message: { content: string; reasoning?: string } }[] };
  const choices = parsed.choices.map((c) => ({
    ...c,
    message: { ...c.message, content: null, reasoning: `${c.message.reasoning ?? ''}${c.message.content}` },
    finish_reason: 'stop',
  }));
  return JSON.stringify({ ...parsed, choices });
}

const ACTS: Readonly<Record<FaultKind, Act>> = {
  '500': (io) => io.sendError(new MockHttpError(500, 'mock fault 500: EngineCore encountered an issue (simulated)')),
  '503': (io) => io.sendError(new MockHttpError(503, 'mock fault 503: the engine is not ready (simulated)')),
  '429': (io) => io.sendError(new MockHttpError(429, `mock fault 429: too many requests, retry after ${io.opts.retryAfterS} s (simulated)`)),
  reset: (io) => {
    io.res.socket?.resetAndDestroy();
  },
  hang: async (io) => untilGone(io),
  slow: slowBody,
  'malformed-json': (io) => {
    const body = io.answerBody();
    io.send(200, body.slice(0, Math.floor(body.length / 2)));
  },
  'empty-choices': (io) => {
    const parsed = JSON.parse(io.answerBody()) as Record<string, unknown>;
    io.send(200, JSON.stringify({ ...parsed, choices: [] }));
  },
  'null-content': (io) => {
    io.send(200, nullContentBody(io));
    io.completed();
  },
  '400-context': (io) => {
    const { maxModelLen } = io.opts;
    const tokens = maxModelLen + io.request.promptTokens;
    io.sendError(new MockHttpError(400, `This model's maximum context length is ${maxModelLen} tokens. However, your request has ${tokens} input tokens. Please reduce the length of the input messages.`));
  },
  '400-images': (io) =>
    io.sendError(new MockHttpError(400, 'At most 0 image(s) may be provided in one prompt. Set `--limit-mm-per-prompt` to increase this limit.')),
  '400-max-tokens': (io) => {
    const { maxModelLen } = io.opts;
    const prompt = io.request.promptTokens;
    io.sendError(new MockHttpError(400, `'max_tokens' or 'max_completion_tokens' is too large: ${maxModelLen}. This model's maximum context length is ${maxModelLen} tokens and your request has ${prompt} input tokens (${maxModelLen} > ${maxModelLen} - ${prompt}).`));
  },
  '404-model': (io) => io.sendError(new MockHttpError(404, `The model \`${io.opts.modelId}\` does not exist.`)),
  // What vLLM's --api-key middleware answers: not its usual error shape.
  '401': (io) => io.send(401, '{"error":"Unauthorized"}'),
};

export async function actOutFault(io: FaultIo, spec: FaultSpec): Promise<void> {
  await ACTS[spec.kind](io, spec);
}
