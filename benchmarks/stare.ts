import type { Benchmark, FormulaUnit, FormulaValue, MetricSpec, Protocol, Scorer } from '../src/benchmark/types.js';
import type { Choice, DataRow, ImageBytes, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import { requireCell } from '../src/benchmark/mcq.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { pyStrip } from '../src/extract/python.js';
import { stareBinaryF1, stareFastExtractStep, stareIsEqual, stareOptionMapping } from '../src/extract/stare.js';
import type { Pipeline } from '../src/extract/types.js';

/**
 * STARE (Li et al. 2025, "Unfolding Spatial Cognition"): 2D and 3D transformations, cube-net folding
 * and tangram puzzles, each plain and with visual simulations (`_vsim`), temporal frames and
 * perspective; multiple-choice letters, the binary tasks as "A. yes / B. no" options.
 * - `stare` (VLMEvalKit `StareBench` / `StareBench_CoT`, vlmeval/dataset/starebench.py @e8e78f05):
 *   its prompt (`<answer>` instead of the authors' box, a direct or a step-by-step instruction), the
 *   spatial-bench matcher, accuracy per category, the yes/no F1 of the binary ones and its 6-term macro.
 * - `stare-official` (the authors' STARE-bench/STARE@8c3fe559 on kuvvi/STARE): their `\boxed{}`
 *   prompt (CoT, generate_response.py's default), fast_extract_answer + is_equal, accuracy overall
 *   and per category (evaluation/calculate_acc.py).
 * - `stare-lmms` (lmms-eval `stare_full` on pangyyyyy/STARE, All/train): their copy of the authors'
 *   prompt (one backslash, a leading newline), the same rule, `stare_score`.
 */

const MCQ_CATEGORIES = ['2d_trans', '2d_trans_vsim', '3d_trans', '3d_trans_vsim', 'temporal', 'perspective'] as const;
const BINARY_CATEGORIES = ['folding_nets', 'folding_nets_vsim', 'tangram_puzzle', 'tangram_puzzle_vsim'] as const;
const BINARY = new Set<string>(BINARY_CATEGORIES);
const CATEGORY = 'bench_category';
/** The question's letter → yes/no pairs (binary categories only), as "a=yes,b=no". */
const YES_NO = 'yes_no_options';
/** What the F1 maps the gold to: the answer cell as it is, lower-cased (r.get('answer')), '' when unmapped. */
const YES_NO_GOLD = 'yes_no_gold';

const GOLD = /^[A-Ha-h]$/;
/** can_match_option reads only A–F: a G or H gold would never be credited. */
const SPATIAL_GOLD = /^[A-Fa-f]$/;

/** The row's options, from "A. text" lines of the question (the form STARE's generators write); A–D when it lists none. */
function choicesOf(question: string, gold: string): Choice[] {
  const found = [...question.matchAll(/^([A-H])\.[ \t]*(.*)$/gm)].map((m) => ({ letter: m[1] as string, text: pyStrip(m[2] ?? '') }));
  if (found.some((c) => c.letter === gold)) return found;
  const last = Math.max(3, gold.charCodeAt(0) - 65);
  return Array.from({ length: last + 1 }, (_, i) => ({ letter: String.fromCharCode(65 + i), text: '' }));
}

function goldLetter(row: DataRow, letters = GOLD): string {
  const gold = pyStrip(requireCell(row, 'answer'));
  if (!letters.test(gold)) throw new DataError(row.file, { row: row.rowNumber, column: 'answer' }, `'${gold}' is not an option letter ${letters === GOLD ? 'A–H' : 'A–F'}`);
  return gold.toUpperCase();
}

/** Text and images as StareBench.build_msgs and the authors' create_message send them: image k after part k, the last part too. */
function interleave(prompt: string, images: readonly ImageBytes[], strip: boolean): PromptPart[] {
  const parts: PromptPart[] = [];
  prompt.split('<image>').forEach((piece, i) => {
    if (pyStrip(piece) !== '') parts.push({ kind: 'text', text: strip ? pyStrip(piece) : piece });
    const image = images[i];
    if (image !== undefined) parts.push({ kind: 'image', image });
  });
  return parts;
}

const withMark = (question: string, images: number): string => (question.includes('<image>') || images === 0 ? question : `${question}\n<image>`);

/** StareBench's instructions: the direct one (its code, not its paper) and the zero-shot CoT one. */
export const STARE_VLMEVALKIT_DIRECT = 'Please ensure that your output only contains the final answer (a single option letter) without any additional content (such as intermediate reasoning steps).';
export const STARE_COT = 'Please solve the problem step by step.';

/** StareBench.build_prompt's text, before the split at `<image>`. */
export function stareVlmevalkitPrompt(question: string, images: number, cot: boolean): string {
  const format = `${withMark(question, images)}\n\nAnswer with the option's letter from the given choices and put the letter in one <answer> answer </answer>`;
  return `${format}\n${cot ? STARE_COT : STARE_VLMEVALKIT_DIRECT}`;
}

/** prepare_tsv's unescape_text: literal "\n" to a newline, then "\\" to one backslash. */
const unescapeText = (s: string): string => s.replaceAll('\\n', '\n').replaceAll('\\\\', '\\');

function categoryOf(row: DataRow): string {
  const cell = row.get('category_agg') ?? row.get('category');
  if (cell === undefined) throw new DataError(row.file, { row: row.rowNumber, column: 'category' }, 'expected a category (category_agg or category)');
  return pyStrip(cell).toLowerCase();
}

const mappingField = (question: string): string => [...stareOptionMapping(question)].map(([k, v]) => `${k}=${v}`).join(',');

async function vlmevalkitSample(row: DataRow, cot: boolean): Promise<Sample> {
  const question = unescapeText(requireCell(row, 'question'));
  const answer = goldLetter(row, SPATIAL_GOLD);
  const category = categoryOf(row);
  const images = await row.images();
  const parts = interleave(stareVlmevalkitPrompt(question, images.length, cot), images, true);
  const fields: Record<string, string> = { [CATEGORY]: category };
  if (BINARY.has(category)) {
    fields[YES_NO] = mappingField(question);
    fields[YES_NO_GOLD] = stareOptionMapping(question).get(unescapeText(requireCell(row, 'answer')).toLowerCase()) ?? '';
  }
  return { index: requireCell(row, 'index'), parts, choices: choicesOf(question, answer), answer, fields };
}

/** _compute_f1_for_binary_df: rows whose gold and extracted letters both have a yes/no in the question. */
function categoryF1(units: readonly FormulaUnit[], category: string): FormulaValue {
  const pairs: [string, string][] = [];
  let n = 0;
  for (const u of units) {
    if (u.fields[CATEGORY] !== category) continue;
    n++;
    if (u.extracted === null) continue;
    const map = new Map((u.fields[YES_NO] ?? '').split(',').filter((s) => s !== '').map((s) => s.split('=') as [string, string]));
    const gold = u.fields[YES_NO_GOLD] ?? '';
    const predicted = map.get(u.extracted.toLowerCase());
    if (gold !== '' && predicted !== undefined) pairs.push([gold, predicted]);
  }
  const f1 = stareBinaryF1(pairs);
  return { value: f1 ?? Number.NaN, n };
}

const meanIgnoringMissing = (xs: readonly number[]): number => {
  const present = xs.filter((x) => !Number.isNaN(x));
  return present.length === 0 ? Number.NaN : present.reduce((s, x) => s + x, 0) / present.length;
};

/**
 * _macro_from_scores as evaluate() feeds it: an MCQ category without rows counts as accuracy 0
 * (evaluate's acc_c default), a binary one without usable rows as missing; each task pairs its plain
 * and _vsim scores (mean of those present), then the mean of the terms present.
 */
function stareMacro(units: readonly FormulaUnit[], earlier: ReadonlyMap<string, FormulaValue>): FormulaValue {
  const acc = (c: string): number => {
    const v = earlier.get(c);
    return v === undefined || v.n === 0 ? 0 : v.value;
  };
  const f1 = (c: string): number => earlier.get(`${c}_f1`)?.value ?? Number.NaN;
  const terms = [
    meanIgnoringMissing([acc('2d_trans'), acc('2d_trans_vsim')]),
    meanIgnoringMissing([acc('3d_trans'), acc('3d_trans_vsim')]),
    meanIgnoringMissing([f1('folding_nets'), f1('folding_nets_vsim')]),
    meanIgnoringMissing([f1('tangram_puzzle'), f1('tangram_puzzle_vsim')]),
    acc('temporal'),
    acc('perspective'),
  ];
  return { value: meanIgnoringMissing(terms), n: units.length };
}

const VLMEVALKIT_METRICS: MetricSpec[] = [
  { kind: 'accuracy', name: 'overall_accuracy' },
  { kind: 'per-value', field: CATEGORY, values: [...MCQ_CATEGORIES, ...BINARY_CATEGORIES] },
  ...BINARY_CATEGORIES.map((c): MetricSpec => ({ kind: 'formula', name: `${c}_f1`, rule: `F1 of 'yes' over the ${c} rows whose gold and extracted letters the question maps to yes/no (0 without a true positive)`, compute: (units) => categoryF1(units, c) })),
  { kind: 'formula', name: 'macro', rule: 'mean of 6 terms: 2D, 3D (accuracy, plain and _vsim averaged), folding, tangram (F1, likewise), temporal, perspective; an absent MCQ category counts 0, a missing F1 is left out', compute: stareMacro },
];

// The headline is overall_accuracy, the first number of its summary: the macro and the F1s are no
// function of hit tallies, so they get no interval and no paired comparison (the CI gate needs one).
const VLMEVALKIT: Protocol = { name: 'vlmevalkit', roles: ['primary', 'twin:vlmevalkit'], extract: GENERIC_PIPELINES['vlmevalkit-spatial'], grouping: { kind: 'row' }, metrics: VLMEVALKIT_METRICS, headline: 'overall_accuracy' };

const TSV_URL = 'https://huggingface.co/datasets/lmms-lab-si/EASI-Leaderboard-Data/resolve/main/StareBench.tsv';
// StareBench.STARE_TSV_MD5 (both names read the same file).
const TSV_MD5 = '2d2b1cf9a0fcdf4e5beec3377bc586f8';

const vlmevalkitBenchmark = (id: string, name: string, cot: boolean): Benchmark => ({
  id,
  title: `STARE (spatial transformations and visual simulations; accuracy, yes/no F1, 6-term macro), as VLMEvalKit's ${name} asks and scores it`,
  dataClasses: ['StareBench'],
  datasetNames: [name],
  fileForms: ["VLMEvalKit TSV: $LMUData/StareBench.tsv (EASI leaderboard data; its image_path values are relative to the kuvvi/STARE snapshot, where VLMEvalKit writes images/…/<qid>/<i>.png: put the TSV there, or link that folder as $LMUData/images/StareBench)"],
  tsv: { toSample: (row) => vlmevalkitSample(row, cot), imagePathsRelative: true },
  tsvFile: () => 'StareBench',
  tsvUrl: () => TSV_URL,
  tsvMd5: { [name]: TSV_MD5 },
  protocols: [VLMEVALKIT],
});

export const stare = vlmevalkitBenchmark('stare', 'StareBench', false);
export const stareCot = vlmevalkitBenchmark('stare-cot', 'StareBench_CoT', true);

/** The authors' configs/gpt.yaml template as YAML reads it: its `\\boxed{{}}` keeps both backslashes, and a newline ends it. */
export function stareOfficialPrompt(question: string, images: number): string {
  return `${withMark(question, images)}\n\nAnswer with the option's letter from the given choices and put the letter in one "\\\\boxed{}".\n\n${STARE_COT}`;
}

/** lmms-eval stare_config's template (a Python string: one backslash), its CoT default. */
export function stareLmmsPrompt(question: string, images: number): string {
  return `\n${withMark(question, images)}\nAnswer with the option's letter from the given choices and put the letter in one "\\boxed{}". \n${STARE_COT}`;
}

const EQUAL: Scorer = { name: "is_equal (lower-cased, stripped, equal)", credit: (extracted, answer) => (extracted !== null && stareIsEqual(extracted, answer) ? 1 : 0) };

const FAST_EXTRACT: Pipeline = {
  name: 'stare-fast-extract',
  kind: 'text',
  rule: "STARE's fast_extract_answer: a lone or leading letter A–H ('A:' / 'A.'), a number, the last \\boxed{} (its \\text{}), the line after the last \"answer is\"-like phrase, else nothing",
  narrowers: [],
  steps: [stareFastExtractStep],
};

/** A Parquet row of kuvvi/STARE or pangyyyyy/STARE (qid, question, answer, images, category). */
async function parquetSample(row: DataRow, prompt: (question: string, images: number) => string, imagesFirst: boolean): Promise<Sample> {
  const question = requireCell(row, 'question');
  const answer = goldLetter(row);
  const images = await row.images();
  const text = prompt(question, images.length);
  // The authors' create_message interleaves at the marks, unstripped; lmms-eval sends the images, then the text with its marks.
  const parts: PromptPart[] = imagesFirst ? [...images.map((image): PromptPart => ({ kind: 'image', image })), { kind: 'text', text }] : interleave(text, images, false);
  return { index: requireCell(row, 'qid'), parts, choices: choicesOf(question, answer), answer, fields: { category: requireCell(row, 'category') } };
}

const byCategory = (overall: string): MetricSpec[] => [{ kind: 'accuracy', name: overall }, { kind: 'per-value', field: 'category' }];
const PARQUET_COLUMNS = ['qid', 'question', 'answer', 'images', 'category'];

/** Every Parquet file of the snapshot (VLMEvalKit's download_starebench walks them all; the authors load each category's test split). */
const OFFICIAL_FILES = /\.parquet$/;

export const stareOfficial: Benchmark = {
  id: 'stare-official',
  title: "STARE as its authors ask and score it (kuvvi/STARE, \\boxed{} prompt, CoT; accuracy per category)",
  dataClasses: [],
  datasetNames: ['STARE'],
  fileForms: ['Parquet: kuvvi/STARE, every category config\'s test split (download the snapshot with huggingface-cli)'],
  parquet: { toSample: (row) => parquetSample(row, stareOfficialPrompt, false), imageColumns: ['images'], requiredColumns: PARQUET_COLUMNS, files: OFFICIAL_FILES },
  hf: { repo: 'kuvvi/STARE', datasets: { STARE: OFFICIAL_FILES } },
  protocols: [{ name: 'official', roles: ['primary'], extract: FAST_EXTRACT, scorer: EQUAL, grouping: { kind: 'row' }, metrics: byCategory('accuracy'), headline: 'accuracy' }],
};

/** lmms-eval stare_full: config All, split train; the exact file names are not known here, so nothing is downloaded. */
const LMMS_FILES = /(^|\/)All\/train-[^/]*\.parquet$/;

export const stareLmms: Benchmark = {
  id: 'stare-lmms',
  title: "STARE as lmms-eval's `stare_full` task asks it (pangyyyyy/STARE, All/train; CoT)",
  dataClasses: [],
  datasetNames: ['STARE_lmms'],
  fileForms: ['Parquet: pangyyyyy/STARE config All, split train (All/train-*.parquet; download it with huggingface-cli)'],
  parquet: { toSample: (row) => parquetSample(row, stareLmmsPrompt, true), imageColumns: ['images'], requiredColumns: PARQUET_COLUMNS, files: LMMS_FILES },
  hf: { repo: 'pangyyyyy/STARE', datasets: { STARE_lmms: LMMS_FILES } },
  protocols: [{ name: 'lmms-eval', roles: ['primary', 'twin:lmms-eval'], extract: FAST_EXTRACT, scorer: EQUAL, grouping: { kind: 'row' }, metrics: byCategory('stare_score'), headline: 'stare_score' }],
};

export const STARE_BENCHMARKS: readonly Benchmark[] = [stare, stareCot, stareOfficial, stareLmms];
