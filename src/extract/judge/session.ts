/**
 * The judge's endpoints in use: the same endpoint pool the evaluated models use (failover between
 * endpoints, per-endpoint concurrency, the one retry policy), opened on first use. A judge that
 * cannot be reached or does not serve the model is an InputError naming its URL: scoring never
 * falls back to exact matching silently, as VLMEvalKit does when its `working()` check fails.
 */
import type { DiscoveryWording } from '../../endpoint/pool/discover.js';
import { openPool, type OpenedPool } from '../../endpoint/pool/open.js';
import type { PoolOutcome } from '../../endpoint/pool/pool.js';
import type { ChatBody } from '../../request/body.js';
import { explicitSampling } from '../../request/sampling.js';
import { JUDGE_PROMPT_VERSION } from './prompt.js';
import type { JudgeSpec } from './settings.js';

export interface JudgeProvenance {
  readonly model: string;
  readonly prompt_version: string;
  readonly max_tokens: number;
}

/** What an authors' judge prompt sets beyond its text: their system message and temperature. */
export interface AuthorsSettings {
  readonly system?: string | undefined;
  readonly temperature?: number | undefined;
}

export class JudgeSession {
  private opened: Promise<OpenedPool> | undefined;

  /** `log` gets the pool's lines about judge endpoints taken out and back. */
  constructor(
    readonly spec: JudgeSpec,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  get provenance(): JudgeProvenance {
    return { model: this.spec.model, prompt_version: JUDGE_PROMPT_VERSION, max_tokens: this.spec.maxTokens };
  }

  /** How many questions may be handed over at once: what every endpoint together may have in flight. */
  get capacity(): number {
    return this.spec.concurrency * this.spec.baseURLs.length;
  }

  /** Checks (once) that the endpoints answer and serve the judge model; throws InputError if not. */
  async ready(): Promise<void> {
    await this.open();
  }

  /** One question; the pool retries and fails over, so a failed outcome is final for this run. */
  async ask(prompt: string, authors: AuthorsSettings = {}): Promise<PoolOutcome> {
    const { pool, ownedBy } = await this.open();
    return pool.complete(this.body(prompt, ownedBy, authors));
  }

  async close(): Promise<void> {
    const opened = this.opened;
    this.opened = undefined;
    // A pool that failed to open closed its connections itself.
    const pool = await opened?.then((o) => o.pool).catch(() => undefined);
    await pool?.close();
  }

  private open(): Promise<OpenedPool> {
    const s = this.spec;
    this.opened ??= openPool(
      {
        targets: s.baseURLs.map((baseURL) => ({ baseURL, apiKey: s.apiKey, maxConcurrency: s.concurrency })),
        modelId: s.model,
        adaptive: s.adaptive,
        tries: s.tries,
        backoffS: s.backoffS,
        timeoutMs: s.timeoutMs,
        endpointWaitMs: s.endpointWaitMs,
        routing: 'least-busy',
        log: this.log,
      },
      JUDGE_WORDING,
    );
    return this.opened;
  }

  /** Temperature 0 (or the authors') and every other sampling setting explicit, as for the evaluated models. */
  private body(prompt: string, ownedBy: string, authors: AuthorsSettings): ChatBody {
    const user = { role: 'user' as const, content: prompt };
    return {
      ...explicitSampling({}, ownedBy),
      model: this.spec.model,
      messages: authors.system === undefined ? [user] : [{ role: 'system', content: authors.system }, user],
      temperature: authors.temperature ?? 0,
      max_tokens: this.spec.maxTokens,
      n: 1,
    };
  }
}

const JUDGE_WORDING: DiscoveryWording = {
  cannotList: (baseURL, message, refusedKey) => {
    const hint = refusedKey
      ? 'the server refused the key: set --judge-key, "judge": {"key": ...} or env OPENAI_API_KEY to its key'
      : 'is the judge server running and is --judge-base-url / "judge": {"api_base": ...} / OPENAI_API_BASE right?';
    return `judge at ${baseURL}: cannot list models at ${baseURL}/models (${message}); ${hint}`;
  },
  noneAnswers: (endpoints, first) =>
    `judge: none of its ${endpoints} endpoints answers /v1/models (${first}); are the judge servers running and are the URLs in "judge": {"api_base": [...]} right?`,
  notServed: (baseURL, wanted, served) =>
    `judge at ${baseURL} does not serve "${wanted ?? ''}" (it serves: ${served.join(', ') || 'nothing'}); set --judge or "judge": {"model": ...} to a served name`,
  mismatch: (ref, id, other, served) =>
    `judge: its endpoints serve different models: ${ref} serves "${id}" but ${other} serves ${served.map((x) => `"${x}"`).join(', ') || 'nothing'}; every judge endpoint must serve the judge model`,
};
