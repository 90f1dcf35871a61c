import { pyStrip } from '../extract/python.js';
import type { PostProcess } from '../config/models.js';

/**
 * A model class's `post_process`, applied to every answer before it is stored as the prediction
 * (the raw answer is kept beside it when they differ):
 * - `answer-tag` (ActialChat, actial_r1.py `extract_response_for_eval`): when the answer holds
 *   exactly one `<answer>…</answer>`, its stripped content; with none or several, the whole text.
 * - `boxed` (Qwen2VLChat, qwen2_vl/model.py of warmsnow-sh/Actial@32f46c31's VLMEvalKit): the
 *   content of the last `\boxed{…}`, braces counted.
 */
const ANSWER_TAG = /<answer>([\s\S]*?)<\/answer>/g;

export function postProcess(mode: PostProcess, text: string): string {
  if (mode === 'none') return text;
  if (mode === 'boxed') return lastBoxed(text);
  const matches = [...text.matchAll(ANSWER_TAG)];
  if (matches.length !== 1) return text;
  return pyStrip(matches[0]?.[1] ?? '');
}

/**
 * Qwen2VLChat's post-process: from after the last `\boxed{` (or from the start when there is none)
 * up to the first `}` that closes more braces than it opened.
 */
function lastBoxed(text: string): string {
  const at = text.lastIndexOf('\\boxed{');
  const start = at < 0 ? 0 : at + '\\boxed{'.length;
  // Nothing after the last `\boxed{`: the loop there never runs, and the text stays whole.
  if (start === text.length) return text;
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return text.slice(start, i);
      depth--;
    }
  }
  return text.slice(start);
}
