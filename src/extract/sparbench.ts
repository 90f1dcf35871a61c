/**
 * SPAR-Bench's official scoring, re-implemented from LogosRoboticsGroup/SPAR@1cc04758
 * lmms-eval/lmms_eval/tasks/sparbench/utils.py (EvolvingLMMs-Lab/lmms-eval@75571cfe
 * lmms_eval/tasks/sparbench/utils.py scores identically; only its logging differs). Quirks kept:
 *
 * - MCQ (`exact_match`): the whole reply, lower-cased and not stripped, is right if it equals the
 *   gold, or is a substring of it (so an EMPTY reply is right), or its first character is the gold.
 * - NA (`process_na`): the first number of the reply (the last for the four `_mv` tasks, -1 when
 *   those have none), digits only (no sign, so "-2.5" reads 2.5; a number after '^' is skipped);
 *   MRA over θ = linspace(.5, .95, 10), right when |pred − gold| / |gold| ≤ 1 − θ (|pred| for a gold
 *   0). A reply with no number in a plain task scores 0.
 * - view_change_infer (`compute_vci_metric`): `k:v,k:v` parsed strictly (one malformed item, or an
 *   empty reply, scores 0; keys are not stripped), net value per axis (right − left, up − down,
 *   forward − backward, rotate right − left, rotate up − down), MRA per axis and their mean; the
 *   call passes (gold, prediction) swapped, so the error is divided by the PREDICTION.
 *
 * The reading of replies is here; the credit, which needs MRA (src/score), is in benchmarks/sparbench.ts.
 */
import { pyFloat } from './python.js';
import type { ExtractStep } from './types.js';

export const SPAR_MCQ_TASKS = [
  'obj_spatial_relation_oo',
  'obj_spatial_relation_oc_mv',
  'obj_spatial_relation_oo_mv',
  'spatial_imagination_oc',
  'spatial_imagination_oo',
  'spatial_imagination_oc_mv',
  'spatial_imagination_oo_mv',
  'position_matching',
  'camera_motion_infer',
  'distance_infer_center_oo',
  'distance_infer_center_oo_mv',
] as const;

export const SPAR_NA_TASKS = [
  'depth_prediction_oc',
  'depth_prediction_oo',
  'distance_prediction_oc',
  'distance_prediction_oo',
  'depth_prediction_oc_mv',
  'depth_prediction_oo_mv',
  'distance_prediction_oo_mv',
  'distance_prediction_oc_mv',
] as const;

export const SPAR_VIEW_CHANGE = 'view_change_infer';

export type SparKind = 'mcq' | 'na' | 'view-change';

export function sparKind(task: string): SparKind | undefined {
  if ((SPAR_MCQ_TASKS as readonly string[]).includes(task)) return 'mcq';
  if ((SPAR_NA_TASKS as readonly string[]).includes(task)) return 'na';
  return task === SPAR_VIEW_CHANGE ? 'view-change' : undefined;
}

const LAST_NUMBER_TASKS: readonly string[] = ['depth_prediction_oc_mv', 'depth_prediction_oo_mv', 'distance_prediction_oc_mv', 'distance_prediction_oo_mv'];

// `(?<!\^)\d+\.\d+|(?<!\^)\d+`; Python's \d is any script's decimal digit.
const NUMBER = /(?<!\^)\p{Nd}+\.\p{Nd}+|(?<!\^)\p{Nd}+/gu;

/** `process_na`: the number the official script scores, as text, or null where it raises. */
export function sparNaNumber(reply: string, task: string): string | null {
  const numbers = reply.match(NUMBER) ?? [];
  if (LAST_NUMBER_TASKS.includes(task)) return numbers[numbers.length - 1] ?? '-1';
  return numbers[0] ?? null;
}

/** What the official script scores of a reply: the reply itself (MCQ, view change) or its number (NA). */
export const sparOfficialStep: ExtractStep = {
  name: 'sparbench-official',
  run: (text, _choices, fields) => {
    const task = fields?.['task'] ?? '';
    return sparKind(task) === 'na' ? sparNaNumber(text, task) : text;
  },
};

/** `exact_match`: equal, a substring of the gold (the empty reply is), or the first character is it. */
export function sparMcqMatch(reply: string, gold: string): number {
  const pred = reply.toLowerCase();
  const target = gold.toLowerCase();
  // Python's pred[0] is a code point, not a UTF-16 unit.
  const first = pred.codePointAt(0);
  return pred === target || target.includes(pred) || (first !== undefined && String.fromCodePoint(first) === target) ? 1 : 0;
}

/** `parse_instruction`: every comma-separated item is `key:value` with a Python float; else null (the script raises). */
export function parseInstructionStrict(text: string): Map<string, number> | null {
  const out = new Map<string, number>();
  for (const item of text.split(',')) {
    const parts = item.split(':');
    if (parts.length !== 2) return null;
    const value = pyFloat(parts[1] as string);
    if (value === null) return null;
    out.set(parts[0] as string, value);
  }
  return out;
}

const AXES: readonly (readonly [string, string])[] = [
  ['move_right', 'move_left'],
  ['move_up', 'move_down'],
  ['move_forward', 'move_backward'],
  ['rotate_right', 'rotate_left'],
  ['rotate_up', 'rotate_down'],
];

/** The net value per axis, in the script's order. */
export function viewChangeAxes(actions: ReadonlyMap<string, number>): number[] {
  return AXES.map(([pos, neg]) => (actions.get(pos) ?? 0) - (actions.get(neg) ?? 0));
}
