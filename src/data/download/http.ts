import { EnvHttpProxyAgent, fetch, type Response } from 'undici';

/**
 * One GET of a file from byte `offset` on, following redirects by hand so that (1) a credential
 * goes only to the origin it belongs to, never to the CDN a hub redirects to, and (2) the first
 * hop's HuggingFace headers (commit, LFS sha256) are kept: a followed redirect would drop them.
 */

/** What the first response (HF's resolve endpoint) says about the file. */
export interface FirstHop {
  /** The commit a branch resolved to (`X-Repo-Commit`). */
  readonly commit: string | undefined;
  /** For LFS files, the sha256 of the content (`X-Linked-Etag`). */
  readonly sha256: string | undefined;
}

export interface Opened {
  readonly response: Response;
  readonly first: FirstHop;
}

export interface Credential {
  /** The only origin the header is sent to. */
  readonly origin: string;
  readonly authorization: string;
}

/** A failure worth retrying: the network, a cut body, 5xx, 429. */
export class TransientError extends Error {}

const MAX_REDIRECTS = 10;

/** HTTP(S)_PROXY / NO_PROXY are honoured, as pip, curl and huggingface_hub do on managed networks. */
export function newAgent(): EnvHttpProxyAgent {
  return new EnvHttpProxyAgent();
}

export async function openUrl(url: string, offset: number, credential: Credential | undefined, signal: AbortSignal, agent: EnvHttpProxyAgent): Promise<Opened> {
  let current = url;
  let first: FirstHop | undefined;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = {
      'user-agent': 'actial-eval',
      // Byte ranges and checksums are about the stored bytes: no transparent decompression.
      'accept-encoding': 'identity',
    };
    if (offset > 0) headers['range'] = `bytes=${offset}-`;
    if (credential !== undefined && new URL(current).origin === credential.origin) headers['authorization'] = credential.authorization;
    let response: Response;
    try {
      response = await fetch(current, { headers, redirect: 'manual', signal, dispatcher: agent });
    } catch (err) {
      throw new TransientError(networkReason(err));
    }
    first ??= firstHopOf(response);
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel().catch(() => undefined);
      current = new URL(location, current).toString();
      continue;
    }
    return { response, first };
  }
  throw new Error(`more than ${MAX_REDIRECTS} redirects`);
}

function firstHopOf(response: Response): FirstHop {
  const commit = response.headers.get('x-repo-commit') ?? undefined;
  const etag = response.headers.get('x-linked-etag')?.replace(/^W\//, '').replaceAll('"', '');
  return { commit, sha256: etag !== undefined && /^[0-9a-f]{64}$/.test(etag) ? etag : undefined };
}

/** fetch wraps the socket error in `cause`; that is the part a user can act on. */
export function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } }).cause;
  const base = err instanceof Error ? err.message : String(err);
  if (cause?.code !== undefined) return `${base} (${cause.code})`;
  return cause?.message !== undefined ? `${base} (${cause.message})` : base;
}
