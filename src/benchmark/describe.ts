/**
 * One line per protocol saying the rule it applies (extraction, credit, units, headline metric),
 * read from its declaration, for `actial-eval list --protocols` and docs/protocols.md. Nothing here
 * is written by hand per protocol: a declaration that changes changes its line.
 */
import type { Pipeline } from '../extract/types.js';
import type { Benchmark, Grouping, MetricSpec, Protocol } from './types.js';

/** The pipeline's own one-line rule when it has one, else its narrowers and steps in order. */
export function describePipeline(p: Pipeline): string {
  if (p.rule !== undefined) return `${p.name} (${p.rule})`;
  const narrow = p.narrowers.length === 0 ? 'whole reply' : `narrow by ${p.narrowers.map((n) => n.name).join(' | ')}`;
  return `${p.name} (${narrow}; first of ${p.steps.map((s) => s.name).join(', ')})`;
}

export function describeGrouping(g: Grouping): string {
  switch (g.kind) {
    case 'row':
      return 'each row';
    case 'circular-index':
      return 'rows grouped by index mod 1e6, right when all are';
    case 'key':
      return `rows grouped by ${[g.field, ...g.rewrite.map(([re, to]) => `${String(re)}→'${to}'`)].join(' ')}, right when all are`;
  }
}

function where(spec: MetricSpec): string {
  return spec.kind === 'accuracy' && spec.where !== undefined ? ` where ${spec.where.field}=${spec.where.value}` : '';
}

export function describeMetric(spec: MetricSpec): string {
  switch (spec.kind) {
    case 'accuracy':
      return `mean credit over units${where(spec)}`;
    case 'per-value':
      return `mean credit per ${spec.field}`;
    case 'macro':
      return `unweighted mean of the per-${spec.field} accuracies${spec.values === undefined ? ' (values present)' : ` (${spec.values.length} listed)`}`;
    case 'mean':
      return `mean of ${spec.of.join(', ')}`;
    case 'precision-recall-f1':
      return `precision, recall and F1 of '${spec.positive}' (undecided = negative)`;
    case 'chance-adjusted':
      return `(Σ credit − Σ 1/n) / (N − Σ 1/n), n the options, over units${spec.group === undefined ? '' : ` of ${spec.group}`}`;
    case 'formula':
      return spec.rule;
  }
}

function headlineSpec(p: Protocol): MetricSpec | undefined {
  const names = (m: MetricSpec): readonly string[] => (m.kind === 'precision-recall-f1' ? [m.precision, m.recall, m.f1] : 'name' in m ? [m.name] : []);
  return p.metrics.find((m) => names(m).includes(p.headline)) ?? p.metrics.find((m) => m.kind === 'per-value');
}

/** The protocol's rule in one line; `circular` is the benchmark's circularWhenNameMatches. */
export function describeProtocol(p: Protocol, circular?: RegExp): string {
  const spec = headlineSpec(p);
  const headline = spec === undefined ? p.headline : `${p.headline} = ${describeMetric(spec)}`;
  const credit = p.scorer === undefined ? 'exact match with the gold answer' : p.scorer.name;
  const rotations = circular !== undefined && p.grouping.kind === 'row' ? ` (rotations grouped by index mod 1e6, right when all are, for dataset names matching ${String(circular)})` : '';
  return `extract ${describePipeline(p.extract)}; credit ${credit}; units: ${describeGrouping(p.grouping)}${rotations}; ${headline}`;
}

export interface ProtocolLine {
  readonly benchmark: string;
  readonly protocol: string;
  readonly roles: string;
  readonly rule: string;
}

/** Every protocol of every benchmark, in list order. */
export function protocolLines(benchmarks: readonly Benchmark[]): ProtocolLine[] {
  return benchmarks.flatMap((b) =>
    b.protocols.map((p) => ({ benchmark: b.id, protocol: p.name, roles: p.roles.join(', ') || '-', rule: describeProtocol(p, b.circularWhenNameMatches) })),
  );
}

const cell = (s: string): string => s.replaceAll('|', '\\|').replaceAll('\n', ' ');

/** docs/protocols.md: a table of protocolLines, with how to regenerate it. */
export function protocolsDoc(benchmarks: readonly Benchmark[]): string {
  const head = [
    '# Scoring protocols',
    '',
    '<!-- Generated from the benchmark modules by `npm run docs:protocols`; test/benchmark/protocols-doc.test.ts keeps it equal. -->',
    '',
    'Every protocol of every benchmark, as `actial-eval list --protocols` prints it: its roles and the',
    'rule it applies (extraction pipeline, how an extracted answer earns credit, which rows make a scored',
    'unit, and the headline metric). All protocols of a benchmark score the same stored predictions.',
    'A `twin:<harness>` protocol reproduces that harness\'s extraction and aggregation; where the',
    "harness asks with another prompt, its module's comment and docs/reports.md say so.",
    '',
    '| benchmark | protocol | roles | rule |',
    '| --- | --- | --- | --- |',
  ];
  const rows = protocolLines(benchmarks).map((l) => `| ${l.benchmark} | ${l.protocol} | ${l.roles} | ${cell(l.rule)} |`);
  return `${[...head, ...rows].join('\n')}\n`;
}
