/**
 * The import graph of src/ and benchmarks/, read with the TypeScript parser (not a regex, so an
 * import in a comment or a string is not one): static `import … from`, `export … from`, bare
 * `import '…'`, dynamic `import('…')` and type-position `import('…')`. Relative specifiers are
 * resolved to repo-relative files; packages and node: builtins are left out.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';

export interface ImportLine {
  /** Repo-relative importing file. */
  readonly file: string;
  readonly line: number;
  /** The specifier as written. */
  readonly specifier: string;
  /** Repo-relative file it resolves to; undefined when it resolves to nothing. */
  readonly target: string | undefined;
}

export interface Unreadable {
  readonly file: string;
  readonly line: number;
  readonly why: string;
}

export interface ImportGraph {
  readonly files: readonly string[];
  readonly imports: readonly ImportLine[];
  /** Dynamic imports whose path is computed: they cannot be checked, so they are refused. */
  readonly unreadable: readonly Unreadable[];
}

export function sourceFiles(root: string, dirs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(posix.join(root, dir), { withFileTypes: true })) {
      const rel = posix.join(dir, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (entry.name.endsWith('.ts')) out.push(rel);
    }
  };
  for (const dir of dirs) walk(dir);
  return out.sort();
}

export function readImportGraph(root: string, dirs: readonly string[]): ImportGraph {
  const files = sourceFiles(root, dirs);
  const imports: ImportLine[] = [];
  const unreadable: Unreadable[] = [];
  for (const file of files) {
    const source = ts.createSourceFile(file, readFileSync(posix.join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
    const lineOf = (node: ts.Node): number => source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    const found = (node: ts.Node, specifier: string): void => {
      if (specifier.startsWith('.')) imports.push({ file, line: lineOf(node), specifier, target: resolveRelative(root, file, specifier) });
    };
    const visit = (node: ts.Node): void => {
      const specifier = moduleSpecifierOf(node);
      if (specifier !== undefined) found(node, specifier);
      else if (isDynamicImport(node)) {
        const [arg] = node.arguments;
        if (arg !== undefined && ts.isStringLiteralLike(arg)) found(node, arg.text);
        else unreadable.push({ file, line: lineOf(node), why: 'dynamic import with a computed path' });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return { files, imports, unreadable };
}

function moduleSpecifierOf(node: ts.Node): string | undefined {
  if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined && ts.isStringLiteral(node.moduleSpecifier)) {
    return node.moduleSpecifier.text;
  }
  if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) return node.argument.literal.text;
  if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
    return node.moduleReference.expression.text;
  }
  return undefined;
}

function isDynamicImport(node: ts.Node): node is ts.CallExpression {
  return ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword;
}

/** NodeNext specifiers name the emitted `.js`; the source is the `.ts` beside it (or a `.json` as is). */
function resolveRelative(root: string, file: string, specifier: string): string | undefined {
  const joined = posix.normalize(posix.join(posix.dirname(file), specifier));
  const candidates = joined.endsWith('.js') ? [`${joined.slice(0, -3)}.ts`, joined] : [joined, `${joined}.ts`];
  return candidates.find((c) => !c.startsWith('..') && existsSync(posix.join(root, c)));
}

/** Strongly connected components with more than one node: each is a set of nodes in a cycle. */
export function cycles(nodes: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const connect = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
      }
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    let w: string | undefined;
    do {
      w = stack.pop();
      if (w === undefined) break;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1) found.push(component.sort());
  };
  for (const v of nodes) if (!index.has(v)) connect(v);
  return found.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
}

/** One concrete loop through a component, for the message: a → b → … → a. */
export function loopThrough(component: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const inside = new Set(component);
  const start = component[0] ?? '';
  const path = [start];
  const seen = new Set([start]);
  const extend = (at: string): boolean => {
    for (const w of edges.get(at) ?? []) {
      if (w === start) return true;
      if (!inside.has(w) || seen.has(w)) continue;
      seen.add(w);
      path.push(w);
      if (extend(w)) return true;
      path.pop();
    }
    return false;
  };
  extend(start);
  return [...path, start];
}
