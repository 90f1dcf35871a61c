/**
 * The layer rules of src/ and benchmarks/, as data: docs/architecture.md shows the table that
 * `renderLayerTable` makes of them (a test keeps the two equal), and layers.test.ts checks every
 * import against them. To change a rule, change it here and paste the new table into the doc.
 */

export interface Layer {
  readonly name: string;
  /** Repo-relative folders whose files are this layer; the longest match wins (judge/ inside extract/). */
  readonly paths: readonly string[];
  /** What lives there, one line for the doc. */
  readonly holds: string;
  /** The layers its files may import, every one of them earlier in LAYERS. Its own files always. */
  readonly mayImport: readonly string[];
}

const CORE_TO_SHARD = [
  'core', 'workdir', 'store', 'request', 'extract', 'benchmark', 'prompt', 'data', 'score', 'benchmarks',
  'config', 'endpoint', 'serve', 'judge', 'compare', 'report', 'shard',
] as const;

/** Bottom first: a layer only ever imports layers above it in this list. */
export const LAYERS: readonly Layer[] = [
  { name: 'core', paths: ['src/core/'], holds: 'domain types, errors and exit codes, hashes (`sha256`, `stableJson`), the `Secrets` registry class, process liveness', mayImport: [] },
  { name: 'workdir', paths: ['src/workdir/'], holds: 'the work dir as a contract: one zod schema, path, reader and writer per file a run writes; the one scanner; the work-dir lock', mayImport: ['core'] },
  { name: 'store', paths: ['src/store/'], holds: 'the prediction store: resume (what is answered) and appends that survive kill -9', mayImport: ['core', 'workdir'] },
  { name: 'request', paths: ['src/request/'], holds: 'a `Sample` becomes an OpenAI chat request; its prompt hash is the resume key', mayImport: ['core'] },
  { name: 'extract', paths: ['src/extract/'], holds: 'extraction steps and the named pipelines built of them (rules only; the judge is its own layer)', mayImport: ['core'] },
  { name: 'benchmark', paths: ['src/benchmark/'], holds: 'what a benchmark declares (`Benchmark`, protocols, metric specs) and row helpers its modules share', mayImport: ['core', 'extract'] },
  { name: 'prompt', paths: ['src/prompt/'], holds: 'model-side prompt builders (VLMEvalKit\'s Qwen2-VL mixin) and which one a (model class, dataset) uses', mayImport: ['core', 'extract'] },
  { name: 'data', paths: ['src/data/'], holds: 'streaming TSV and Parquet readers, images, locating and downloading data files', mayImport: ['core', 'store', 'benchmark'] },
  { name: 'score', paths: ['src/score/'], holds: 'metric kinds, grouping and statistics: pure functions over scored items (their types are the work dir\'s), seeded', mayImport: ['core', 'workdir', 'extract', 'benchmark'] },
  { name: 'benchmarks', paths: ['benchmarks/'], holds: 'one module per benchmark composing extraction steps and metric kinds, the registry, the paper columns', mayImport: ['core', 'extract', 'benchmark', 'data', 'score'] },
  { name: 'config', paths: ['src/config/'], holds: 'the config: zod schema, env refs, model classes, datasets resolved against the registry, `"serve"` specs', mayImport: ['core', 'extract', 'benchmark', 'prompt', 'data', 'benchmarks'] },
  { name: 'endpoint', paths: ['src/endpoint/'], holds: 'HTTP client, retry policy, endpoint pool, discovery; knows nothing of benchmarks or answers', mayImport: ['core', 'request'] },
  { name: 'serve', paths: ['src/serve/'], holds: 'starts, watches and stops a model\'s server process (vLLM); its log, masked', mayImport: ['core', 'config'] },
  { name: 'judge', paths: ['src/extract/judge/'], holds: 'the LLM judge: prompt, reply parsing, verdict cache, session', mayImport: ['core', 'workdir', 'store', 'request', 'extract', 'config', 'endpoint'] },
  { name: 'compare', paths: ['src/compare/'], holds: 'paired comparison of checkpoints (bootstrap, McNemar, Newcombe), the CI gate', mayImport: ['core', 'workdir', 'store', 'extract', 'benchmark', 'score', 'benchmarks'] },
  { name: 'report', paths: ['src/report/'], holds: 'summaries, terminal tables, CSV, `leaderboard.csv` (written here), boards, the HTML report', mayImport: ['core', 'workdir', 'store', 'extract', 'benchmark', 'data', 'score', 'benchmarks', 'judge', 'compare'] },
  { name: 'shard', paths: ['src/shard/'], holds: '`--shard i/N` assignment and header checks; merging shard work dirs', mayImport: ['core', 'workdir', 'store', 'extract', 'benchmark', 'data', 'score', 'benchmarks', 'config', 'judge', 'report'] },
  { name: 'run', paths: ['src/run/'], holds: 'the main job: serve, infer, evaluate each (model, dataset); the progress bar', mayImport: CORE_TO_SHARD },
  { name: 'mock', paths: ['src/mock/'], holds: 'the built-in OpenAI-compatible mock server, a product of its own: faults, simulated checkpoints', mayImport: CORE_TO_SHARD },
  { name: 'cli', paths: ['src/cli/'], holds: 'one file per command; creates the process\'s `Secrets` and wires the mock', mayImport: [...CORE_TO_SHARD, 'run', 'mock'] },
];

/**
 * Rules stated on their own, checked beside the table (they follow from it, but each names a
 * mistake worth its own message). Paths are prefixes; `except` lists importers the rule spares.
 */
export interface NamedRule {
  readonly rule: string;
  readonly from: readonly string[];
  readonly except?: readonly string[];
  readonly to: readonly string[];
}

export const NAMED_RULES: readonly NamedRule[] = [
  { rule: 'nothing imports src/cli/', from: ['src/', 'benchmarks/'], except: ['src/cli/'], to: ['src/cli/'] },
  { rule: 'report/, compare/ and shard/ never import run/', from: ['src/report/', 'src/compare/', 'src/shard/'], to: ['src/run/'] },
  { rule: 'endpoint/ never imports extract/', from: ['src/endpoint/'], to: ['src/extract/'] },
  {
    rule: 'only cli/ imports the mock server (the run loop does not feed it)',
    from: ['src/', 'benchmarks/'],
    except: ['src/cli/', 'src/mock/'],
    to: ['src/mock/'],
  },
];

/**
 * Imports that break a rule today and that another engineer's change removes (issue 12). The
 * test tolerates each one and fails when it is gone, so that a fixed entry is deleted here: the
 * list must end empty. Keyed by importing file and the import as written.
 */
export interface KnownViolation {
  readonly file: string;
  readonly import: string;
  /** The issue-12 part that removes it. */
  readonly owner: 'workdir' | 'mock' | 'judge';
  readonly why: string;
}

export const KNOWN_VIOLATIONS: readonly KnownViolation[] = [
];

/** Import cycles between files that another engineer's change removes; each is one cycle's files, sorted. */
export interface KnownFileCycle {
  readonly files: readonly string[];
  readonly owner: 'workdir' | 'mock' | 'judge';
  readonly why: string;
}

export const KNOWN_FILE_CYCLES: readonly KnownFileCycle[] = [];

/** The Markdown table docs/architecture.md shows between its `layers` markers. */
export function renderLayerTable(layers: readonly Layer[] = LAYERS): string {
  const rows = layers.map((l, i) => {
    const folders = l.paths.map((p) => `\`${p}\``).join(', ');
    return `| ${i + 1} | **${l.name}** | ${folders} | ${l.holds} | ${mayImportText(l, layers)} |`;
  });
  return ['| # | Layer | Folder | Holds | May import |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** A list that is exactly rows 1..k reads as such ("1–16: core … shard"), so the top rows stay short. */
function mayImportText(layer: Layer, layers: readonly Layer[]): string {
  if (layer.mayImport.length === 0) return '—';
  const k = layer.mayImport.length;
  const firstK = layers.slice(0, k).map((l) => l.name);
  const isPrefix = k > 2 && firstK.every((name) => layer.mayImport.includes(name));
  return isPrefix ? `every layer of rows 1–${k} (${firstK[0] ?? ''} … ${firstK[k - 1] ?? ''})` : layer.mayImport.join(', ');
}
