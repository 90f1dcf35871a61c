import type { ImageBytes, PromptPart } from '../core/types.js';
import { pyStrip } from '../extract/python.js';

/**
 * A prompt with `<image>` marks as VLMEvalKit's `build_msgs` sends it (MindCubeBench and
 * SiteBenchImage, vlmeval/dataset/mindcubebench.py and sitebench.py @ e8e78f05): split at the
 * marks, each part stripped (Python `strip()`) and dropped when empty, image k after part k.
 * Marks beyond the images and images beyond the marks are dropped, as there.
 */
export function interleaveAtMarks(prompt: string, images: readonly ImageBytes[]): PromptPart[] {
  const pieces = prompt.split('<image>');
  const parts: PromptPart[] = [];
  pieces.forEach((piece, i) => {
    const text = pyStrip(piece);
    if (text !== '') parts.push({ kind: 'text', text });
    const image = images[i];
    if (i !== pieces.length - 1 && image !== undefined) parts.push({ kind: 'image', image });
  });
  return parts;
}
