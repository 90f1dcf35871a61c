import type { Benchmark, Grouping, MetricSpec, Protocol } from '../src/benchmark/types.js';
import type { Choice, DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import { OPTION_LETTERS, requireCell, vlmevalkitMcqSample } from '../src/benchmark/mcq.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { lmmsMmvpGold, lmmsMmvpOptions, lmmsMmvpStep } from '../src/extract/mmvp.js';
import { MMVP_GOLD_FIELD, MMVP_JUDGE } from '../src/extract/mmvp-judge.js';
import { imagesFromPaths } from '../src/data/image-paths.js';
import type { Pipeline } from '../src/extract/types.js';

/**
 * MMVP (tsb0601/MMVP, "Eyes Wide Shut?"): 150 pairs of CLIP-blind images, each pair asked the same
 * two-option question with opposite answers. Its headline is pair accuracy: a pair counts only when
 * both of its questions are right.
 *
 * `MMVP_authors` is the authors' own form (HF MMVP/MMVP: Questions.csv beside `MMVP Images/<n>.jpg`)
 * asked and graded as tsb0601/MMVP@76350059 does (`official`, below). The two peers' are:
 * - VLMEvalKit `MMVP` (ImageMCQDataset, report_acc_MMVP): its generic MCQ prompt and exact
 *   matching; `Average` = accuracy over questions, `Overall` = over pairs, a pair being rows 2i and
 *   2i+1 once sorted by index. We pair rows 2i and 2i+1 of the file: the same pairs for a TSV in
 *   index order, as VLMEvalKit's are.
 * - lmms-eval `mmvp` (data lmms-lab-eval/MMVP, with four gold labels corrected: Index 99, 100, 279,
 *   280): its prompt, its letter rule (src/extract/mmvp.ts), `mmvp_accuracy` and
 *   `mmvp_pair_accuracy`, a pair being (Index − 1) // 2.
 */

const PAIR = 'pair';
const byPair: Grouping = { kind: 'key', field: PAIR, rewrite: [] };

/** The file's rows 2i and 2i+1 (rowNumber is 1-based). */
const filePair = (row: DataRow): string => String(Math.floor((row.rowNumber - 1) / 2));

async function tsvSample(row: DataRow): Promise<Sample> {
  const s = await vlmevalkitMcqSample(row, { fields: ['category'] });
  return { ...s, fields: { ...s.fields, [PAIR]: filePair(row) } };
}

/** lmms-eval's post_prompt (mmvp.yaml, pre_prompt empty). */
export const LMMS_MMVP_INSTRUCTION = "\nAnswer with the option's letter from the given choices directly.";

/** mmvp_doc_to_text: the question, then "A. …" lines, then the instruction. */
export function lmmsMmvpPrompt(question: string, options: readonly string[]): string {
  return `${question}\n${options.map((o, i) => `${OPTION_LETTERS[i] as string}. ${o}`).join('\n')}${LMMS_MMVP_INSTRUCTION}`;
}

/** `Index`, 1-based in lmms-lab-eval/MMVP: lmms-eval subtracts one from a positive integer, then halves. */
function lmmsPair(row: DataRow, index: string): string {
  if (!/^-?\d+$/.test(index)) throw new DataError(row.file, { row: row.rowNumber, column: 'Index' }, `expected an integer index, found '${index}'`);
  const n = Number(index);
  return String(Math.floor((n > 0 ? n - 1 : n) / 2));
}

function lmmsChoices(row: DataRow): Choice[] {
  const texts = row.list('Options') ?? lmmsMmvpOptions(requireCell(row, 'Options'));
  if (texts.length < 2) throw new DataError(row.file, { row: row.rowNumber, column: 'Options' }, 'expected at least two options written "(a) … (b) …"');
  if (texts.length > OPTION_LETTERS.length) throw new DataError(row.file, { row: row.rowNumber, column: 'Options' }, `${texts.length} options; expected at most ${OPTION_LETTERS.length}`);
  return texts.map((text, i) => ({ letter: OPTION_LETTERS[i] as string, text }));
}

async function lmmsSample(row: DataRow): Promise<Sample> {
  const index = requireCell(row, 'Index');
  const choices = lmmsChoices(row);
  const gold = lmmsMmvpGold(requireCell(row, 'Correct Answer'));
  if (!choices.some((c) => c.letter === gold)) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'Correct Answer' }, `'${row.get('Correct Answer') ?? ''}' names none of the row's options ((a), (b), …)`);
  }
  const parts: PromptPart[] = (await row.images()).map((image) => ({ kind: 'image', image }));
  parts.push({ kind: 'text', text: lmmsMmvpPrompt(requireCell(row, 'Question'), choices.map((c) => c.text)) });
  return { index, parts, choices, answer: gold, fields: { [PAIR]: lmmsPair(row, index) } };
}

const accuracy = (name: string): MetricSpec[] => [{ kind: 'accuracy', name }];

const VLMEVALKIT_PROTOCOLS: readonly Protocol[] = [
  { name: 'vlmevalkit', roles: ['primary', 'twin:vlmevalkit'], extract: GENERIC_PIPELINES.vlmevalkit, grouping: byPair, metrics: accuracy('Overall'), headline: 'Overall' },
  { name: 'vlmevalkit-average', roles: [], extract: GENERIC_PIPELINES.vlmevalkit, grouping: { kind: 'row' }, cluster: byPair, metrics: accuracy('Average'), headline: 'Average' },
];

const LMMS_RULE: Pipeline = {
  name: 'lmms-mmvp',
  rule: 'lmms-eval mmvp _extract_answer_letter: the first of a lone letter, a leading letter, "answer is X", "option X", any A/B followed by a space or the end (case-insensitive), else a first character A/B',
  narrowers: [],
  steps: [lmmsMmvpStep],
};

const LMMS_PROTOCOLS: readonly Protocol[] = [
  { name: 'lmms-eval', roles: ['primary', 'twin:lmms-eval'], extract: LMMS_RULE, grouping: byPair, metrics: accuracy('mmvp_pair_accuracy'), headline: 'mmvp_pair_accuracy' },
  { name: 'lmms-eval-accuracy', roles: [], extract: LMMS_RULE, grouping: { kind: 'row' }, cluster: byPair, metrics: accuracy('mmvp_accuracy'), headline: 'mmvp_accuracy' },
];

export const mmvp: Benchmark = {
  id: 'mmvp',
  title: 'MMVP (150 CLIP-blind image pairs; pair accuracy), as VLMEvalKit scores it',
  dataClasses: [],
  datasetNames: ['MMVP'],
  fileForms: ['VLMEvalKit TSV: $LMUData/MMVP.tsv'],
  tsv: { toSample: tsvSample },
  tsvUrl: (name) => `https://opencompass.openxlab.space/utils/VLMEval/${name}.tsv`,
  // VLMEvalKit's ImageMCQDataset.DATASET_MD5.
  tsvMd5: { MMVP: '8cb732b141a0cba5b42159df2839e557' },
  protocols: VLMEVALKIT_PROTOCOLS,
  shardGrouping: byPair,
};

/** push_to_hub's `data/train-*.parquet` (lmms-eval's test_split is `train`); the exact name is not known here, so it is not downloaded. */
const LMMS_FILES = /(^|\/)train-[^/]*\.parquet$/;

export const mmvpLmms: Benchmark = {
  id: 'mmvp-lmms',
  title: "MMVP as lmms-eval's `mmvp` task asks it (lmms-lab-eval/MMVP, four labels corrected)",
  dataClasses: [],
  datasetNames: ['MMVP_lmms'],
  fileForms: ['Parquet: lmms-lab-eval/MMVP train split (data/train-*.parquet; download it with huggingface-cli)'],
  parquet: { toSample: lmmsSample, imageColumns: ['image'], requiredColumns: ['Index', 'Question', 'Options', 'Correct Answer', 'image'], files: LMMS_FILES },
  hf: { repo: 'lmms-lab-eval/MMVP', datasets: { MMVP_lmms: LMMS_FILES } },
  protocols: LMMS_PROTOCOLS,
  shardGrouping: byPair,
};

/**
 * scripts/evaluate_mllm.py: row i of Questions.csv (0-based, in file order) is asked with the
 * image `MMVP Images/<i+1>.jpg` and the text `Question + " " + Options`; its answer line keeps
 * `question_id` i+1 and the "Correct Answer" cell for the grader.
 */
async function authorsSample(row: DataRow): Promise<Sample> {
  const question = requireCell(row, 'Question');
  const options = requireCell(row, 'Options');
  const gold = requireCell(row, MMVP_GOLD_FIELD);
  const choices = lmmsChoices(row);
  const answer = lmmsMmvpGold(gold);
  if (!choices.some((c) => c.letter === answer)) {
    throw new DataError(row.file, { row: row.rowNumber, column: MMVP_GOLD_FIELD }, `'${gold}' names none of the row's options ((a), (b), …)`);
  }
  const photo = `MMVP Images/${row.rowNumber}.jpg`;
  const images = await imagesFromPaths(row.file, row.rowNumber, [photo], [], null);
  const parts: PromptPart[] = [...images.map((image) => ({ kind: 'image' as const, image })), { kind: 'text', text: `${question} ${options}` }];
  return { index: String(row.rowNumber), parts, choices, answer, fields: { [PAIR]: filePair(row), [MMVP_GOLD_FIELD]: gold } };
}

/** No rule: gpt_grader.py hands every answer to its LLM, so every row is left to the judge. */
const GRADER_ONLY: Pipeline = {
  name: 'mmvp-gpt-grader',
  rule: "none: every answer goes to the judge, asked gpt_grader.py's yes/no prompt (without a judge every answer is a miss)",
  narrowers: [],
  steps: [],
};

/**
 * The grader's count: answer lines two by two in file order, a pair right when both are graded
 * "yes"; the printed accuracy is right pairs over pairs.
 */
const AUTHORS_PROTOCOLS: readonly Protocol[] = [
  { name: 'official', roles: ['primary', 'judge'], extract: GRADER_ONLY, judgePrompt: MMVP_JUDGE, grouping: byPair, metrics: accuracy('accuracy'), headline: 'accuracy' },
];

/** The files of HF MMVP/MMVP: the question file and the 300 images it numbers. */
const AUTHORS_QUESTIONS = /(^|\/)Questions\.csv$/;
const AUTHORS_FILES = /^(Questions\.csv|MMVP Images\/\d+\.jpg)$/;

export const mmvpAuthors: Benchmark = {
  id: 'mmvp-authors',
  title: "MMVP as its authors ask and grade it (Questions.csv + MMVP Images/, gpt_grader.py's LLM yes/no, pair accuracy)",
  dataClasses: [],
  datasetNames: ['MMVP_authors'],
  fileForms: ['CSV: HF MMVP/MMVP Questions.csv (columns Index, Question, Options, Correct Answer) with its "MMVP Images/<row>.jpg" folder beside it'],
  csv: { toSample: authorsSample, files: AUTHORS_QUESTIONS },
  hf: {
    repo: 'MMVP/MMVP',
    datasets: { MMVP_authors: AUTHORS_FILES },
    downloads: { MMVP_authors: ['Questions.csv', ...Array.from({ length: 300 }, (_, i) => `MMVP Images/${i + 1}.jpg`)] },
  },
  protocols: AUTHORS_PROTOCOLS,
  shardGrouping: byPair,
};

export const MMVP_BENCHMARKS: readonly Benchmark[] = [mmvp, mmvpLmms, mmvpAuthors];
