import { InputError } from '../../core/errors.js';
import type { ListedModel } from '../response.js';
import { classify } from '../retry.js';
import type { Member } from './member.js';

export interface Discovered {
  readonly id: string;
  /** `owned_by` of the model ('vllm' for vLLM), which decides the vLLM-only settings sent. */
  readonly ownedBy: string;
  /** Endpoints that did not answer: the pool starts them down and re-checks them. */
  readonly unreachable: ReadonlyMap<Member, string>;
}

/**
 * The words of discovery's errors, which say whose endpoints they are and which setting to fix
 * (a model's entry, the judge's flags). Each returns the whole line.
 */
export interface DiscoveryWording {
  /** `refusedKey`: the server answered 401/403. */
  cannotList(baseURL: string, message: string, refusedKey: boolean): string;
  /** `first`: the first endpoint's label and failure. */
  noneAnswers(endpoints: number, first: string): string;
  /** `served`: the first ids the server lists, quoted or not as the wording wants. */
  notServed(baseURL: string, wanted: string | undefined, served: readonly string[]): string;
  mismatch(ref: string, id: string, other: string, served: readonly string[]): string;
}

type Answer = { readonly m: Member; readonly list: ListedModel[] } | { readonly m: Member; readonly err: unknown };

/** discoverServed for a model of the config, its errors naming the model. */
export function discoverModel(members: readonly Member[], modelName: string, wanted: string | undefined): Promise<Discovered> {
  return discoverServed(members, wanted, modelWording(modelName));
}

/**
 * Asks every endpoint's /v1/models at once. The model id is `wanted`, else the first id of the
 * first endpoint that answers (ActialChat's rule); every endpoint that answers must serve it, so
 * one run never mixes two models' answers. A refused key is an error whichever endpoint refuses
 * it; an endpoint that does not answer is only an error when none does.
 */
export async function discoverServed(members: readonly Member[], wanted: string | undefined, words: DiscoveryWording): Promise<Discovered> {
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
    if (isAuthError(a.err) || members.length === 1) throw new InputError(words.cannotList(a.m.target.baseURL, messageOf(a.err), isAuthError(a.err)));
    unreachable.set(a.m, `not reachable at start: ${classify(a.err).message}`);
  }
  const reachable = answers.flatMap((a) => ('list' in a ? [a] : []));
  const first = reachable[0];
  if (first === undefined) {
    const a = answers[0];
    throw new InputError(words.noneAnswers(members.length, a !== undefined && 'err' in a ? `${a.m.label}: ${messageOf(a.err)}` : 'no endpoint'));
  }
  const chosen = wanted === undefined ? first.list[0] : first.list.find((x) => x.id === wanted);
  if (chosen === undefined) throw new InputError(words.notServed(first.m.target.baseURL, wanted, ids(first.list)));
  for (const a of reachable.slice(1)) {
    const serves = wanted === undefined ? a.list[0]?.id === chosen.id : a.list.some((x) => x.id === chosen.id);
    if (!serves) throw new InputError(words.mismatch(first.m.label, chosen.id, a.m.label, ids(a.list)));
  }
  return { id: chosen.id, ownedBy: chosen.owned_by ?? '', unreachable };
}

function ids(list: readonly ListedModel[]): string[] {
  return list.slice(0, 10).map((x) => x.id);
}

function isAuthError(err: unknown): boolean {
  const status = classify(err).status;
  return status === 401 || status === 403;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Errors about a model of the config. */
export function modelWording(modelName: string): DiscoveryWording {
  const model = `model '${modelName}'`;
  return {
    cannotList: (baseURL, message, refusedKey) => {
      const hint = refusedKey
        ? 'the server refused the key: set "key" (or "api_key") in the config or the env variable the class reads (e.g. OPENAI_API_KEY) to the server\'s --api-key'
        : 'is the server running and is api_base right?';
      return `${model}: cannot list models at ${baseURL}/models (${message}); ${hint}`;
    },
    noneAnswers: (endpoints, first) => `${model}: none of its ${endpoints} endpoints answers /v1/models (${first}); are the servers running and are the URLs right?`,
    notServed: (baseURL, wanted, served) =>
      wanted === undefined
        ? `${model}: ${baseURL}/models lists no model`
        : `${model}: the server at ${baseURL} does not serve "${wanted}" (it serves: ${served.join(', ') || 'nothing'}); set "model" to the served name (vllm serve --served-model-name)`,
    mismatch: (ref, id, other, served) =>
      `${model}: its endpoints serve different models: ${ref} serves "${id}" but ${other} serves ${served.map((x) => `"${x}"`).join(', ') || 'nothing'}; every endpoint of a model must serve the same model (start each with the same --served-model-name)`,
  };
}
