import { GENERIC_PIPELINES } from '../extract/pipelines.js';
import type { Pipeline } from '../extract/types.js';
import type { MetricSpec, Protocol, ProtocolRole } from './types.js';

/** Reading a protocol's roles, so shared code never tests a protocol's name or position. */

export function hasRole(protocol: Pick<Protocol, 'roles'>, role: ProtocolRole): boolean {
  return protocol.roles.includes(role);
}

/** The protocol with the `primary` role (benchmark modules declare exactly one: checkProtocols). */
export function primaryProtocol<P extends Pick<Protocol, 'roles' | 'name'>>(protocols: readonly P[]): P {
  const found = protocols.find((p) => hasRole(p, 'primary'));
  if (found === undefined) throw new Error(`no primary protocol among ${protocols.map((p) => p.name).join(', ')}`);
  return found;
}

/** The protocol reproducing a peer harness's scoring, when the benchmark declares one. */
export function twinOf<P extends Pick<Protocol, 'roles'>>(protocols: readonly P[], harness: 'vlmevalkit' | 'lmms-eval'): P | undefined {
  return protocols.find((p) => hasRole(p, `twin:${harness}`));
}

/**
 * The benchmark's protocols plus, when the user names another pipeline (`"extract"`), the primary
 * protocol again under `<primary>:<pipeline>` with that pipeline's extraction. It keeps the
 * primary's grouping, metrics and judge role, but is not primary itself.
 */
export function withUserPipeline(protocols: readonly Protocol[], pipeline: Pipeline | undefined): readonly Protocol[] {
  const primary = primaryProtocol(protocols);
  if (pipeline === undefined || pipeline === primary.extract) return protocols;
  const roles = primary.roles.filter((r) => r === 'judge');
  return [...protocols, { ...primary, name: `${primary.name}:${pipeline.name}`, roles, extract: pipeline }];
}

/** A benchmark's protocol list is well formed: unique names, exactly one primary, twins never judged. */
export function protocolProblems(protocols: readonly Protocol[]): string[] {
  const problems: string[] = [];
  const names = protocols.map((p) => p.name);
  const dup = names.filter((n, i) => names.indexOf(n) !== i);
  if (dup.length > 0) problems.push(`protocol names repeat: ${[...new Set(dup)].join(', ')}`);
  const primaries = protocols.filter((p) => hasRole(p, 'primary')).length;
  if (primaries !== 1) problems.push(`expected exactly one primary protocol, found ${primaries}`);
  for (const p of protocols) {
    if (p.roles.some((r) => r.startsWith('twin:')) && hasRole(p, 'judge')) problems.push(`${p.name}: a peer's twin is never judged`);
    if (!p.metrics.some((m) => namedBy(m).includes(p.headline)) && !p.metrics.some((m) => m.kind === 'per-value')) {
      problems.push(`${p.name}: headline metric '${p.headline}' is not among its metrics`);
    }
  }
  return problems;
}

/**
 * Our own best-effort reading (the `robust` pipeline) scored as `official` is: same grouping,
 * metrics and table, but never primary and never judged, so it is reported beside the authors'
 * number and never in its place. For benchmarks whose answers are option letters.
 */
export function robustBeside(official: Protocol): Protocol {
  // Our own reading, never judged: the authors' judge prompt (if any) does not come along.
  const { judgePrompt, ...rest } = official;
  void judgePrompt;
  return { ...rest, name: 'robust', roles: [], extract: GENERIC_PIPELINES.robust };
}

/** A benchmark's protocols with `robust` beside its primary one, appended last. */
export function withRobust(protocols: readonly Protocol[]): readonly Protocol[] {
  return [...protocols, robustBeside(primaryProtocol(protocols))];
}

/** The metric names a spec declares itself (a per-value spec's come from the data). */
function namedBy(spec: MetricSpec): readonly string[] {
  if (spec.kind === 'precision-recall-f1') return [spec.precision, spec.recall, spec.f1];
  return 'name' in spec ? [spec.name] : [];
}
