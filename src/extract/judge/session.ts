/**
 * A judge endpoint in use: one ChatClient (retries, failure classification) over its own
 * connection pool, checked once before its first use. A judge that cannot be reached or does not
 * serve the model is an InputError naming its URL: scoring never falls back to exact matching
 * silently, as VLMEvalKit does when its `working()` check fails.
 */
import type { Agent } from 'undici';
import { InputError } from '../../core/errors.js';
import { ChatClient, type Outcome } from '../../endpoint/client.js';
import { createAgent } from '../../endpoint/transport.js';
import type { ChatBody } from '../../request/build.js';
import { JUDGE_PROMPT_VERSION } from './prompt.js';
import type { JudgeSpec } from './settings.js';

export interface JudgeProvenance {
  readonly model: string;
  readonly prompt_version: string;
  readonly max_tokens: number;
}

export class JudgeSession {
  private readonly agent: Agent;
  private readonly client: ChatClient;
  private checked: Promise<{ ownedBy: string }> | undefined;

  constructor(readonly spec: JudgeSpec) {
    this.agent = createAgent(spec.concurrency);
    this.client = new ChatClient({
      baseURL: spec.baseURL,
      apiKey: spec.apiKey,
      timeoutMs: spec.timeoutMs,
      tries: spec.tries,
      backoffS: 1,
      agent: this.agent,
    });
  }

  get provenance(): JudgeProvenance {
    return { model: this.spec.model, prompt_version: JUDGE_PROMPT_VERSION, max_tokens: this.spec.maxTokens };
  }

  /** Checks (once) that the endpoint answers and serves the judge model; throws InputError if not. */
  async ready(): Promise<void> {
    this.checked ??= this.check();
    await this.checked;
  }

  async ask(prompt: string): Promise<Outcome> {
    const { ownedBy } = await (this.checked ??= this.check());
    return this.client.complete(this.body(prompt, ownedBy));
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** Temperature 0 and every other sampling setting explicit, as for the evaluated models. */
  private body(prompt: string, ownedBy: string): ChatBody {
    const vllm = ownedBy === 'vllm' ? { top_k: -1, repetition_penalty: 1 } : {};
    return {
      top_p: 1,
      ...vllm,
      model: this.spec.model,
      messages: [{ role: 'user', content: prompt }],
      temperature: 0,
      max_tokens: this.spec.maxTokens,
      n: 1,
    };
  }

  private async check(): Promise<{ ownedBy: string }> {
    const where = `judge at ${this.spec.baseURL}`;
    let list: Awaited<ReturnType<ChatClient['listModels']>>;
    try {
      list = await this.client.listModels();
    } catch (err) {
      const status = (err as { status?: unknown }).status;
      const hint = status === 401 || status === 403
        ? 'the server refused the key: set --judge-key, "judge": {"key": ...} or env OPENAI_API_KEY to its key'
        : 'is the judge server running and is --judge-base-url / "judge": {"api_base": ...} / OPENAI_API_BASE right?';
      throw new InputError(`${where}: cannot list models at ${this.spec.baseURL}/models (${(err as Error).message}); ${hint}`);
    }
    const match = list.find((m) => m.id === this.spec.model);
    if (match === undefined) {
      const ids = list.slice(0, 10).map((m) => m.id).join(', ');
      throw new InputError(`${where} does not serve "${this.spec.model}" (it serves: ${ids || 'nothing'}); set --judge or "judge": {"model": ...} to a served name`);
    }
    return { ownedBy: match.owned_by ?? '' };
  }
}
