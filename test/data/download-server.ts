/**
 * A loopback file host for download tests, speaking the two protocols the downloader meets:
 * VLMEvalKit's plain file URLs (`/<name>.tsv`, what LMUDATA_URL_BASE points at) and HuggingFace's
 * resolve endpoint (`/datasets/<repo>/resolve/<rev>/<path>`, what HF_ENDPOINT points at), which
 * answers 302 to a CDN (a second server: another origin, so credentials must not follow) with the
 * `X-Repo-Commit` and `X-Linked-Etag` (sha256) headers the hub sends for LFS files.
 *
 * Faults, per file: `cutOnce` (the first GET sends half the body, then drops the connection),
 * `corrupt` (serves damaged bytes under the true checksum headers), `ignoreRange` (always 200),
 * `failTimes` (answers 500 that many times first). Every request is logged.
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoggedRequest {
  readonly server: 'hub' | 'cdn';
  readonly method: string;
  readonly path: string;
  readonly range: string | undefined;
  readonly authorization: string | undefined;
}

export interface FileHostOptions {
  /** Served files: plain paths (`BLINK.tsv`) and HF paths (`datasets/owner/name/<path>`, any revision). */
  readonly files: ReadonlyMap<string, Buffer>;
  readonly commit?: string;
  /** When set, the hub answers 401 unless `Authorization: Bearer <token>`. */
  readonly token?: string;
  readonly cutOnce?: ReadonlySet<string>;
  readonly corrupt?: ReadonlySet<string>;
  readonly ignoreRange?: ReadonlySet<string>;
  readonly failTimes?: ReadonlyMap<string, number>;
  /** Send X-Linked-Etag (sha256) for HF files; default true. */
  readonly linkedEtag?: boolean;
}

export interface FileHost {
  /** Base URL of the hub (HF_ENDPOINT, or LMUDATA_URL_BASE for plain files). */
  readonly url: string;
  readonly cdnUrl: string;
  readonly requests: LoggedRequest[];
  close(): Promise<void>;
}

export const COMMIT = 'c0ffee0000000000000000000000000000000001';

export function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function md5(bytes: Buffer): string {
  return createHash('md5').update(bytes).digest('hex');
}

export async function startFileHost(options: FileHostOptions): Promise<FileHost> {
  const requests: LoggedRequest[] = [];
  const cut = new Set(options.cutOnce ?? []);
  const fails = new Map(options.failTimes ?? []);
  const bySha = new Map<string, string>();
  for (const [name, bytes] of options.files) bySha.set(sha256(bytes), name);

  const log = (server: LoggedRequest['server'], req: IncomingMessage): void => {
    requests.push({ server, method: req.method ?? '', path: req.url ?? '', range: req.headers.range, authorization: req.headers.authorization });
  };

  const serveBytes = (name: string, req: IncomingMessage, res: ServerResponse): void => {
    const failing = fails.get(name) ?? 0;
    if (failing > 0) {
      fails.set(name, failing - 1);
      res.writeHead(500).end('busy');
      return;
    }
    const real = options.files.get(name) as Buffer;
    const bytes = options.corrupt?.has(name) === true ? damaged(real) : real;
    const range = options.ignoreRange?.has(name) === true ? undefined : /^bytes=(\d+)-$/.exec(req.headers.range ?? '')?.[1];
    const start = range === undefined ? 0 : Number(range);
    if (start >= bytes.length && start > 0) {
      res.writeHead(416, { 'content-range': `bytes */${bytes.length}` }).end();
      return;
    }
    const body = bytes.subarray(start);
    const headers: Record<string, string> = { 'content-length': String(body.length), 'accept-ranges': 'bytes' };
    if (range !== undefined) headers['content-range'] = `bytes ${start}-${bytes.length - 1}/${bytes.length}`;
    res.writeHead(range === undefined ? 200 : 206, headers);
    if (cut.delete(name)) {
      // Half the body, flushed, then the socket dies: what a dropped connection looks like. The
      // pause lets the client take the bytes first (a stream that errors drops what it has queued).
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => res.socket?.destroy(), 300));
      return;
    }
    res.end(body);
  };

  const cdn = await listen((req, res) => {
    log('cdn', req);
    const name = bySha.get((req.url ?? '').replace(/^\/cdn\//, ''));
    if (name === undefined) res.writeHead(404).end();
    else serveBytes(name, req, res);
  });

  const hub = await listen((req, res) => {
    log('hub', req);
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const hf = /^\/datasets\/([^/]+\/[^/]+)\/resolve\/([^/]+)\/(.+)$/.exec(path);
    if (hf !== null) {
      if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) {
        res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"Invalid credentials"}');
        return;
      }
      const name = `datasets/${hf[1]}/${hf[3]}`;
      const bytes = options.files.get(name);
      if (bytes === undefined) {
        res.writeHead(404).end('Entry not found');
        return;
      }
      const headers: Record<string, string> = { location: `${cdn.url}/cdn/${sha256(bytes)}`, 'x-repo-commit': options.commit ?? COMMIT };
      if (options.linkedEtag !== false) headers['x-linked-etag'] = `"${sha256(bytes)}"`;
      res.writeHead(302, headers).end();
      return;
    }
    const name = path.replace(/^\//, '');
    if (!options.files.has(name)) res.writeHead(404).end('not found');
    else serveBytes(name, req, res);
  });

  return {
    url: hub.url,
    cdnUrl: cdn.url,
    requests,
    close: async () => {
      await Promise.all([hub.close(), cdn.close()]);
    },
  };
}

/** One byte flipped in the middle: same length, different checksum. */
function damaged(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes);
  const at = Math.floor(copy.length / 2);
  copy[at] = (copy[at] ?? 0) ^ 0xff;
  return copy;
}

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
