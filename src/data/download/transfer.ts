import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat, unlink } from 'node:fs/promises';
import type { EnvHttpProxyAgent, Response } from 'undici';
import { DownloadError } from '../../core/errors.js';
import { type Credential, type FirstHop, networkReason, openUrl, TransientError } from './http.js';
import { mb, type DownloadProgress } from './progress.js';

/**
 * Downloads one URL into a `.part` file: resumes what is already there with an HTTP Range request,
 * retries network failures, cut bodies, 429 and 5xx from where it stopped, and checks the bytes
 * against the published md5 (VLMEvalKit) or the hub's sha256 (HuggingFace LFS). A mismatch deletes
 * the part file. The caller renames a verified part into place, so a reader never sees a partial file.
 */

export interface TransferRequest {
  readonly url: string;
  readonly part: string;
  /** The final file, for messages. */
  readonly dest: string;
  readonly md5: string | undefined;
  readonly credential: Credential | undefined;
  readonly progress: DownloadProgress;
  readonly agent: EnvHttpProxyAgent;
}

export interface TransferResult {
  readonly first: FirstHop;
  readonly size: number;
  /** What the bytes were checked against, for the progress line. */
  readonly verified: string;
}

const MAX_TRIES = 6;
const IDLE_TIMEOUT_MS = 60_000;

type Algorithm = 'md5' | 'sha256';

/** A hash over the first `bytes` of the part file, carried across retries so resuming never re-reads. */
interface Digest {
  readonly alg: Algorithm;
  readonly hash: Hash;
  bytes: number;
}

export async function transfer(req: TransferRequest): Promise<TransferResult> {
  let fromEarlierRun = (await sizeOf(req.part)) > 0;
  let digest: Digest | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      const got = await attemptOnce(req, digest);
      digest = got.digest;
      const check = await verify(req, got.first, got.size, digest);
      if (check.ok) return { first: got.first, size: got.size, verified: check.text };
      await unlink(req.part).catch(() => undefined);
      digest = undefined;
      // An earlier run's part may hold an older version of the file: start over once before giving up.
      if (fromEarlierRun) {
        fromEarlierRun = false;
        req.progress.note(`${check.text} after resuming an earlier partial download; starting over`);
        continue;
      }
      throw new DownloadError(`${req.url}: ${check.text}; the download was deleted and not used (saved as ${req.dest} only when it matches); try again, or get the file yourself and set "path"`);
    } catch (err) {
      if (!(err instanceof TransientError)) throw err;
      if (attempt >= MAX_TRIES) {
        const kept = (await sizeOf(req.part)) > 0 ? `; the partial file ${req.part} is kept and resumed by the next run` : '';
        throw new DownloadError(`${req.url}: download failed after ${attempt} tries (${err.message})${kept}; or get the file yourself, set "path" and use --offline`);
      }
      const wait = Math.min(8000, 500 * 2 ** (attempt - 1));
      req.progress.note(`${err.message}; retrying in ${(wait / 1000).toFixed(1)}s (try ${attempt + 1} of ${MAX_TRIES})`);
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

async function attemptOnce(req: TransferRequest, digest: Digest | undefined): Promise<{ first: FirstHop; size: number; digest: Digest }> {
  const offset = await sizeOf(req.part);
  const idle = new AbortController();
  let timer = setTimeout(() => idle.abort(), IDLE_TIMEOUT_MS);
  try {
    const { response, first } = await openUrl(req.url, offset, req.credential, idle.signal, req.agent);
    const alg = algorithmFor(first);
    if (response.status === 416 && offset > 0) {
      // Nothing past the end: the part is complete if the server's size (`bytes */N`) is its size.
      await response.body?.cancel().catch(() => undefined);
      const size = /^bytes \*\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1];
      if (size === undefined || Number(size) !== offset) {
        await unlink(req.part).catch(() => undefined);
        throw new TransientError('the partial download is larger than the file on the server; starting over');
      }
      return { first, size: offset, digest: await digestOf(req.part, alg, offset, digest) };
    }
    const start = startOf(req, response, offset);
    if (start === undefined) {
      await response.body?.cancel().catch(() => undefined);
      await unlink(req.part).catch(() => undefined);
      throw new TransientError(`the server answered the resume request with another byte range`);
    }
    const total = totalOf(response, start);
    const d = await digestOf(req.part, alg, start, digest);
    req.progress.begin(start, total, req.url);
    const fh = await open(req.part, start === 0 ? 'w' : 'a');
    try {
      for await (const chunk of bodyOf(response)) {
        clearTimeout(timer);
        timer = setTimeout(() => idle.abort(), IDLE_TIMEOUT_MS);
        await fh.write(chunk);
        d.hash.update(chunk);
        d.bytes += chunk.length;
        req.progress.add(chunk.length);
      }
    } catch (err) {
      if (err instanceof TransientError) throw err;
      const why = idle.signal.aborted ? `no data for ${IDLE_TIMEOUT_MS / 1000}s` : networkReason(err);
      throw new TransientError(`connection lost at ${mb(d.bytes)} (${why})`);
    } finally {
      await fh.close();
    }
    if (total !== undefined && d.bytes !== total) throw new TransientError(`connection closed at ${mb(d.bytes)} of ${mb(total)}`);
    return { first, size: d.bytes, digest: d };
  } finally {
    clearTimeout(timer);
  }
}

/** Where the body starts in the file, or undefined when it does not continue the part file. */
function startOf(req: TransferRequest, response: Response, offset: number): number | undefined {
  const s = response.status;
  if (s === 200) return 0; // no Range sent, or the server ignores ranges: the whole file again
  if (s === 206) {
    const from = /^bytes (\d+)-/.exec(response.headers.get('content-range') ?? '')?.[1];
    return from !== undefined && Number(from) === offset ? offset : undefined;
  }
  void response.body?.cancel().catch(() => undefined);
  if (s === 401 || s === 403) {
    const hint = req.credential !== undefined ? 'HF_TOKEN was refused or has no access to this repo' : 'the dataset is gated or private: set HF_TOKEN to a token that has access';
    throw new DownloadError(`${req.url}: HTTP ${s}: ${hint}`);
  }
  if (s === 404) throw new DownloadError(`${req.url}: HTTP 404: no such file at this URL (check HF_ENDPOINT / LMUDATA_URL_BASE); get the file yourself and set "path"`);
  if (s === 408 || s === 429 || s >= 500) throw new TransientError(`HTTP ${s}`);
  throw new DownloadError(`${req.url}: HTTP ${s}: expected the file`);
}

function totalOf(response: Response, start: number): number | undefined {
  const range = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1];
  if (range !== undefined) return Number(range);
  const length = response.headers.get('content-length');
  return length !== null && /^\d+$/.test(length) ? start + Number(length) : undefined;
}

async function* bodyOf(response: Response): AsyncGenerator<Uint8Array> {
  if (response.body === null) return;
  for await (const chunk of response.body) yield chunk;
}

/**
 * The hub's sha256 describes the bytes it serves now, so it wins over a module's md5 table, which
 * goes stale when a file is republished; the md5 is what VLMEvalKit's own host offers.
 */
function algorithmFor(first: FirstHop): Algorithm {
  return first.sha256 !== undefined ? 'sha256' : 'md5';
}

/** The digest of the part's first `bytes`: the carried one when it covers exactly those, else read from disk. */
async function digestOf(part: string, alg: Algorithm, bytes: number, carried: Digest | undefined): Promise<Digest> {
  if (carried !== undefined && carried.alg === alg && carried.bytes === bytes) return carried;
  const hash = createHash(alg);
  if (bytes > 0) {
    for await (const chunk of createReadStream(part, { start: 0, end: bytes - 1 })) hash.update(chunk as Buffer);
  }
  return { alg, hash, bytes };
}

async function verify(req: TransferRequest, first: FirstHop, size: number, digest: Digest): Promise<{ ok: boolean; text: string }> {
  const expected = first.sha256 ?? req.md5;
  if (expected === undefined) return { ok: true, text: `${mb(size)}, no published checksum to check` };
  const got = digest.hash.digest('hex');
  if (got === expected.toLowerCase()) return { ok: true, text: `${mb(size)}, ${digest.alg} ok` };
  return { ok: false, text: `checksum mismatch: ${digest.alg} of the downloaded ${mb(size)} is ${got}, expected ${expected}` };
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}
