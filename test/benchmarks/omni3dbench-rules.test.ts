/**
 * Omni3D-Bench under VLMEvalKit's rules. Every expected value was produced by running the ORIGINAL
 * `extract_answer` and `Omni3DBench_acc` (vlmeval/dataset/utils/omni3dbench.py of the Actial bundle
 * warmsnow-sh/Actial@32f46c31 and of open-compass/VLMEvalKit@e8e78f05, which agree on every case)
 * under CPython 3.11 on these rows, outside this repo: per row, the one non-None number the script
 * returns for a one-row frame (the row's credit); per table, the four numbers.
 */
import { describe, expect, it } from 'vitest';
import { omni3dCredit } from '../../benchmarks/omni3dbench.js';
import { omni3dAnsTag } from '../../src/extract/omni3d.js';
import { evaluate } from '../../src/score/evaluate.js';
import { omni3dBench } from '../../benchmarks/omni3dbench.js';
import type { PredictionRecord } from '../../src/workdir/records.js';

/** [id, answer_type, gold, prediction, extracted, credit (null: counted in no tally)]. */
type Row = [string, string, string, string, string, number | null];

const ROWS: readonly Row[] = [
  ["int-exact", "int", "3", "3", "3", 1.0],
  ["int-spaces", "int", "3", " 3 ", " 3 ", 1.0],
  ["int-newline", "int", "3", "3\n", "3\n", 1.0],
  ["int-float-text", "int", "3", "3.0", "3.0", 0.0],
  ["int-plus", "int", "3", "+3", "+3", 1.0],
  ["int-underscore", "int", "10", "1_0", "1_0", 1.0],
  ["int-arabic-digit", "int", "3", "٣", "٣", 1.0],
  ["int-fullwidth", "int", "3", "３", "３", 1.0],
  ["int-with-noun", "int", "3", "3 chairs", "3 chairs", 0.0],
  ["int-word", "int", "3", "three", "three", 0.0],
  ["int-negative", "int", "2", "-2", "-2", 0.0],
  ["int-zero", "int", "0", "0", "0", 1.0],
  ["int-tag", "int", "3", "<ans>3</ans>", "3", 1.0],
  ["int-tag-spaces", "int", "3", "<ans> 3 </ans>", " 3 ", 1.0],
  ["int-tag-unclosed", "int", "3", "blah <ans>3", "3", 1.0],
  ["int-tag-unclosed-trailing", "int", "3", "<ans>3 and more", "3 and more", 0.0],
  ["int-two-tags", "int", "3", "<ans>4</ans> <ans>3</ans>", "4", 0.0],
  ["int-answer-tag-not-ans", "int", "3", "<answer>3</answer>", "<answer>3</answer>", 0.0],
  ["int-think-then-tag", "int", "3", "<think>maybe 4</think><ans>3</ans>", "3", 1.0],
  ["int-empty", "int", "3", "", "", 0.0],
  ["yn-yes", "str", "yes", "yes", "yes", 1.0],
  ["yn-Yes-cap", "str", "yes", "Yes", "Yes", 1.0],
  ["yn-yes-period", "str", "yes", "Yes.", "Yes.", 1.0],
  ["yn-true", "str", "yes", "True", "True", 1.0],
  ["yn-yes-tag-spaces", "str", "yes", "<ans> yes </ans>", " yes ", 1.0],
  ["yn-eyes", "str", "yes", "the eyes are closed", "the eyes are closed", 1.0],
  ["yn-yes-vs-no", "str", "yes", "no", "no", 0.0],
  ["yn-no", "str", "no", "no", "no", 1.0],
  ["yn-No-cap", "str", "no", "No", "No", 1.0],
  ["yn-not", "str", "no", "not", "not", 1.0],
  ["yn-know", "str", "no", "I know it is yes", "I know it is yes", 1.0],
  ["yn-cannot", "str", "no", "cannot tell", "cannot tell", 1.0],
  ["yn-none", "str", "no", "None", "None", 1.0],
  ["yn-false", "str", "no", "False", "False", 1.0],
  ["yn-no-vs-yes", "str", "no", "yes", "yes", 0.0],
  ["yn-no-vs-true", "str", "no", "true", "true", 0.0],
  ["yn-gt-Yes-capital", "str", "Yes", "Yes", "Yes", 0.0],
  ["yn-empty", "str", "yes", "", "", 0.0],
  ["mc-exact", "str", "left", "left", "left", 1.0],
  ["mc-case", "str", "left", "Left", "Left", 1.0],
  ["mc-space", "str", "left", " left", " left", 0.0],
  ["mc-period", "str", "left", "left.", "left.", 0.0],
  ["mc-tag", "str", "left", "<ans>left</ans>", "left", 1.0],
  ["mc-tag-spaces", "str", "left", "<ans> left </ans>", " left ", 0.0],
  ["mc-sentence", "str", "left", "It is on the left", "It is on the left", 0.0],
  ["mc-gt-upper", "str", "S", "S", "S", 0.0],
  ["mc-gt-upper-lower-pred", "str", "S", "s", "s", 0.0],
  ["mc-multiword", "str", "red chair", "Red Chair", "Red Chair", 1.0],
  ["f-exact", "float", "2.5", "2.5", "2.5", 1.0],
  ["f-spaces", "float", "2.5", " 2.5 ", " 2.5 ", 1.0],
  ["f-int-text", "float", "2.5", "3", "3", 0.6],
  ["f-close", "float", "2.5", "2.4", "2.4", 1.0],
  ["f-rel-0.05-boundary", "float", "1.0", "1.05", "1.05", 0.9],
  ["f-rel-0.2", "float", "10", "12", "12", 0.6],
  ["f-rel-0.45", "float", "10", "14.5", "14.5", 0.1],
  ["f-rel-0.5", "float", "10", "15", "15", 0.0],
  ["f-rel-0.1-down", "float", "10", "9", "9", 0.8],
  ["f-negative-pred", "float", "2.5", "-2.5", "-2.5", 0.0],
  ["f-negative-gt", "float", "-1.0", "5", "5", 1.0],
  ["f-sci", "float", "2.5", "2.5e0", "2.5e0", 1.0],
  ["f-comma", "float", "2.5", "2,5", "2,5", 0.0],
  ["f-nan-text", "float", "2.5", "nan", "nan", 0.0],
  ["f-inf-text", "float", "2.5", "inf", "inf", 0.0],
  ["f-unit", "float", "2.5", "2.5 m", "2.5 m", 0.0],
  ["f-tag", "float", "2.5", "<ans>2.5</ans>", "2.5", 1.0],
  ["f-tag-unclosed", "float", "2.5", "<ans> 2.6", " 2.6", 1.0],
  ["f-empty", "float", "2.5", "", "", 0.0],
  ["f-gt-zero-pred-unparseable", "float", "0", "abc", "abc", 0.0],
  ["ans-tag-yes", "str", "yes", "<answer>Yes</answer>", "<answer>Yes</answer>", 1.0],
  ["ans-tag-fraction", "float", "2.5", "<answer>5/2</answer>", "<answer>5/2</answer>", 0.0],
  ["ans-tag-int-float", "int", "3", "<answer>3.0</answer>", "<answer>3.0</answer>", 0.0],
  ["other-type", "bool", "yes", "yes", "yes", null],
];

const TABLES: readonly { name: string; ids: string[]; want: Record<string, number | null> }[] = [
  {"name": "mixed-all-types", "ids": ["int-exact", "int-float-text", "yn-not", "yn-yes-vs-no", "mc-case", "mc-exact", "f-exact", "f-rel-0.2", "f-empty"], "want": {"Yes/No Accuracy": 0.5, "Multiple Choice Accuracy": 1.0, "Numeric (count) Accuracy": 0.5, "Numeric (other) Mean Relative Accuracy": 0.5333333333333332}},
  {"name": "no-float-rows", "ids": ["int-exact", "yn-yes", "mc-exact"], "want": {"Yes/No Accuracy": 1.0, "Multiple Choice Accuracy": 1.0, "Numeric (count) Accuracy": 1.0, "Numeric (other) Mean Relative Accuracy": null}},
  {"name": "only-float-rows", "ids": ["f-exact", "f-rel-0.2", "f-rel-0.45", "f-negative-gt", "f-unit"], "want": {"Yes/No Accuracy": null, "Multiple Choice Accuracy": null, "Numeric (count) Accuracy": null, "Numeric (other) Mean Relative Accuracy": 0.5400000000000001}},
];

function kindOf(type: string, gold: string): string {
  if (type === 'int') return 'count';
  if (type === 'float') return 'other number';
  if (type === 'str') return gold === 'yes' || gold === 'no' ? 'yes/no' : 'multiple choice';
  return 'none';
}

describe('Omni3D-Bench, VLMEvalKit protocol', () => {
  it.each(ROWS.map((r) => [r[0], r] as const))('%s', (_id, [, type, gold, prediction, extracted, credit]) => {
    expect(omni3dAnsTag.run(prediction, [])).toBe(extracted);
    const got = omni3dCredit(extracted, gold, { answer_type: type, answer_kind: kindOf(type, gold) });
    if (credit === null) expect(got).toBe(0);
    else expect(got).toBeCloseTo(credit, 12);
  });

  it.each(TABLES.map((t) => [t.name, t] as const))('table %s: the four numbers the script prints', (_name, t) => {
    const byId = new Map(ROWS.map((r) => [r[0], r]));
    const latest = new Map<string, PredictionRecord>();
    t.ids.forEach((id, i) => {
      const [, type, gold, prediction] = byId.get(id) as Row;
      latest.set(String(i), {
        index: String(i), prompt_hash: 'h', settings_hash: 's', status: 'ok', prediction, finish_reason: 'stop', usage: null,
        latency_ms: 1, attempts: 1, time: 't', answer: gold, choices: [], fields: { answer_type: type, answer_kind: kindOf(type, gold) },
      });
    });
    const [p] = evaluate(latest, omni3dBench.protocols, false).protocols;
    for (const [name, want] of Object.entries(t.want)) {
      const got = p?.metrics.get(name)?.value;
      if (want === null) expect(Number.isNaN(got), name).toBe(true);
      else expect(got, name).toBeCloseTo(want, 12);
    }
  });
});
