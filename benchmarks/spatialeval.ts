import { basename } from 'node:path';
import type { Benchmark, MetricSpec, Protocol, Scorer } from '../src/benchmark/types.js';
import type { Choice, DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import { OPTION_LETTERS, requireCell, vlmevalkitMcqSample } from '../src/benchmark/mcq.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { SPATIALEVAL_FIELDS as F, SPATIALEVAL_TASKS, spatialEvalCredit, spatialEvalRoute, spatialEvalSteps } from '../src/extract/spatialeval.js';
import type { Pipeline } from '../src/extract/types.js';

/**
 * SpatialEval (Wang et al., "Is A Picture Worth A Thousand Words?", NeurIPS 2024): Spatial-Map,
 * Maze-Nav, Spatial-Grid and Spatial-Real, each as text only (tqa), image only (vqa) and image +
 * text (vtqa). Two file forms:
 *
 * - The authors' HuggingFace Parquet (MilaWang/SpatialEval, configs tqa/vqa/vtqa, split test),
 *   scored as jiayuww/SpatialEval@d82ba382 does: inference_vlm.py's prompt (with --w_reason, the
 *   README's recommendation and the only outputs evals/evaluation.py reads; `_bare` names send the
 *   text alone), the per-task regex extraction and the substring test of evaluation.py, accuracy
 *   over all lines per (task, modality). Spatial-Real has no rule there (the authors judged it
 *   with GPT-4o): its answers go to the configured LLM judge, or stay undecided (counted) without one.
 * - VLMEvalKit's `SpatialEval` TSV (an ImageMCQDataset URL/md5 entry, what Actial's config runs):
 *   the generic MCQ prompt and VLMEvalKit's exact matching, report_acc by split/category.
 */

const W_REASON = '\nFirst, provide a concise answer in one sentence. Then, elaborate on the reasoning behind your answer in a detailed, step-by-step explanation.';

const MODALITIES = ['tqa', 'vqa', 'vtqa'] as const;
type Modality = (typeof MODALITIES)[number];
const MODALITY = 'modality';
const CELL = 'cell';

// ------------------------------------------------------------------------- Parquet rows

/**
 * Which config a file is: its folder on the Hub (`vqa/test-00000-of-00002.parquet`), else its
 * name; a file with no `image` column can only be tqa. vqa and vtqa have the same columns, so a
 * file that says neither is refused rather than guessed.
 */
function modalityOf(row: DataRow): Modality {
  const fromFolder = /(?:^|[\\/])(tqa|vqa|vtqa)[\\/][^\\/]*$/.exec(row.file)?.[1];
  const fromName = /(?:^|[^a-z])(vtqa|vqa|tqa)(?![a-z])/i.exec(basename(row.file))?.[1]?.toLowerCase();
  const found = MODALITIES.find((m) => m === (fromFolder ?? fromName));
  if (found !== undefined) return found;
  if (!row.columns.includes('image')) return 'tqa';
  throw new DataError(row.file, { row: row.rowNumber }, 'cannot tell the vqa config from the vtqa one (same columns): keep the Hub layout <config>/test-*.parquet, or name the file for its config');
}

/**
 * The gold option letter: `oracle_option` when it is one ("B", "(B)", "B."), else the letter
 * `oracle_full_answer` starts with ("B. Northeast"); undefined when neither says.
 */
function goldLetter(row: DataRow): string | undefined {
  return /^\s*\(?([A-Z])\)?\.?\s*$/.exec(row.get('oracle_option') ?? '')?.[1] ?? /^\s*\(?([A-Z])\)?[.:)]\s/.exec(row.get('oracle_full_answer') ?? '')?.[1];
}

/**
 * The options written into `text` ("Available options: A. 5, B. 6, C. 4, D. 0", or one "A. …"
 * per line), lettered A, B, … in order. Only the judge and the mock read them; when they cannot be
 * read, or do not include the gold letter, the row has none (a Spatial-Real answer then stays
 * undecided and is counted as such).
 */
export function spatialEvalOptions(text: string, gold: string | undefined): Choice[] {
  const marker = text.toLowerCase().lastIndexOf('available options:');
  const inline = marker < 0 ? [] : inlineOptions((text.slice(marker + 'available options:'.length).split('\n')[0] ?? '').trim());
  const choices = inline.length >= 2 ? inline : lineOptions(text);
  return choices.length >= 2 && choices.some((c) => c.letter === gold) ? choices : [];
}

function inlineOptions(line: string): Choice[] {
  const choices: Choice[] = [];
  let rest = line;
  for (const letter of OPTION_LETTERS) {
    if (!rest.startsWith(`${letter}. `)) break;
    const next = OPTION_LETTERS[choices.length + 1];
    const end = next === undefined ? -1 : rest.indexOf(`, ${next}. `);
    choices.push({ letter, text: (end < 0 ? rest : rest.slice(0, end)).slice(3).trim() });
    if (end < 0) break;
    rest = rest.slice(end + 2);
  }
  return choices;
}

function lineOptions(text: string): Choice[] {
  const choices: Choice[] = [];
  for (const m of text.matchAll(/^[ \t]*([A-Z])[.)][ \t]+(\S[^\n]*?)[ \t]*$/gm)) {
    const letter = OPTION_LETTERS[choices.length];
    if (letter === undefined || m[1] !== letter) continue;
    choices.push({ letter, text: m[2] ?? '' });
  }
  return choices;
}

interface PromptVariant {
  readonly id: string;
  /** Appended to a dataset name (`SpatialEval_vqa` + suffix). */
  readonly suffix: string;
  readonly what: string;
  readonly prompt: (text: string) => string;
}

const VARIANTS: readonly PromptVariant[] = [
  { id: 'spatialeval-hf', suffix: '', what: 'w_reason prompt', prompt: (text) => `${text}${W_REASON}` },
  { id: 'spatialeval-hf-bare', suffix: '_bare', what: 'bare prompt: the text alone', prompt: (text) => text },
];

function parquetSample(variant: PromptVariant): (row: DataRow) => Promise<Sample> {
  return async (row) => {
    const id = requireCell(row, 'id');
    const route = spatialEvalRoute(id);
    if (typeof route === 'string') throw new DataError(row.file, { row: row.rowNumber, column: 'id' }, `id '${id}': ${route}`);
    const text = requireCell(row, 'text');
    const oracle = requireCell(row, 'oracle_answer');
    const letter = goldLetter(row);
    if (letter === undefined && route.task === 'spatialreal') {
      throw new DataError(row.file, { row: row.rowNumber, column: 'oracle_option' }, `expected the gold option letter (A, B, …), found '${row.get('oracle_option') ?? ''}' (and no "X. …" oracle_full_answer): Spatial-Real is judged by option`);
    }
    const modality = modalityOf(row);
    // inference_vlm.py sends no image in tqa mode, one (item['image']) otherwise, before the text.
    const images = modality === 'tqa' ? [] : await row.images();
    if (modality !== 'tqa' && images.length === 0) throw new DataError(row.file, { row: row.rowNumber, column: 'image' }, `expected an image: every ${modality} question shows one`);
    const parts: PromptPart[] = images.map((image) => ({ kind: 'image', image }));
    parts.push({ kind: 'text', text: variant.prompt(text) });
    const fields = { [F.task]: route.task, [F.questionId]: String(route.qid), [MODALITY]: modality, [CELL]: `${route.task}/${modality}`, [F.oracleAnswer]: oracle };
    // The three configs share ids: the modality keeps them apart in SpatialEval_all.
    return { index: `${modality}/${id}`, parts, choices: spatialEvalOptions(text, letter), answer: letter ?? oracle, fields };
  };
}

// ------------------------------------------------------------------------- protocols

/** evaluate_model_accuracy's `int(ref in model_answer)`; an undecided (Spatial-Real) answer earns 0. */
const SUBSTRING: Scorer = {
  name: 'spatialeval-substring',
  credit: (extracted, _answer, fields) => {
    const oracle = fields[F.oracleAnswer];
    return extracted === null || oracle === undefined ? 0 : spatialEvalCredit(extracted, oracle);
  },
};

const officialRule = (name: string, modelName: string): Pipeline => ({ name, kind: 'text', narrowers: [], steps: spatialEvalSteps(modelName, name) });

/** As the script runs for an open model's outputs: no model-specific patterns. */
export const SPATIALEVAL_RULE = officialRule('spatialeval', '');
/**
 * The script's extra patterns for the outputs it names `claude…`, `geminiv…`, `gpt4o…`: a config's
 * `"extract"` may pick one to score such a model as the authors did.
 */
const MODEL_RULES = ['claude', 'geminiv', 'gpt4o'].map((model) => officialRule(`spatialeval@${model}`, model));

const OFFICIAL_METRICS: readonly MetricSpec[] = [
  { kind: 'accuracy', name: 'Overall' },
  { kind: 'per-value', field: F.task, values: SPATIALEVAL_TASKS },
  { kind: 'per-value', field: MODALITY },
  { kind: 'per-value', field: CELL },
];

const OFFICIAL: Protocol = {
  name: 'official',
  roles: ['primary', 'judge'],
  extract: SPATIALEVAL_RULE,
  scorer: SUBSTRING,
  grouping: { kind: 'row' },
  metrics: OFFICIAL_METRICS,
  headline: 'Overall',
  // The paper's tables: a row per modality, a column per task.
  table: { breakdowns: [F.task], splitField: MODALITY },
};

// ------------------------------------------------------------------------- the HF dataset names

const HF_REPO = 'MilaWang/SpatialEval';
/** The commit whose files were checked (tree pages at 7871fd4; later commits change only the README). */
const HF_REVISION = '7871fd429c215429104f317d101fb1c5fc2e2874';
const SHARDS: Readonly<Record<Modality, readonly string[]>> = {
  tqa: ['tqa/test-00000-of-00001.parquet'],
  vqa: ['vqa/test-00000-of-00002.parquet', 'vqa/test-00001-of-00002.parquet'],
  vtqa: ['vtqa/test-00000-of-00002.parquet', 'vtqa/test-00001-of-00002.parquet'],
};
const filesOf = (modes: string): RegExp => new RegExp(`(^|/)(${modes})/test-[^/]*\\.parquet$`);
const ALL_FILES = filesOf(MODALITIES.join('|'));

/** `SpatialEval_<tqa|vqa|vtqa|all>` + the variant's suffix → its files and downloads. */
function hfNames(variant: PromptVariant): { datasets: Record<string, RegExp>; downloads: Record<string, readonly string[]> } {
  const datasets: Record<string, RegExp> = {};
  const downloads: Record<string, readonly string[]> = {};
  for (const m of MODALITIES) {
    datasets[`SpatialEval_${m}${variant.suffix}`] = filesOf(m);
    downloads[`SpatialEval_${m}${variant.suffix}`] = SHARDS[m];
  }
  datasets[`SpatialEval_all${variant.suffix}`] = ALL_FILES;
  downloads[`SpatialEval_all${variant.suffix}`] = MODALITIES.flatMap((m) => SHARDS[m]);
  return { datasets, downloads };
}

function hfBenchmark(variant: PromptVariant, first: boolean): Benchmark {
  const { datasets, downloads } = hfNames(variant);
  return {
    id: variant.id,
    title: `SpatialEval, the authors' Parquet (official scoring, ${variant.what})`,
    dataClasses: first ? ['SpatialEval'] : [],
    datasetNames: Object.keys(datasets),
    fileForms: [`Parquet (${HF_REPO}): tqa/, vqa/, vtqa/test-*.parquet`],
    parquet: { toSample: parquetSample(variant), imageColumns: ['image'], requiredColumns: ['id', 'text', 'oracle_answer', 'oracle_option'], files: ALL_FILES },
    hf: { repo: HF_REPO, revision: HF_REVISION, datasets, downloads },
    protocols: [OFFICIAL],
    pipelines: MODEL_RULES,
  };
}

// ------------------------------------------------------------------------- the VLMEvalKit TSV

const TSV_METRICS: readonly MetricSpec[] = [
  { kind: 'accuracy', name: 'Overall' },
  { kind: 'per-value', field: 'l2-category' },
  { kind: 'per-value', field: 'category' },
];
const TSV_TABLE = { breakdowns: ['l2-category', 'category'], splitField: 'split' };
const tsvProtocol = (name: string, roles: Protocol['roles'], extract: Pipeline): Protocol => ({ name, roles, extract, grouping: { kind: 'row' }, metrics: TSV_METRICS, headline: 'Overall', table: TSV_TABLE });

/**
 * VLMEvalKit registers `SpatialEval` as a plain ImageMCQDataset (no prompt or scorer of its own),
 * so its number is generic exact matching; `best-effort` reads <answer>/<think> replies and asks
 * the judge where the rules fail. The TSV's columns are not documented: any MCQ TSV in VLMEvalKit's
 * schema is read, and a row without options or a letter answer is refused.
 */
export const spatialEvalTsv: Benchmark = {
  id: 'spatialeval',
  title: 'SpatialEval, VLMEvalKit TSV (generic MCQ)',
  dataClasses: [],
  datasetNames: ['SpatialEval'],
  fileForms: ['VLMEvalKit TSV: $LMUData/SpatialEval.tsv'],
  tsv: { toSample: (row) => vlmevalkitMcqSample(row, { fields: ['split', 'category', 'l2-category'] }) },
  tsvUrl: () => 'https://opencompass.openxlab.space/utils/VLMEval/SpatialEval.tsv',
  // ImageMCQDataset.DATASET_MD5 (the same in Actial's bundle and VLMEvalKit@e8e78f05).
  tsvMd5: { SpatialEval: '4c8eb33142b26be2916fb9164287b72b' },
  protocols: [tsvProtocol('vlmevalkit', ['primary', 'twin:vlmevalkit'], GENERIC_PIPELINES.vlmevalkit), tsvProtocol('best-effort', ['judge'], GENERIC_PIPELINES.robust), tsvProtocol('robust', [], GENERIC_PIPELINES.robust)],
};

export const SPATIALEVAL: readonly Benchmark[] = [spatialEvalTsv, ...VARIANTS.map((v, i) => hfBenchmark(v, i === 0))];
