import type { Benchmark, MetricSpec, Protocol } from '../src/benchmark/types.js';
import type { Choice, DataRow, PromptPart, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import { requireCell } from '../src/benchmark/mcq.js';
import { readFields } from '../src/benchmark/fields.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { viewSpatialLastLine, viewSpatialOption } from '../src/extract/viewspatial.js';
import type { Pipeline } from '../src/extract/types.js';

/**
 * ViewSpatial-Bench (Li et al. 2025; HF lidingm/ViewSpatial-Bench): 5,712 four-option questions on
 * camera- and person-perspective directions and orientations, with 1 to 32 images each. Two forms:
 *
 * - `ViewSpatial-Bench_official`: the authors' JSON (ZJU-REAL/ViewSpatial-Bench@2e85a5e4
 *   eval/ViewSpatial-Bench.json: `question_type`, `image_path` list, `question`, `answer` "A. right",
 *   `choices` "A. …\nB. …"), image paths relative to the repo root, as evaluate.py runs. Its prompt
 *   is question + choices (glued without a separator) + the reply instruction, the text before the
 *   images as evaluate.py sends it to API models (gpt-4o, gemini).
 * - `ViewSpatialBench`: VLMEvalKit's TSV (vlmeval/dataset/viewspatialbench.py at
 *   open-compass/VLMEvalKit@e8e78f05; lmms-eval `viewspatial` asks the same prompt): images,
 *   then `Question: …\nChoices: …\nReply only to the corresponding option.\nAnswer:`.
 *
 * (`ViewSpatial-Bench` itself is left to Actial's bundled VLMEvalKit, whose CustomDataset reads a
 * re-hosted TSV of that name as a generic MCQ.)
 *
 * Protocols, the same for both forms:
 * - `official` (also lmms-eval's scoring, identical code): the first standalone A–D, either case, of
 *   the reply's last line; accuracy overall (micro) and per question type.
 * - `vlmevalkit`: VLMEvalKit's spatial-bench `can_match_option` on the whole reply
 *   (`compute_mcq_score` via `eval_mcq_score`, grouped by `question_type`).
 */

/** evaluate.py's `prompt_format`, appended to question + choices. */
export const VIEWSPATIAL_REPLY_INSTRUCTION = '\nReply only to the corresponding option.\nAnswer:';

const TYPE = 'question_type';

/** `Camera perspective - …` and `Person perspective - …`, in VLMEvalKit's `_task_category` order. */
export const VIEWSPATIAL_TYPES = [
  'Camera perspective - Relative Direction',
  'Camera perspective - Object View Orientation',
  'Person perspective - Object View Orientation',
  'Person perspective - Relative Direction',
  'Person perspective - Scene Simulation Relative Direction',
] as const;

/** The evaluated item's images: the official set has 1 to 32. */
const MAX_IMAGES = 32;

/** Options written one per line, "A. right": lettered by their own letters. */
function choicesFromLines(lines: readonly string[]): Choice[] {
  const out: Choice[] = [];
  for (const line of lines) {
    const m = /^\s*([A-Z])\.\s?(.*)$/su.exec(line);
    if (m !== null) out.push({ letter: m[1] as string, text: (m[2] as string).trim() });
  }
  return out;
}

function readOptions(row: DataRow, column: string, text: string): Choice[] {
  const choices = choicesFromLines(row.list(column) ?? text.split('\n'));
  if (choices.length < 2) {
    throw new DataError(row.file, { row: row.rowNumber, column }, `expected the options as lines "A. <text>" (at least two), found '${text.slice(0, 80)}'`);
  }
  return choices;
}

/** The gold letter as the official script reads it (`extract_option` of "A. right"), among the options. */
function goldLetter(row: DataRow, choices: readonly Choice[]): string {
  const answer = requireCell(row, 'answer');
  const letter = viewSpatialOption(answer);
  if (letter === null || !choices.some((c) => c.letter === letter)) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'answer' }, `expected an option letter A-D of this item ("A. right"), found '${answer}'`);
  }
  return letter;
}

async function images(row: DataRow): Promise<PromptPart[]> {
  const found = await row.images();
  if (found.length === 0 || found.length > MAX_IMAGES) {
    throw new DataError(row.file, { row: row.rowNumber, column: 'image_path' }, `expected 1 to ${MAX_IMAGES} images, found ${found.length}`);
  }
  return found.map((image) => ({ kind: 'image', image }));
}

/** A row of the official JSON: its position (0-based, evaluate.py's `ID`) is its index. */
async function officialSample(row: DataRow): Promise<Sample> {
  const question = requireCell(row, 'question');
  const choicesText = requireCell(row, 'choices');
  const choices = readOptions(row, 'choices', choicesText);
  const answer = goldLetter(row, choices);
  const fields = readFields(row, { [TYPE]: { from: [TYPE] } });
  const text: PromptPart = { kind: 'text', text: `${question}${choicesText}${VIEWSPATIAL_REPLY_INSTRUCTION}` };
  return { index: String(row.rowNumber - 1), parts: [text, ...(await images(row))], choices, answer, fields };
}

/** A row of VLMEvalKit's TSV: `candidates` is sent as the cell holds it. */
async function tsvSample(row: DataRow): Promise<Sample> {
  const index = requireCell(row, 'index');
  const question = requireCell(row, 'question');
  const candidates = requireCell(row, 'candidates');
  const choices = readOptions(row, 'candidates', candidates);
  const answer = goldLetter(row, choices);
  const fields = readFields(row, { [TYPE]: { from: [TYPE] } });
  const text: PromptPart = { kind: 'text', text: `Question: ${question}\nChoices: ${candidates}\nReply only to the corresponding option.\nAnswer:` };
  return { index, parts: [...(await images(row)), text], choices, answer, fields };
}

const OFFICIAL_RULE: Pipeline = {
  name: 'viewspatial',
  rule: 'first standalone A-D, either case, of the reply\'s last line (a lower-case "a" reads as A)',
  narrowers: [],
  steps: [viewSpatialLastLine],
};

const METRICS: readonly MetricSpec[] = [{ kind: 'accuracy', name: 'Overall' }, { kind: 'per-value', field: TYPE }];

const protocols: readonly Protocol[] = [
  { name: 'official', roles: ['primary', 'twin:lmms-eval'], extract: OFFICIAL_RULE, grouping: { kind: 'row' }, metrics: METRICS, headline: 'Overall' },
  {
    name: 'vlmevalkit',
    roles: ['twin:vlmevalkit'],
    extract: GENERIC_PIPELINES['vlmevalkit-spatial'],
    grouping: { kind: 'row' },
    metrics: METRICS,
    headline: 'Overall',
  },
];

export const viewSpatialOfficial: Benchmark = {
  id: 'viewspatial',
  title: 'ViewSpatial-Bench (official JSON and prompt; last-line letter rule)',
  dataClasses: [],
  datasetNames: ['ViewSpatial-Bench_official'],
  fileForms: ['ViewSpatial-Bench.json (ZJU-REAL/ViewSpatial-Bench eval/) with its images (scannetv2_val, val2017 from HF lidingm/ViewSpatial-Bench) under the repo root: "path" or --data-dir'],
  json: { toSample: officialSample, files: /(^|[\\/])ViewSpatial-Bench\.json$/, imagePathField: 'image_path' },
  hf: { repo: 'lidingm/ViewSpatial-Bench', datasets: { 'ViewSpatial-Bench_official': /(^|[\\/])ViewSpatial-Bench\.json$/ } },
  protocols,
};

export const viewSpatialTsv: Benchmark = {
  id: 'viewspatial-vlmevalkit',
  title: "ViewSpatial-Bench (VLMEvalKit's ViewSpatialBench TSV and prompt)",
  dataClasses: ['ViewSpatialBench'],
  datasetNames: ['ViewSpatialBench'],
  fileForms: ['VLMEvalKit TSV: $LMUData/ViewSpatialBench.tsv (image_path relative to the extracted HF lidingm/ViewSpatial-Bench) or "path"'],
  tsv: { toSample: tsvSample, imagePathsRelative: true },
  tsvUrl: () => 'https://huggingface.co/datasets/lmms-lab-si/EASI-Leaderboard-Data/resolve/main/ViewSpatialBench.tsv',
  // VLMEvalKit's ViewSpatialBench.DATASET_MD5.
  tsvMd5: { ViewSpatialBench: 'c1c0c1522c5b8f5d72b3abad6af105cd' },
  protocols,
};

export const VIEWSPATIAL: readonly Benchmark[] = [viewSpatialOfficial, viewSpatialTsv];
