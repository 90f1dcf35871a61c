/** Every import of a graph held against a layer table and named rules (rules.ts). */
import type { ImportGraph, ImportLine } from './imports.js';
import type { Layer, NamedRule } from './rules.js';

export interface Violation {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly target: string | undefined;
  /** The rule it breaks, in words. */
  readonly rule: string;
}

export function layerOf(file: string, layers: readonly Layer[]): Layer | undefined {
  let best: Layer | undefined;
  let length = 0;
  for (const layer of layers) {
    for (const path of layer.paths) {
      if (file.startsWith(path) && path.length > length) {
        best = layer;
        length = path.length;
      }
    }
  }
  return best;
}

const under = (file: string, prefixes: readonly string[]): boolean => prefixes.some((p) => file.startsWith(p));

function layerRule(from: Layer, to: Layer): string {
  const may = from.mayImport.length === 0 ? 'nothing of ours' : from.mayImport.join(', ');
  return `layer ${from.name} may import ${may}; not ${to.name}`;
}

function importViolations(imp: ImportLine, layers: readonly Layer[], rules: readonly NamedRule[]): string[] {
  if (imp.target === undefined) return ['an import resolves to a file of the repo'];
  const from = layerOf(imp.file, layers);
  const to = layerOf(imp.target, layers);
  const broken: string[] = [];
  if (to === undefined) broken.push('src/ and benchmarks/ import only layered code (never bench/, test/, scripts/)');
  else if (from !== undefined && from !== to && !from.mayImport.includes(to.name)) broken.push(layerRule(from, to));
  for (const r of rules) {
    if (under(imp.file, r.from) && !under(imp.file, r.except ?? []) && under(imp.target, r.to)) broken.push(r.rule);
  }
  return broken;
}

export function violations(graph: ImportGraph, layers: readonly Layer[], rules: readonly NamedRule[]): Violation[] {
  return graph.imports.flatMap((imp) => importViolations(imp, layers, rules).map((rule) => ({ ...imp, rule })));
}

export function describe(v: Violation): string {
  return `${v.file}:${v.line} imports '${v.specifier}' (${v.target ?? 'no such file'}): breaks "${v.rule}"`;
}

/** Layer-to-layer edges (a layer's imports of itself left out). */
export function layerEdges(imports: readonly ImportLine[], layers: readonly Layer[]): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const imp of imports) {
    const from = layerOf(imp.file, layers);
    const to = imp.target === undefined ? undefined : layerOf(imp.target, layers);
    if (from === undefined || to === undefined || from === to) continue;
    const set = edges.get(from.name) ?? new Set<string>();
    set.add(to.name);
    edges.set(from.name, set);
  }
  return edges;
}

export function fileEdges(imports: readonly ImportLine[]): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const imp of imports) {
    if (imp.target === undefined) continue;
    const set = edges.get(imp.file) ?? new Set<string>();
    set.add(imp.target);
    edges.set(imp.file, set);
  }
  return edges;
}
