/**
 * The layer rules of docs/architecture.md hold: every import of src/ and benchmarks/ is read and
 * held against the table in rules.ts. The imports that still break a rule while other parts of
 * issue 12 land are listed there by owner; an entry that no longer happens fails too.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe as suite, expect, it } from 'vitest';
import { describe, fileEdges, layerEdges, layerOf, violations, type Violation } from './check.js';
import { cycles, loopThrough, readImportGraph } from './imports.js';
import { KNOWN_FILE_CYCLES, KNOWN_VIOLATIONS, LAYERS, NAMED_RULES, renderLayerTable, type Layer, type NamedRule } from './rules.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const graph = readImportGraph(ROOT, ['src', 'benchmarks']);
const found = violations(graph, LAYERS, NAMED_RULES);
const key = (file: string, specifier: string): string => `${file} imports '${specifier}'`;
const known = new Set(KNOWN_VIOLATIONS.map((k) => key(k.file, k.import)));
const isKnown = (v: Violation): boolean => known.has(key(v.file, v.specifier));

suite('layer rules (docs/architecture.md)', () => {
  it('reads the imports of every file in src/ and benchmarks/', () => {
    expect(graph.files.length).toBeGreaterThan(150);
    expect(graph.imports.length).toBeGreaterThan(500);
    expect(graph.unreadable.map((u) => `${u.file}:${u.line}: ${u.why}`)).toEqual([]);
  });

  it('puts every file in a layer', () => {
    const homeless = graph.files.filter((f) => layerOf(f, LAYERS) === undefined);
    expect(homeless, 'add its folder to a layer in test/architecture/rules.ts and the table in docs/architecture.md').toEqual([]);
  });

  it('lists layers bottom first: each may import only layers before it', () => {
    const seen = new Set<string>();
    const wrong: string[] = [];
    for (const layer of LAYERS) {
      for (const name of layer.mayImport) if (!seen.has(name)) wrong.push(`${layer.name} may import ${name}, which is not listed before it`);
      seen.add(layer.name);
    }
    expect(wrong).toEqual([]);
    expect(seen.size).toBe(LAYERS.length);
  });

  it('every import follows the table and the named rules (known violations aside)', () => {
    expect(found.filter((v) => !isKnown(v)).map(describe)).toEqual([]);
  });

  it('every known violation still happens: delete the entries the other parts of issue 12 fixed', () => {
    const happening = new Set(found.map((v) => key(v.file, v.specifier)));
    const stale = KNOWN_VIOLATIONS.filter((k) => !happening.has(key(k.file, k.import)));
    expect(stale.map((k) => `${key(k.file, k.import)} (${k.owner}: ${k.why}) no longer breaks a rule`)).toEqual([]);
  });

  it('no import cycle between layers', () => {
    const edges = layerEdges(graph.imports.filter((i) => !known.has(key(i.file, i.specifier))), LAYERS);
    const loops = cycles(LAYERS.map((l) => l.name), edges).map((c) => loopThrough(c, edges).join(' → '));
    expect(loops).toEqual([]);
  });

  it('no import cycle between files (known ones aside), and every known one still there', () => {
    const edges = fileEdges(graph.imports);
    const loops = cycles(graph.files, edges);
    const knownLoops = new Set(KNOWN_FILE_CYCLES.map((c) => [...c.files].sort().join(' ')));
    const fresh = loops.filter((c) => !knownLoops.has(c.join(' '))).map((c) => loopThrough(c, edges).join(' → '));
    expect(fresh).toEqual([]);
    const present = new Set(loops.map((c) => c.join(' ')));
    expect(KNOWN_FILE_CYCLES.filter((c) => !present.has([...c.files].sort().join(' '))).map((c) => `${c.files.join(' ↔ ')} (${c.owner}) is gone`)).toEqual([]);
  });

  it('docs/architecture.md shows this table of layers', async () => {
    const doc = await readFile(join(ROOT, 'docs', 'architecture.md'), 'utf8');
    const table = /<!-- layers:begin -->\n([\s\S]*?)\n<!-- layers:end -->/.exec(doc)?.[1];
    expect(table, 'paste renderLayerTable() from test/architecture/rules.ts between the layers markers').toBe(renderLayerTable());
  });
});

suite('the import reader and checker, on a small tree of real files', () => {
  const layers: Layer[] = [
    { name: 'low', paths: ['src/low/'], holds: '', mayImport: [] },
    { name: 'high', paths: ['src/high/'], holds: '', mayImport: ['low'] },
  ];
  const rules: NamedRule[] = [{ rule: 'nothing imports high/', from: ['src/'], except: ['src/high/'], to: ['src/high/'] }];
  const tree: Record<string, string> = {
    'src/high/b.ts': "import { a } from '../low/a.js';\nimport '../low/side.js';\nexport interface B { readonly a: typeof a }\n",
    'src/high/d.ts': "export { t } from '../../test/t.js';\n",
    'src/low/a.ts': "// import { b } from '../high/b.js';\nexport const a = \"import('../high/b.js')\";\nexport type {\n  B,\n} from '../high/b.js';\n",
    'src/low/c.ts': "export async function f(): Promise<unknown> {\n  return import('../high/b.js');\n}\nexport type T = import('../high/b.js').B;\n",
    'src/low/e.ts': "import { f } from './f.js';\nexport const e = f;\n",
    'src/low/f.ts': "import type { e } from './e.js';\nexport const f = 1 as unknown as typeof e;\n",
    'src/low/g.ts': "const name = './e.js';\nexport const g = import(name);\n",
    'src/low/side.ts': 'export {};\n',
    'test/t.ts': 'export const t = 1;\n',
  };

  it('finds static, export-from, dynamic and type-position imports, not comments or strings; names file, line, import and rule', async () => {
    const root = await mkdtemp(join(tmpdir(), 'actial-layers-'));
    try {
      for (const [file, text] of Object.entries(tree)) {
        await mkdir(dirname(join(root, file)), { recursive: true });
        await writeFile(join(root, file), text);
      }
      const g = readImportGraph(root, ['src']);
      expect(g.unreadable).toEqual([{ file: 'src/low/g.ts', line: 2, why: 'dynamic import with a computed path' }]);
      expect(violations(g, layers, rules).map(describe).sort()).toEqual([
        `src/high/d.ts:1 imports '../../test/t.js' (test/t.ts): breaks "src/ and benchmarks/ import only layered code (never bench/, test/, scripts/)"`,
        `src/low/a.ts:3 imports '../high/b.js' (src/high/b.ts): breaks "layer low may import nothing of ours; not high"`,
        `src/low/a.ts:3 imports '../high/b.js' (src/high/b.ts): breaks "nothing imports high/"`,
        `src/low/c.ts:2 imports '../high/b.js' (src/high/b.ts): breaks "layer low may import nothing of ours; not high"`,
        `src/low/c.ts:2 imports '../high/b.js' (src/high/b.ts): breaks "nothing imports high/"`,
        `src/low/c.ts:4 imports '../high/b.js' (src/high/b.ts): breaks "layer low may import nothing of ours; not high"`,
        `src/low/c.ts:4 imports '../high/b.js' (src/high/b.ts): breaks "nothing imports high/"`,
      ]);
      const files = fileEdges(g.imports);
      expect(cycles(g.files, files).map((c) => loopThrough(c, files))).toEqual([
        ['src/high/b.ts', 'src/low/a.ts', 'src/high/b.ts'],
        ['src/low/e.ts', 'src/low/f.ts', 'src/low/e.ts'],
      ]);
      const between = layerEdges(g.imports, layers);
      expect(cycles(layers.map((l) => l.name), between)).toEqual([['high', 'low']]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
