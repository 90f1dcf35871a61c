/**
 * Preloaded into the harness CLI child with `node --import <this file> bin/actial-eval.js ...`.
 * It changes nothing in the harness: it only listens to undici's diagnostics channels (published
 * by undici itself, no patching) and, at exit, writes one JSON file (path in BENCH_PROBE_OUT) with
 * - the wall-clock time (epoch ms, sub-ms precision) the first chat completion's headers were
 *   written to the socket and the time the last chat completion's response headers arrived,
 * - how many chat completions were sent and answered, and when each answer arrived,
 * - the process's own getrusage (CPU user/system, peak RSS = the kernel's high-water mark).
 * On the first chat completion it also writes `<BENCH_PROBE_OUT>.first` (asynchronously, once),
 * and from then on samples process.memoryUsage() twice a second (an unref'd timer), so a high
 * peak RSS can be told apart from a leak: garbage between collections vs. a rising floor.
 */
import { subscribe } from 'node:diagnostics_channel';
import { writeFile, writeFileSync } from 'node:fs';

export interface ProbeReport {
  readonly firstChatSentEpochMs: number | null;
  readonly lastChatAnsweredEpochMs: number | null;
  readonly chatSent: number;
  readonly chatAnswered: number;
  readonly userCpuMs: number;
  readonly systemCpuMs: number;
  readonly maxRssKb: number;
  readonly exitEpochMs: number;
  /** process.memoryUsage() sampled every 500 ms once answering began: the GC sawtooth, in kB. */
  readonly heapUsedMinKb: number | null;
  readonly heapUsedMaxKb: number | null;
  readonly externalMaxKb: number | null;
  /** The samples: [ms since the first chat completion, heapUsed kB, rss kB]. */
  readonly memory: readonly (readonly [number, number, number])[];
  /** When each chat completion's response headers arrived, ms after the first one was sent. */
  readonly answeredAtMs: readonly number[];
  /** Bytes of the chat completion requests written to sockets: request line and headers, and bodies. */
  readonly chatHeaderBytes: number;
  readonly chatBodyBytes: number;
}

const out = process.env['BENCH_PROBE_OUT'];

if (out !== undefined && out !== '') {
  const now = (): number => performance.timeOrigin + performance.now();
  let firstSent: number | null = null;
  let lastAnswered: number | null = null;
  let sent = 0;
  let answered = 0;
  let heapMin: number | null = null;
  let heapMax: number | null = null;
  let externalMax: number | null = null;
  const memory: [number, number, number][] = [];
  const answeredAt: number[] = [];
  const sampleMemory = (): void => {
    const m = process.memoryUsage();
    memory.push([Math.round(now() - (firstSent ?? now())), Math.round(m.heapUsed / 1024), Math.round(m.rss / 1024)]);
    heapMin = Math.min(heapMin ?? Infinity, m.heapUsed);
    heapMax = Math.max(heapMax ?? 0, m.heapUsed);
    externalMax = Math.max(externalMax ?? 0, m.external);
  };
  const isChat = (request: unknown): boolean => {
    const path = (request as { path?: unknown } | null)?.path;
    return typeof path === 'string' && path.includes('/chat/completions');
  };
  let headerBytes = 0;
  let bodyBytes = 0;
  subscribe('undici:request:bodyChunkSent', (message) => {
    const { request, chunk } = message as { request?: unknown; chunk?: { length?: unknown } };
    if (isChat(request) && typeof chunk?.length === 'number') bodyBytes += chunk.length;
  });
  subscribe('undici:client:sendHeaders', (message) => {
    if (!isChat((message as { request?: unknown }).request)) return;
    const headers = (message as { headers?: unknown }).headers;
    if (typeof headers === 'string') headerBytes += Buffer.byteLength(headers);
    sent++;
    if (firstSent === null) {
      firstSent = now();
      // A marker the bench polls, so it can stop the run a fixed time after answering began.
      writeFile(`${out}.first`, String(firstSent), () => undefined);
      setInterval(sampleMemory, 500).unref();
    }
  });
  subscribe('undici:request:headers', (message) => {
    if (!isChat((message as { request?: unknown }).request)) return;
    answered++;
    lastAnswered = now();
    answeredAt.push(Math.round((lastAnswered - (firstSent ?? lastAnswered)) * 10) / 10);
  });
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const report: ProbeReport = {
      firstChatSentEpochMs: firstSent,
      lastChatAnsweredEpochMs: lastAnswered,
      chatSent: sent,
      chatAnswered: answered,
      userCpuMs: usage.userCPUTime / 1000,
      systemCpuMs: usage.systemCPUTime / 1000,
      maxRssKb: usage.maxRSS,
      exitEpochMs: now(),
      heapUsedMinKb: heapMin === null ? null : Math.round(heapMin / 1024),
      heapUsedMaxKb: heapMax === null ? null : Math.round(heapMax / 1024),
      externalMaxKb: externalMax === null ? null : Math.round(externalMax / 1024),
      memory,
      answeredAtMs: answeredAt,
      chatHeaderBytes: headerBytes,
      chatBodyBytes: bodyBytes,
    };
    try {
      writeFileSync(out, JSON.stringify(report));
    } catch {
      // the bench reports the figure as unavailable
    }
  });
}
