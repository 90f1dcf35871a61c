import type { Choice, DataRow, Sample } from '../src/core/types.js';
import { DataError } from '../src/core/errors.js';
import type { Benchmark, MetricSpec, Protocol, Scorer } from '../src/benchmark/types.js';
import { interleaveAtMarks } from '../src/benchmark/interleave.js';
import { OPTION_LETTERS, requireAnswerLetter, requireCell } from '../src/benchmark/mcq.js';
import { GENERIC_PIPELINES } from '../src/extract/pipelines.js';
import { pyStrip } from '../src/extract/python.js';
import { siteMultiChoice } from '../src/extract/site.js';
import type { Pipeline } from '../src/extract/types.js';

/**
 * SITE, image split (wenqi-wang20/SITE-Bench @ 36295bb; "SITE: towards Spatial Intelligence
 * Thorough Evaluation"): single- and multi-image MCQs with 2+ options in six categories, read from
 * VLMEvalKit's SiteBenchImage TSV (`index`, `question`, `options` as a list, `answer` letter,
 * `category`, images as `image` or `image_path` relative to the unzipped HF franky-veteran/SITE-Bench).
 * The video split (same protocols) is benchmarks/site-video.ts.
 *
 * Prompt (spatial_doc_to_text_image, identical in VLMEvalKit's SiteBenchImage.build_prompt but for
 * the question's strip): `<image>` × images + "\n" unless the question or options carry marks, then
 * "Question: {q}\nOptions:\nA: …\n…\nGive me the answer letter directly. The best answer is:",
 * split at the marks (interleaveAtMarks).
 *
 * Protocols on the same replies:
 * - `official` (the SITE repo's lmms-eval task, scored as lmms-eval's site_bench_image does, so it is
 *   lmms-eval's twin too): parse_multi_choice_response (src/extract/site.ts); an undecided reply is
 *   the original's random letter, credited here at its expected value 1/n. accuracy, CAA
 *   (chance_adjusted_acc: Σ(X − 1/n) / Σ(1 − 1/n)), and both per category under lmms-eval's names.
 *   The SITE repo's own yaml reports `accuracy` only: the headline.
 * - `vlmevalkit` (sitebench.py SiteBenchBase.evaluate): can_match_option, compute_caa_score with n =
 *   len(options); overall_accuracy, overall_caa, `<category>_accuracy`, `<category>_caa`.
 * Numbers are fractions, not VLMEvalKit's and lmms-eval's percentages.
 */

/** lmms-eval's CATEGORY_TO_METRIC_KEY (VLMEvalKit's _task_category has the same six, in this order). */
export const SITE_CATEGORIES: readonly (readonly [string, string])[] = [
  ['counting & existence', 'counting_and_existence'],
  ['object localization & positioning', 'object_localization_and_positioning'],
  ['3d information understanding', '3d_information_understanding'],
  ['multi-view & cross-image reasoning', 'multiview_and_crossimage_reasoning'],
  ['spatial relationship reasoning', 'spatial_relationship_reasoning'],
  ['movement prediction & navigation', 'movement_prediction_and_navigation'],
];

export const SITE_POST_PROMPT = 'Give me the answer letter directly. The best answer is:';

const SITE_FIELD = { category: 'category', options: 'n_options', chance: 'category_options' } as const;

/** The original's random pick when nothing matched: worth 1/n in expectation. */
const expectedDraw: Scorer = {
  name: 'site-random-draw-expected',
  credit: (extracted, answer, fields) => (extracted === null ? 1 / Number(fields[SITE_FIELD.options]) : extracted === answer ? 1 : 0),
};

const SITE_RULE: Pipeline = {
  name: 'site',
  rule: "SITE parse_multi_choice_response on the stripped reply: '(X)', else ' X ', else 'X.', else 'X:' / ':X', the latest ' X ' among several; none decides nothing",
  narrowers: [],
  steps: [siteMultiChoice],
};

const accuracyOf = (name: string, category?: string): MetricSpec =>
  category === undefined ? { kind: 'accuracy', name } : { kind: 'accuracy', name, where: { field: SITE_FIELD.category, value: category } };
const caaOf = (name: string, category?: string): MetricSpec =>
  category === undefined ? { kind: 'chance-adjusted', name, field: SITE_FIELD.chance } : { kind: 'chance-adjusted', name, field: SITE_FIELD.chance, group: category };

/** Shared with the video split (benchmarks/site-video.ts): the same rules on the same fields. */
export const SITE_PROTOCOLS: readonly Protocol[] = [
  {
    name: 'official',
    roles: ['primary', 'twin:lmms-eval'],
    extract: SITE_RULE,
    scorer: expectedDraw,
    grouping: { kind: 'row' },
    metrics: [
      accuracyOf('accuracy'),
      caaOf('chance_adjusted_acc'),
      ...SITE_CATEGORIES.flatMap(([c, key]) => [accuracyOf(`${key}_acc`, c), caaOf(`${key}_caa`, c)]),
    ],
    headline: 'accuracy',
  },
  {
    name: 'vlmevalkit',
    roles: ['twin:vlmevalkit'],
    extract: GENERIC_PIPELINES['vlmevalkit-spatial'],
    grouping: { kind: 'row' },
    metrics: [
      accuracyOf('overall_accuracy'),
      caaOf('overall_caa'),
      ...SITE_CATEGORIES.map(([c]) => accuracyOf(`${c}_accuracy`, c)),
      ...SITE_CATEGORIES.map(([c]) => caaOf(`${c}_caa`, c)),
    ],
    headline: 'overall_accuracy',
  },
];

/** The official text before the split at `<image>` marks. */
export function siteImagePrompt(question: string, options: readonly string[], images: number): string {
  const q = pyStrip(question);
  const optionText = options.map((o, k) => `${OPTION_LETTERS[k] as string}: ${o}`).join('\n');
  const marks = q.includes('<image>') || optionText.includes('<image>') ? '' : `${'<image>'.repeat(images)}\n`;
  return `${marks}Question: ${q}\nOptions:\n${optionText}\n${SITE_POST_PROMPT}`;
}

export function requireSiteOptions(row: DataRow, column = 'options'): readonly string[] {
  const options = row.list(column);
  if (options === undefined || options.length < 2 || options.length > OPTION_LETTERS.length) {
    throw new DataError(row.file, { row: row.rowNumber, column }, 'expected a list of 2 or more option texts (JSON or Python list)');
  }
  return options;
}

/** The fields the protocols group and adjust for chance by: category and the row's option count. */
export function siteFields(category: string, options: number): Record<string, string> {
  return { [SITE_FIELD.category]: category, [SITE_FIELD.options]: String(options), [SITE_FIELD.chance]: `${category}#${options}` };
}

async function tsvSample(row: DataRow): Promise<Sample> {
  const index = requireCell(row, 'index');
  const question = requireCell(row, 'question');
  const options = requireSiteOptions(row);
  const choices: Choice[] = options.map((text, k) => ({ letter: OPTION_LETTERS[k] as string, text }));
  const answer = requireAnswerLetter(row, choices);
  const category = requireCell(row, 'category');
  const images = await row.images();
  const parts = interleaveAtMarks(siteImagePrompt(question, options, images.length), images);
  return { index, parts, choices, answer, fields: siteFields(category, options.length) };
}

export const siteBenchImage: Benchmark = {
  id: 'site-image',
  title: 'SITE image split (accuracy and chance-adjusted accuracy; VLMEvalKit SiteBenchImage TSV)',
  dataClasses: ['SiteBenchImage'],
  datasetNames: ['SiteBenchImage'],
  fileForms: ['VLMEvalKit TSV: $LMUData/SiteBenchImage.tsv; image_path files under $LMUData/images/SiteBenchImage/ (unzipped franky-veteran/SITE-Bench)'],
  tsv: { toSample: tsvSample, imagePathsRelative: true },
  tsvUrl: () => 'https://huggingface.co/datasets/lmms-lab-si/EASI-Leaderboard-Data/resolve/main/SiteBenchImage.tsv',
  // VLMEvalKit's SiteBenchImage.DATASET_MD5.
  tsvMd5: { SiteBenchImage: '59a2ada248b743c1d7b2f89dd5afcdc3' },
  protocols: SITE_PROTOCOLS,
};
