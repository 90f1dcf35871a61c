/**
 * VLMEvalKit's SparBench scoring (open-compass/VLMEvalKit@e8e78f05 vlmeval/dataset/sparbench.py
 * `evaluate`, rule-based, no judge): MCQ rows by `compute_mcq_score` (can_match_option of the reply
 * and of the gold, stripped and lower-cased equality), NA rows by `compute_na_score` (can_match_na,
 * MRA as the official script's but unswapped), view_change_infer by `_compute_vci_metric`: the
 * instruction parsed leniently (items stripped, malformed ones skipped) and MRA(prediction, gold)
 * per axis, so the error is divided by the gold.
 */
import { mraCredit } from '../score/mra.js';
import { pyFloat, pyStrip } from './python.js';
import { SPATIAL_STEPS } from './spatial-bench.js';
import { canMatchNa } from './spatial-bench-na.js';
import { SPAR_MRA, sparKind, viewChangeAxes } from './sparbench.js';
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

export function vlmevalkitViewChangeCredit(reply: string, gold: string): number {
  const p = viewChangeAxes(parseInstructionLenient(reply));
  const g = viewChangeAxes(parseInstructionLenient(gold));
  let sum = 0;
  for (let i = 0; i < p.length; i++) sum += mraCredit(p[i] as number, g[i] as number, SPAR_MRA);
  return sum / p.length;
}

export function sparVlmevalkitCredit(extracted: string | null, answer: string, fields: Readonly<Record<string, string>>): number {
  switch (sparKind(fields['task'] ?? '')) {
    case 'mcq': {
      // exact_match(str(pred), str(gt)): a False on both sides is "false" == "false".
      const pred = extracted ?? 'False';
      const gold = canMatchOption(pyStrip(answer)) ?? 'False';
      return pyStrip(pred).toLowerCase() === pyStrip(gold).toLowerCase() ? 1 : 0;
    }
    case 'na': {
      const pred = extracted === null ? null : pyFloat(extracted);
      const gold = pyFloat(answer);
      return pred === null || gold === null || Number.isNaN(gold) ? 0 : mraCredit(pred, gold, SPAR_MRA);
    }
    case 'view-change':
      return vlmevalkitViewChangeCredit(extracted ?? '', answer);
    default:
      return 0;
  }
}
