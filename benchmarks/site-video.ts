import type { Choice, DataRow, FrameSampling, PromptPart, Sample } from '../src/core/types.js';
import type { Benchmark } from '../src/benchmark/types.js';
import { OPTION_LETTERS, requireAnswerLetter, requireCell } from '../src/benchmark/mcq.js';
import { requireSiteOptions, SITE_POST_PROMPT, SITE_PROTOCOLS, siteFields } from './site.js';
import { dirname } from 'node:path';

/**
 * SITE, video split, read from VLMEvalKit's SiteBenchVideo TSV (`index`, `question`, `candidates`
 * as a Python list, `answer` letter, `category`, `video_path` relative to the unzipped HF
 * franky-veteran/SITE-Bench) under VLMEvalKit's names `SiteBenchVideo_64frame`, `_32frame`.
 * Scored by the image split's protocols (benchmarks/site.ts): the SITE repo's lmms-eval task
 * site_bench_video uses the same spatial_process_results / aggregation, and VLMEvalKit the same
 * SiteBenchBase.evaluate, whose CAA reads n from `candidates`.
 *
 * Prompt (VLMEvalKit sitebench.py SiteBenchVideo.build_prompt; the SITE repo's
 * spatial_doc_to_text_video is the same text but strips the question): the frames, then
 * "{PRE}\nQuestion: {q}\nOptions:\nA: …\n…\nGive me the answer letter directly. The best answer is:".
 *
 * Frames: VLMEvalKit's save_video_frames here is `np.linspace(0, N − 1, nframe, dtype=int)` with no
 * clamp to N, which is the `uniform_tail` sampling for nframe ≥ 2 (its tail is already the last
 * index). `SiteBenchVideo_1fps` is this class's fps mode: `int(i · native_fps)` for every whole
 * second, with no last frame appended (`fps_no_tail`; VsiBench's fps mode appends it).
 */

export const SITE_VIDEO_PRE_PROMPT =
  'Select the best answer to the following multiple-choice question based on the video. Respond with only the letter of the correct option.';

export function siteVideoPrompt(question: string, options: readonly string[]): string {
  const optionText = options.map((o, k) => `${OPTION_LETTERS[k] as string}: ${o}`).join('\n');
  return `${SITE_VIDEO_PRE_PROMPT}\nQuestion: ${question}\nOptions:\n${optionText}\n${SITE_POST_PROMPT}`;
}

async function tsvSample(row: DataRow): Promise<Sample> {
  const index = requireCell(row, 'index');
  const question = requireCell(row, 'question');
  const options = requireSiteOptions(row, 'candidates');
  const choices: Choice[] = options.map((text, k) => ({ letter: OPTION_LETTERS[k] as string, text }));
  const answer = requireAnswerLetter(row, choices);
  const category = requireCell(row, 'category');
  // VLMEvalKit joins the path to the snapshot after stripping leading slashes.
  const video = requireCell(row, 'video_path').trim().replace(/^[\\/]+/, '');
  const parts: PromptPart[] = [{ kind: 'video', video: { file: video, base: dirname(row.file) } }, { kind: 'text', text: siteVideoPrompt(question, options) }];
  return { index, parts, choices, answer, fields: siteFields(category, options.length) };
}

const NAME = /^SiteBenchVideo_(?:(\d+)frame|(\d+)fps)$/;
const NAMES = ['SiteBenchVideo_64frame', 'SiteBenchVideo_32frame', 'SiteBenchVideo_1fps'];

/** `_<n>frame` → linspace over the whole video without a clamp; `_<k>fps` → fps_no_tail (see above). */
function sampling(datasetName: string): FrameSampling {
  const m = NAME.exec(datasetName);
  if (m?.[2] !== undefined) return { kind: 'fps_no_tail', fps: Number(m[2]) };
  return { kind: 'uniform_tail', nframe: Number(m?.[1] ?? '32') };
}

export const siteBenchVideo: Benchmark = {
  id: 'site-video',
  title: 'SITE video split (accuracy and chance-adjusted accuracy; VLMEvalKit SiteBenchVideo TSV)',
  dataClasses: ['SiteBenchVideo'],
  datasetNames: NAMES,
  fileForms: ['VLMEvalKit TSV: $LMUData/SiteBenchVideo.tsv (names SiteBenchVideo_64frame, _32frame, _1fps); video_path relative to "video": {"root": …} (unzipped franky-veteran/SITE-Bench)'],
  tsv: { toSample: tsvSample },
  tsvUrl: () => 'https://huggingface.co/datasets/lmms-lab-si/EASI-Leaderboard-Data/resolve/main/SiteBenchVideo.tsv',
  tsvFile: () => 'SiteBenchVideo',
  // VLMEvalKit's SiteBenchVideo.DATASET_MD5.
  tsvMd5: Object.fromEntries(NAMES.map((n) => [n, 'bb2ac531fa83cf8280b23c25d738922d'])),
  video: { sampling },
  protocols: SITE_PROTOCOLS,
};
