import type { DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import type { Benchmark, MetricSpec, Scorer } from '../src/benchmark/types.js';
import { requireCell } from '../src/benchmark/mcq.js';
import { omni3dAnsTag } from '../src/extract/omni3d.js';
import { pyFloat, pyInt } from '../src/extract/python.js';
import type { Pipeline } from '../src/extract/types.js';
import { mraCredit, type MraSettings } from '../src/score/mra.js';

/**
 * Omni3D-Bench (dmarsili/Omni3D-Bench; 501 free-answer questions on Omni3D images) as VLMEvalKit
 * runs it: class `Omni3DBench`, TSV `omni3dbench.tsv` (vlmeval/dataset/image_vqa.py and
 * utils/omni3dbench.py, identical in open-compass/VLMEvalKit@e8e78f05 and the Actial bundle
 * warmsnow-sh/Actial@32f46c31). Its script reports four separate numbers and no overall.
 *
 * The authors' own scorers (damianomarsili/VALOR eval/metrics.py, for their agent's program
 * outputs on the first 100 items; their lmms-eval fork, with its own prompts and `<answer>` tags)
 * score differently; they are not reproduced here.
 */

/** The instruction VLMEvalKit appends (OMNI3DBENCH_PROMPT, after Python joins its continued line). */
export const OMNI3DBENCH_PROMPT =
  '\nI will ask you a question based on an image. Answer with either true/false, one word or number, place your answer between <ans></ans> tags. Only include your answer. Question:\n';

/** Which of the script's four tallies a row counts in, from `answer_type` and the gold answer. */
export const ANSWER_KINDS = { yesNo: 'yes/no', multipleChoice: 'multiple choice', count: 'count', otherNumber: 'other number', none: 'none' } as const;

const KIND_FIELD = 'answer_kind';

function answerKind(answerType: string, answer: string): string {
  if (answerType === 'int') return ANSWER_KINDS.count;
  if (answerType === 'float') return ANSWER_KINDS.otherNumber;
  if (answerType === 'str') return answer === 'yes' || answer === 'no' ? ANSWER_KINDS.yesNo : ANSWER_KINDS.multipleChoice;
  return ANSWER_KINDS.none;
}

/**
 * The gold answers the script parses outside its try block: one it cannot parse aborts the whole
 * evaluation there, so it is a schema error here, named at its row.
 */
function checkGold(row: DataRow, kind: string, answer: string): void {
  if (kind === ANSWER_KINDS.count && pyInt(answer) === null) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'answer' }, `answer '${answer}' of an "int" question is not an integer (VLMEvalKit's int() of it would abort the evaluation)`);
  }
  const gold = kind === ANSWER_KINDS.otherNumber ? pyFloat(answer) : 1;
  if (gold === null || gold === 0 || Number.isNaN(gold)) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'answer' }, `answer '${answer}' of a "float" question is not a non-zero number (VLMEvalKit divides by it)`);
  }
}

async function toSample(row: DataRow): Promise<Sample> {
  const index = requireCell(row, 'index');
  const question = requireCell(row, 'question');
  const answer = requireCell(row, 'answer');
  const answerType = requireCell(row, 'answer_type');
  const kind = answerKind(answerType, answer);
  checkGold(row, kind, answer);
  const images = await row.images();
  const parts: PromptPart[] = images.map((image) => ({ kind: 'image', image }));
  // Omni3DBench.build_prompt: the question (ImageBaseDataset's text), then the instruction and the question again.
  parts.push({ kind: 'text', text: `${question}${OMNI3DBENCH_PROMPT}${question} (Answer type: ${answerType})` });
  return { index, parts, choices: [], answer, fields: { answer_type: answerType, [KIND_FIELD]: kind }, tsvPrompt: { question, options: [] } };
}

const ANS_TAG: Pipeline = { name: 'omni3d-ans', rule: 'VLMEvalKit Omni3DBench_acc: the text after the first <ans> up to </ans>, else the whole reply', kind: 'text', narrowers: [], steps: [omni3dAnsTag] };

/** Omni3DBench_acc's float metric: θ from 0.5 down to 0.05, strict `<`, divided by the signed gold. */
export const OMNI3D_MRA: MraSettings = {
  thresholds: [0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05],
  comparison: 'strict',
  bound: 'theta',
  denominator: 'signed',
};

/** The credit `Omni3DBench_acc` gives one row (its four branches; a reply it cannot parse earns 0). */
export function omni3dCredit(extracted: string | null, answer: string, fields: Readonly<Record<string, string>>): number {
  const pred = extracted ?? '';
  switch (fields[KIND_FIELD]) {
    case ANSWER_KINDS.count: {
      const p = pyInt(pred);
      return p !== null && p === pyInt(answer) ? 1 : 0;
    }
    case ANSWER_KINDS.yesNo: {
      // Substrings: "not", "know" and "cannot" hold "no"; "eyes" holds "yes".
      const lower = pred.toLowerCase();
      return lower.includes(answer) || (answer === 'yes' && lower.includes('true')) || (answer === 'no' && lower.includes('false')) ? 1 : 0;
    }
    case ANSWER_KINDS.multipleChoice:
      // The reply is lowercased, the gold answer is not, nothing is stripped.
      return answer === pred.toLowerCase() ? 1 : 0;
    case ANSWER_KINDS.otherNumber: {
      const p = pyFloat(pred);
      return p === null ? 0 : mraCredit(p, pyFloat(answer) as number, OMNI3D_MRA);
    }
    default:
      return 0;
  }
}

const VLMEVALKIT_SCORER: Scorer = { name: 'omni3dbench-acc', credit: omni3dCredit };

const only = (value: string) => ({ field: KIND_FIELD, value });

/** The script's four numbers, then their plain mean: ours, for a leaderboard column (no official overall exists). */
const METRICS: readonly MetricSpec[] = [
  { kind: 'accuracy', name: 'Yes/No Accuracy', where: only(ANSWER_KINDS.yesNo) },
  { kind: 'accuracy', name: 'Multiple Choice Accuracy', where: only(ANSWER_KINDS.multipleChoice) },
  { kind: 'accuracy', name: 'Numeric (count) Accuracy', where: only(ANSWER_KINDS.count) },
  { kind: 'accuracy', name: 'Numeric (other) Mean Relative Accuracy', where: only(ANSWER_KINDS.otherNumber) },
  {
    kind: 'mean',
    name: 'Mean of the four (not official)',
    of: ['Yes/No Accuracy', 'Multiple Choice Accuracy', 'Numeric (count) Accuracy', 'Numeric (other) Mean Relative Accuracy'],
  },
];

export const omni3dBench: Benchmark = {
  id: 'omni3dbench',
  title: 'Omni3D-Bench (free answers: yes/no, one word, counts, other numbers by MRA)',
  dataClasses: ['Omni3DBench'],
  datasetNames: ['Omni3DBench'],
  fileForms: ['VLMEvalKit TSV: $LMUData/Omni3DBench.tsv (omni3dbench.tsv) or "path"'],
  tsv: { toSample },
  tsvUrl: () => 'https://huggingface.co/datasets/rohunagrawal/Omni3DBench-VLMEvalKit/resolve/main/omni3dbench.tsv',
  // VLMEvalKit's Omni3DBench.DATASET_MD5.
  tsvMd5: { Omni3DBench: 'ba1fa59c3897eb95aed445996ec9b690' },
  protocols: [
    {
      name: 'vlmevalkit',
      // The only scoring a chat model has; the headline is our mean of its four numbers, named so.
      roles: ['primary', 'twin:vlmevalkit'],
      extract: ANS_TAG,
      scorer: VLMEVALKIT_SCORER,
      grouping: { kind: 'row' },
      metrics: METRICS,
      headline: 'Mean of the four (not official)',
    },
  ],
};
