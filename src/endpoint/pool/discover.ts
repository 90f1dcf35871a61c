import { InputError } from '../../core/errors.js';
import type { ChatClient } from '../client.js';
import { classify } from '../retry.js';
import type { Member } from './member.js';

type Listed = Awaited<ReturnType<ChatClient['listModels']>>;

export interface Discovered {
  readonly id: string;
  /** `owned_by` of the model ('vllm' for vLLM), which decides the vLLM-only settings sent. */
  readonly ownedBy: string;
  /** Endpoints that did not answer: the pool starts them down and re-checks them. */
  readonly unreachable: ReadonlyMap<Member, string>;
}

type Answer = { readonly m: Member; readonly list: Listed } | { readonly m: Member; readonly err: unknown };

/**
 * Asks every endpoint's /v1/models at once. The model id is the configured one, else the first id
 * of the first endpoint that answers (ActialChat's rule); every endpoint that answers must serve it,
 * so one run never mixes two models' answers. A refused key is an error whichever endpoint refuses
 * it; an endpoint that does not answer is only an error when none does.
 */
export async function discoverModel(members: readonly Member[], modelName: string, wanted: string | undefined): Promise<Discovered> {
  const answers: Answer[] = await Promise.all(
    members.map(async (m): Promise<Answer> => {
      try {
        return { m, list: await m.client.listModels() };
      } catch (err) {
        return { m, err };
      }
    }),
  );
  const unreachable = new Map<Member, string>();
  for (const a of answers) {
    if (!('err' in a)) continue;
    if (isAuthError(a.err) || members.length === 1) throw cannotList(modelName, a.m, a.err);
    unreachable.set(a.m, `not reachable at start: ${classify(a.err).message}`);
  }
  const reachable = answers.flatMap((a) => ('list' in a ? [a] : []));
  const first = reachable[0];
  if (first === undefined) {
    const a = answers[0];
    throw new InputError(`model '${modelName}': none of its ${members.length} endpoints answers /v1/models (${a !== undefined && 'err' in a ? `${a.m.label}: ${(a.err as Error).message}` : 'no endpoint'}); are the servers running and are the URLs right?`);
  }
  const chosen = wanted === undefined ? first.list[0] : first.list.find((x) => x.id === wanted);
  if (chosen === undefined) throw notServed(modelName, first.m, first.list, wanted);
  for (const a of reachable.slice(1)) {
    const serves = wanted === undefined ? a.list[0]?.id === chosen.id : a.list.some((x) => x.id === chosen.id);
    if (!serves) throw mismatch(modelName, first.m, a.m, a.list, chosen.id);
  }
  return { id: chosen.id, ownedBy: chosen.owned_by ?? '', unreachable };
}

function isAuthError(err: unknown): boolean {
  const status = (err as { status?: unknown }).status;
  return status === 401 || status === 403;
}

function cannotList(modelName: string, m: Member, err: unknown): InputError {
  const hint = isAuthError(err)
    ? 'the server refused the key: set "key" (or "api_key") in the config or the env variable the class reads (e.g. OPENAI_API_KEY) to the server\'s --api-key'
    : 'is the server running and is api_base right?';
  return new InputError(`model '${modelName}': cannot list models at ${m.target.baseURL}/models (${(err as Error).message}); ${hint}`);
}

function notServed(modelName: string, m: Member, list: Listed, wanted: string | undefined): InputError {
  if (wanted === undefined) return new InputError(`model '${modelName}': ${m.target.baseURL}/models lists no model`);
  const ids = list.slice(0, 10).map((x) => x.id).join(', ');
  return new InputError(`model '${modelName}': the server at ${m.target.baseURL} does not serve "${wanted}" (it serves: ${ids || 'nothing'}); set "model" to the served name (vllm serve --served-model-name)`);
}

function mismatch(modelName: string, ref: Member, other: Member, list: Listed, id: string): InputError {
  const ids = list.slice(0, 10).map((x) => `"${x.id}"`).join(', ') || 'nothing';
  return new InputError(
    `model '${modelName}': its endpoints serve different models: ${ref.label} serves "${id}" but ${other.label} serves ${ids}; every endpoint of a model must serve the same model (start each with the same --served-model-name)`,
  );
}
