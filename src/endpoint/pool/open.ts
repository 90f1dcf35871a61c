import { discoverServed, type DiscoveryWording } from './discover.js';
import { Member, type MemberTarget } from './member.js';
import { EndpointPool, type PoolOptions } from './pool.js';

/** Everything a pool needs before discovery says which model its endpoints serve. */
export interface PoolSpec extends Omit<PoolOptions, 'modelId'> {
  /** The servers, each with its own concurrency ceiling. */
  readonly targets: readonly MemberTarget[];
  /** The model to ask for; undefined = the first id the first endpoint that answers lists. */
  readonly modelId: string | undefined;
  /** Each endpoint's concurrency follows its latency (../adaptive.ts), up to its ceiling. */
  readonly adaptive: boolean;
}

export interface OpenedPool {
  readonly pool: EndpointPool;
  /** The served model id, which every endpoint that answered lists. */
  readonly modelId: string;
  /** Its `owned_by` ('vllm' for vLLM): decides the vLLM-only settings sent. */
  readonly ownedBy: string;
}

/**
 * Opens the pool the evaluated models and the judge share: one member per endpoint, /v1/models
 * asked of each (errors worded by `words`), endpoints that did not answer started down and
 * re-checked. Nothing is left open when discovery fails.
 */
export async function openPool(spec: PoolSpec, words: DiscoveryWording): Promise<OpenedPool> {
  const { targets, modelId, adaptive, ...options } = spec;
  const members = targets.map((t) => new Member(t, { timeoutMs: spec.timeoutMs, adaptive }));
  try {
    const found = await discoverServed(members, modelId, words);
    const pool = new EndpointPool(members, { ...options, modelId: found.id });
    for (const [member, reason] of found.unreachable) pool.startDown(member, reason);
    return { pool, modelId: found.id, ownedBy: found.ownedBy };
  } catch (err) {
    await Promise.all(members.map((m) => m.agent.close()));
    throw err;
  }
}
