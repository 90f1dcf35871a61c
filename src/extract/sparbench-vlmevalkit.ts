/**
 * VLMEvalKit's SparBench scoring (open-compass/VLMEvalKit@e8e78f05 vlmeval/dataset/sparbench.py
 * `evaluate`, rule-based, no judge): MCQ rows by `compute_mcq_score` (can_match_option of the reply
 * and of the gold, stripped and lower-cased equality), NA rows by `compute_na_score` (can_match_na,
 * MRA as the official script's but unswapped), view_change_infer by `_compute_vci_metric`: the
 * instruction parsed leniently (items stripped, malformed ones skipped) and MRA(prediction, gold)
 * per axis, so the error is divided by the gold. The reading of replies is here; the credit is in
 * benchmarks/sparbench.ts.
 */
import { pyFloat, pyStrip } from './python.js';
import { SPATIAL_STEPS } from './spatial-bench.js';
import { canMatchNa } from './spatial-bench-na.js';
import { sparKind } from './sparbench.js';
import type { ExtractStep } from './types.js';

/** `can_match_option` (letters A–F, no choices), or null where it returns False. */
export function canMatchOption(text: string): string | null {
  for (const step of SPATIAL_STEPS) {
    const letter = step.run(text, []);
    if (letter !== null) return letter;
  }
  return null;
}

export const sparVlmevalkitStep: ExtractStep = {
  name: 'sparbench-vlmevalkit',
  run: (text, _choices, fields) => {
    const kind = sparKind(fields?.['task'] ?? '');
    if (kind === 'mcq') return canMatchOption(text);
    if (kind === 'na') return canMatchNa(text);
    return text;
  },
};

/** `_parse_instruction`: `k:v` items, stripped; items without ':' or with a value float() refuses are skipped. */
export function parseInstructionLenient(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const raw of text.split(',')) {
    const item = pyStrip(raw);
    const colon = item.indexOf(':');
    if (item === '' || colon < 0) continue;
    const value = pyFloat(pyStrip(item.slice(colon + 1)));
    if (value !== null) out.set(pyStrip(item.slice(0, colon)), value);
  }
  return out;
}
