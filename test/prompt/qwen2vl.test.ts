/**
 * Qwen2VLPromptMixin as VLMEvalKit bundled with Actial builds it: which datasets it takes over, and
 * the exact text. The expected texts were produced by running the ORIGINAL mixin
 * (warmsnow-sh/Actial@32f46c31 VLMEvalKit/vlmeval/vlm/qwen2_vl/prompt.py, use_custom_prompt then
 * build_prompt, under CPython 3.11 with pandas NaN for empty cells) on these rows, outside this repo.
 */
import { describe, expect, it } from 'vitest';
import type { Sample, TsvPromptFields } from '../../src/core/types.js';
import { mixinBuilderFor, mixinSample, pyRstrip, vlmevalkitDatasetType } from '../../src/prompt/qwen2vl.js';

interface Case {
  readonly name: string;
  readonly dataset: string;
  readonly tsv: TsvPromptFields;
  /** null: the mixin declines and the dataset's own prompt is sent. */
  readonly text: string | null;
}

const CASES: readonly Case[] = [
  {"name": "mcq plain", "dataset": "SpatialEval", "tsv": {"question": "Where is the cat?", "options": [{"letter": "A", "text": "left"}, {"letter": "B", "text": "right"}]}, "text": "Question: Where is the cat?\nOptions:\nA. left\nB. right\nPlease select the correct answer from the options above."},
  {"name": "mcq hint", "dataset": "MMSIBench_circular", "tsv": {"question": "Which way?", "options": [{"letter": "A", "text": "north"}, {"letter": "B", "text": "south"}], "hint": "Look at the door."}, "text": "Hint: Look at the door.\nQuestion: Which way?\nOptions:\nA. north\nB. south\nPlease select the correct answer from the options above."},
  {"name": "mcq nan hint", "dataset": "BLINK", "tsv": {"question": "Q?", "options": [{"letter": "A", "text": "x"}, {"letter": "B", "text": "y"}]}, "text": "Question: Q?\nOptions:\nA. x\nB. y\nPlease select the correct answer from the options above."},
  {"name": "mcq cjk", "dataset": "BLINK", "tsv": {"question": "猫在哪里？", "options": [{"letter": "A", "text": "左"}, {"letter": "B", "text": "右"}]}, "text": "Question: 猫在哪里？\nOptions:\nA. 左\nB. 右\n请直接回答选项字母。"},
  {"name": "mcq cjk in option only", "dataset": "BLINK", "tsv": {"question": "Where?", "options": [{"letter": "A", "text": "左边"}, {"letter": "B", "text": "right"}]}, "text": "Question: Where?\nOptions:\nA. 左边\nB. right\n请直接回答选项字母。"},
  {"name": "mcq no options", "dataset": "MMSIBench_circular", "tsv": {"question": "Options: A: up, B: down\n", "options": []}, "text": "Question: Options: A: up, B: down"},
  {"name": "mcq trailing spaces in option", "dataset": "BLINK", "tsv": {"question": "Q?", "options": [{"letter": "A", "text": "a"}, {"letter": "B", "text": "b  "}]}, "text": "Question: Q?\nOptions:\nA. a\nB. b  \nPlease select the correct answer from the options above."},
  {"name": "vqa omni3d", "dataset": "Omni3DBench", "tsv": {"question": "How many chairs are there?", "options": []}, "text": "How many chairs are there?\nPlease try to answer the question with short words or phrases if possible."},
  {"name": "unknown 3dsr", "dataset": "_3DSRBench", "tsv": {"question": "Q?", "options": [{"letter": "A", "text": "a"}, {"letter": "B", "text": "b"}]}, "text": null},
  {"name": "registered 3dsr", "dataset": "3DSRBench", "tsv": {"question": "Q?", "options": [{"letter": "A", "text": "a"}, {"letter": "B", "text": "b"}]}, "text": "Question: Q?\nOptions:\nA. a\nB. b\nPlease select the correct answer from the options above."},
  {"name": "yn hallusion", "dataset": "HallusionBench", "tsv": {"question": "Is it red?", "options": []}, "text": "Is it red? Please answer yes or no."},
  {"name": "yn vsr declines", "dataset": "VSR-zeroshot", "tsv": {"question": "Is it red?", "options": []}, "text": null},
  {"name": "vqa mmvet declines", "dataset": "MMVet", "tsv": {"question": "What?", "options": []}, "text": null},
  {"name": "mmmu", "dataset": "MMMU_DEV_VAL", "tsv": {"question": "Q?", "options": [{"letter": "A", "text": "a"}, {"letter": "B", "text": "b"}]}, "text": "Question: Q?\nOptions:\nA. a\nB. b\nPlease select the correct answer from the options above."},
  {"name": "openended custom", "dataset": "MySet_openended", "tsv": {"question": "Describe.", "options": []}, "text": "Describe.\nPlease try to answer the question with short words or phrases if possible."},
  {"name": "lego declines", "dataset": "LEGO", "tsv": {"question": "Q?", "options": [{"letter": "A", "text": "a"}, {"letter": "B", "text": "b"}]}, "text": null},
  {"name": "cv-bench-2d", "dataset": "CV-Bench-2D", "tsv": {"question": "How many?", "options": [{"letter": "A", "text": "1"}, {"letter": "B", "text": "2"}]}, "text": "Question: How many?\nOptions:\nA. 1\nB. 2\nPlease select the correct answer from the options above."},
  {"name": "custom name declines", "dataset": "DemoSpatial", "tsv": {"question": "Q?", "options": [{"letter": "A", "text": "a"}, {"letter": "B", "text": "b"}]}, "text": null},
  {"name": "question trailing newline no options", "dataset": "SpatialEval", "tsv": {"question": "Q?\n\n", "options": []}, "text": "Question: Q?"},
];

const IMAGE = { kind: 'image' as const, image: { data: Buffer.from('x'), mime: 'image/png' } };

describe('Qwen2VLPromptMixin', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const builder = mixinBuilderFor(c.dataset);
    expect(builder === null ? null : 'taken').toBe(c.text === null ? null : 'taken');
    if (builder === null || c.text === null) return;
    const sample: Sample = { index: '1', parts: [{ kind: 'text', text: 'dataset prompt' }, IMAGE, IMAGE], choices: [], answer: 'A', fields: {}, tsvPrompt: c.tsv };
    const asked = mixinSample(sample, builder);
    expect(asked.parts.map((p) => p.kind)).toEqual(['image', 'image', 'text']);
    expect(asked.parts[2]).toEqual({ kind: 'text', text: c.text });
  });

  it('leaves a sample without TSV prompt fields (a Parquet row) as the dataset built it', () => {
    const sample: Sample = { index: '1', parts: [{ kind: 'text', text: 'p' }, IMAGE], choices: [], answer: 'A', fields: {} };
    expect(mixinSample(sample, 'mcq')).toBe(sample);
  });

  it('types names as VLMEvalKit registers them, "openended" ones as VQA, others as unknown', () => {
    expect(vlmevalkitDatasetType('Omni3DBench')).toBe('VQA');
    expect(vlmevalkitDatasetType('SpatialEval')).toBe('MCQ');
    expect(vlmevalkitDatasetType('_3DSRBench')).toBeNull();
    expect(vlmevalkitDatasetType('X_OpenEnded')).toBe('VQA');
    expect(vlmevalkitDatasetType('MMBench-Video')).toBe('other');
  });

  it('strips what Python str.rstrip() strips, and keeps U+FEFF as Python does', () => {
    expect(pyRstrip('a \t\n\x1c\x85\u3000')).toBe('a');
    expect(pyRstrip('a\ufeff')).toBe('a\ufeff');
  });
});
