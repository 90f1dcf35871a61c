import type { EnvHttpProxyAgent } from 'undici';
import type { Credential } from './http.js';
import type { DownloadSink } from './options.js';
import { hfEndpoint } from './plan.js';

type Env = Readonly<Record<string, string | undefined>>;

/** What the fetchers of one run share: the HTTP agent, the progress sink, the HF credential. */
export class Session {
  private readonly hf: Credential | undefined;

  constructor(
    readonly env: Env,
    readonly sink: DownloadSink,
    readonly agent: EnvHttpProxyAgent,
  ) {
    const token = env['HF_TOKEN']?.trim();
    this.hf = token ? { origin: new URL(hfEndpoint(env)).origin, authorization: `Bearer ${token}` } : undefined;
  }

  /** HF_TOKEN goes to the HF endpoint only (openUrl drops it on a redirect elsewhere), never to other hosts. */
  credentialFor(url: string): Credential | undefined {
    return this.hf !== undefined && new URL(url).origin === this.hf.origin ? this.hf : undefined;
  }
}
