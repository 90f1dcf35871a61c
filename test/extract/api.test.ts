import { describe, expect, it } from 'vitest';
import type { Choice } from '../../src/core/types.js';
import { answerKindOf, extractAnswer, isPipelineName, PIPELINES, pipelineOf, runPipeline } from '../../src/extract/pipelines.js';
import { answerTagContent, outsideThink } from '../../src/extract/narrow.js';

const ANIMALS: Choice[] = ['cat', 'dog', 'bird', 'fish'].map((text, i) => ({
  letter: String.fromCharCode(65 + i),
  text,
}));

describe('pipeline names', () => {
  it('lists the pipelines for CLI validation', () => {
    expect(PIPELINES).toEqual([
      'vlmevalkit', 'default', 'mmsi', 'strict', 'blink', 'vlmevalkit-spatial', 'numeric', 'yes-no', 'vlmevalkit@6708e8fb',
    ]);
  });

  it.each([
    ['vlmevalkit', true],
    ['default', true],
    ['Default', false],
    ['vlmevalkit ', false],
    ['', false],
    ['judge', false],
  ] as const)('isPipelineName(%j) is %s', (name, expected) => {
    expect(isPipelineName(name)).toBe(expected);
  });

  it('exposes the step order of each pipeline', () => {
    expect(pipelineOf('vlmevalkit').narrowers).toEqual([]);
    expect(pipelineOf('vlmevalkit').steps.map((s) => s.name)).toEqual(['vlmevalkit-option', 'vlmevalkit-text']);
    expect(pipelineOf('default').narrowers.map((n) => n.name)).toEqual(['answer-tag', 'think']);
    expect(pipelineOf('default').steps.map((s) => s.name)).toEqual([
      'vlmevalkit-option', 'vlmevalkit-text', 'boxed', 'backticks', 'answer-is', 'leading-letter', 'last-line-letter',
      'option-text',
    ]);
    expect(pipelineOf('strict').steps.map((s) => s.name)).toEqual([
      'bare-letter', 'letter-and-text', 'boxed', 'backticks', 'answer-is', 'last-line-letter',
    ]);
    expect(pipelineOf('blink').steps.map((s) => s.name)).toEqual(['blink-exact', 'blink-last-paragraph', 'blink-paren']);
    expect(pipelineOf('vlmevalkit-spatial').steps.map((s) => s.name)).toEqual([
      'spatial-answer-block', 'spatial-tail-tag', 'spatial-last-lines', 'spatial-window-lines', 'spatial-phrase',
      'spatial-unique-letter',
    ]);
    expect(pipelineOf('numeric').steps.map((s) => s.name)).toEqual(['boxed-number', 'number']);
    expect(pipelineOf('yes-no').steps.map((s) => s.name)).toEqual(['boxed-yes-no', 'yes-no']);
  });

  it('states the kind of answer each pipeline gives', () => {
    expect(PIPELINES.map((p) => [p, answerKindOf(p)])).toEqual([
      ['vlmevalkit', 'letter'], ['default', 'letter'], ['mmsi', 'letter'], ['strict', 'letter'], ['blink', 'letter'],
      ['vlmevalkit-spatial', 'letter'], ['numeric', 'number'], ['yes-no', 'yes-no'], ['vlmevalkit@6708e8fb', 'letter'],
    ]);
  });

  it('gives every step a distinct name, since the name is the recorded method', () => {
    const byName = new Map<string, unknown>();
    for (const p of PIPELINES) {
      for (const step of pipelineOf(p).steps) {
        expect(byName.get(step.name) ?? step).toBe(step);
        byName.set(step.name, step);
      }
    }
  });
});

describe('narrowers', () => {
  it.each([
    ['no tag', 'B', null],
    ['complete tag, trimmed', '<answer> B </answer>', 'B'],
    ['last complete tag', '<answer>A</answer><answer>C</answer>', 'C'],
    ['unclosed last tag runs to the end', '<answer>A</answer> <answer>D\n', 'D'],
    ['case-insensitive', '<Answer>B</ANSWER>', 'B'],
    ['closing tag only', 'B</answer>', null],
    ['multi-line content', '<answer>\nB. dog\n</answer>', 'B. dog'],
  ] as const)('answer tag: %s', (_name, text, expected) => {
    expect(answerTagContent(text)).toBe(expected);
  });

  it.each([
    ['no tag', 'B', null],
    ['closed block', '<think>A?</think> B', 'B'],
    ['closing tag only', 'reasoning</think>\nC', 'C'],
    ['unclosed block', '<think>A or B', ''],
    ['text before an unclosed block', 'D <think>A or B', 'D'],
    ['closed then reopened', '<think>x</think>C<think>y', 'C'],
    ['two closed blocks', '<think>x</think>A<think>y</think>B', 'B'],
  ] as const)('think: %s', (_name, text, expected) => {
    expect(outsideThink(text)).toBe(expected);
  });
});

describe('runPipeline', () => {
  it('reports none when no step decides, even after narrowing', () => {
    expect(runPipeline({ narrowers: [], steps: [] }, 'B', ANIMALS)).toEqual({ answer: null, method: 'none' });
    expect(extractAnswer('default', '<answer>maybe</answer>', ANIMALS)).toEqual({ answer: null, method: 'none' });
  });

  it('passes the narrowed text, not the original, to the steps', () => {
    const seen: string[] = [];
    const spy = { name: 'spy', run: (text: string) => (seen.push(text), 'A') };
    const result = runPipeline({ narrowers: pipelineOf('default').narrowers, steps: [spy] }, '<think>x</think> y ', ANIMALS);
    expect(result).toEqual({ answer: 'A', method: 'think>spy' });
    expect(seen).toEqual(['y']);
  });
});
