/**
 * Omni3D-Bench's answer extraction as VLMEvalKit runs it (vlmeval/dataset/utils/omni3dbench.py
 * `extract_answer`, identical in open-compass/VLMEvalKit@e8e78f05 and the Actial bundle): with an
 * `<ans>` tag, the text after the first one up to the next `</ans>` (or the end), unstripped;
 * without one, the whole reply. It always decides.
 */
import type { ExtractStep } from './types.js';

export const omni3dAnsTag: ExtractStep = {
  name: 'omni3d-ans',
  run: (text) => {
    const at = text.indexOf('<ans>');
    if (at < 0) return text;
    const rest = text.slice(at + '<ans>'.length);
    const end = rest.indexOf('</ans>');
    return end < 0 ? rest : rest.slice(0, end);
  },
};
