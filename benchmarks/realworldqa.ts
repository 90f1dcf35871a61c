import type { Benchmark, MetricSpec, Scorer } from '../src/benchmark/types.js';
import type { DataRow, PromptPart, Sample } from '../src/core/types.js';
import { requireCell, vlmevalkitMcqSample } from '../src/benchmark/mcq.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { lmmsMcqAnswer } from '../src/extract/lmms-mcq.js';
import { pyStrip } from '../src/extract/python.js';
import type { ExtractStep, Pipeline } from '../src/extract/types.js';

/**
 * RealWorldQA (xAI): real-world driving and household photos, mostly multiple choice with the options
 * and the reply instruction inside the question, a few open answers. xAI published the data only,
 * so there is no `official` protocol; each file form is scored as the peer that publishes it does:
 * - VLMEvalKit `RealWorldQA` (ImageMCQDataset): its generic MCQ prompt and exact matching, Overall
 *   and per category (report_acc);
 * - lmms-eval `realworldqa` (lmms-lab-encoder/RealWorldQA): the question as is; letter golds (A–D)
 *   by its shared `extract_mcq_answer` (src/extract/lmms-mcq.ts), others by lowercased equality
 *   after stripping spaces and trailing periods; `exact_match` = their mean.
 */

const LETTER_GOLDS = ['A', 'B', 'C', 'D'];
/** Which of the two rules realworldqa_process_results applies to the row. */
const FORM = 'answer_form';

const isLetterGold = (gold: string): boolean => LETTER_GOLDS.includes(pyStrip(gold).toUpperCase());

async function lmmsSample(row: DataRow): Promise<Sample> {
  const gold = pyStrip(requireCell(row, 'answer'));
  const parts: PromptPart[] = (await row.images()).map((image) => ({ kind: 'image', image }));
  // realworldqa_doc_to_text with the default (empty) pre/post prompts: the stripped question.
  parts.push({ kind: 'text', text: pyStrip(requireCell(row, 'question')) });
  return { index: String(row.rowNumber - 1), parts, choices: [], answer: gold, fields: { [FORM]: isLetterGold(gold) ? 'letter' : 'open' } };
}

/** What realworldqa_process_results compares: the extracted letter, or the cleaned reply. */
const lmmsReply: ExtractStep = {
  name: 'lmms-realworldqa',
  run: (text, _choices, fields) => {
    if (fields?.[FORM] === 'letter') return lmmsMcqAnswer(text, LETTER_GOLDS) || null;
    return pyStrip(text.toLowerCase()).replace(/\.+$/, '');
  },
};

const LMMS_EXACT_MATCH: Scorer = {
  name: 'lmms-realworldqa-exact-match',
  credit: (extracted, answer, fields) => {
    if (extracted === null) return 0;
    return (fields[FORM] === 'letter' ? extracted === pyStrip(answer).toUpperCase() : extracted === answer.toLowerCase()) ? 1 : 0;
  },
};

const LMMS_RULE: Pipeline = {
  name: 'lmms-realworldqa',
  kind: 'text',
  rule: "lmms-eval realworldqa: a gold A-D by extract_mcq_answer (best letter form, case-sensitive), any other gold by lowercased equality after stripping spaces and trailing periods",
  narrowers: [],
  steps: [lmmsReply],
};

const vlmevalkitMetrics: MetricSpec[] = [{ kind: 'accuracy', name: 'Overall' }, { kind: 'per-value', field: 'category' }];

export const realWorldQa: Benchmark = {
  id: 'realworldqa',
  title: 'RealWorldQA (xAI), as VLMEvalKit scores it',
  dataClasses: [],
  datasetNames: ['RealWorldQA'],
  fileForms: ['VLMEvalKit TSV: $LMUData/RealWorldQA.tsv'],
  tsv: { toSample: (row) => vlmevalkitMcqSample(row, { fields: ['category', 'split'] }) },
  tsvUrl: (name) => `https://opencompass.openxlab.space/utils/VLMEval/${name}.tsv`,
  // VLMEvalKit's ImageMCQDataset.DATASET_MD5.
  tsvMd5: { RealWorldQA: '4de008f55dc4fd008ca9e15321dc44b7' },
  protocols: [
    { name: 'vlmevalkit', roles: ['primary', 'twin:vlmevalkit'], extract: GENERIC_PIPELINES.vlmevalkit, grouping: { kind: 'row' }, metrics: vlmevalkitMetrics, headline: 'Overall', table: { breakdowns: ['category'], splitField: 'split' } },
  ],
};

/** push_to_hub's `data/test-*.parquet`; the exact name is not known here, so it is not downloaded. */
const LMMS_FILES = /(^|\/)test-[^/]*\.parquet$/;

export const realWorldQaLmms: Benchmark = {
  id: 'realworldqa-lmms',
  title: "RealWorldQA as lmms-eval's `realworldqa` task asks it (lmms-lab-encoder/RealWorldQA)",
  dataClasses: [],
  datasetNames: ['RealWorldQA_lmms'],
  fileForms: ['Parquet: lmms-lab-encoder/RealWorldQA test split (data/test-*.parquet; download it with huggingface-cli)'],
  parquet: { toSample: lmmsSample, imageColumns: ['image'], requiredColumns: ['image', 'question', 'answer'], files: LMMS_FILES },
  hf: { repo: 'lmms-lab-encoder/RealWorldQA', datasets: { RealWorldQA_lmms: LMMS_FILES } },
  protocols: [
    { name: 'lmms-eval', roles: ['primary', 'twin:lmms-eval'], extract: LMMS_RULE, scorer: LMMS_EXACT_MATCH, grouping: { kind: 'row' }, metrics: [{ kind: 'accuracy', name: 'exact_match' }, { kind: 'per-value', field: FORM }], headline: 'exact_match' },
  ],
};

export const REALWORLDQA_BENCHMARKS: readonly Benchmark[] = [realWorldQa, realWorldQaLmms];
