import { describe, expect, it } from 'vitest';
import type { Choice } from '../../src/core/types.js';
import { answerKindOf, extractAnswer, runPipeline } from '../../src/extract/pipelines.js';
import { PIPELINE_REGISTRY, pipelineNamed } from '../../benchmarks/index.js';
import { named } from './named.js';
import { answerTagContent, outsideThink } from '../../src/extract/narrow.js';

const ANIMALS: Choice[] = ['cat', 'dog', 'bird', 'fish'].map((text, i) => ({
  letter: String.fromCharCode(65 + i),
  text,
}));

describe('pipeline registry', () => {
  it('registers the generic pipelines, then each benchmark\'s own, under unique names', () => {
    expect([...PIPELINE_REGISTRY.keys()]).toEqual([
      'vlmevalkit', 'robust', 'strict', 'vlmevalkit-spatial', 'numeric', 'yes-no', 'vlmevalkit@6708e8fb', 'lmms-first-letter', 'blink', 'lmms-3dsr', 'mmsi', 'lmms-mmsi',
      'omni3d-ans', 'sat-reply', 'lmms-sat-clean',
      'spatialeval', 'spatialeval@claude', 'spatialeval@geminiv', 'spatialeval@gpt4o',
      'vsibench', 'vsibench-vlmevalkit', 'vsibench-lmms-eval',
      'sparbench', 'sparbench-vlmevalkit', 'viewspatial',
      'mindcube', 'mindcube-lmms', 'site',
      'lmms-mmvp', 'mmvp-gpt-grader', 'lmms-realworldqa', 'spatial457', 'vlmevalkit-yorn', 'vlmevalkit-qspatial', 'qspatial', 'stare-fast-extract',
      'omnispatial', 'lmms-omni-spatial',
      'sharegpt', 'actial-reward',
    ]);
    for (const [name, p] of PIPELINE_REGISTRY) expect(p.name).toBe(name);
  });

  it.each([
    ['vlmevalkit', true],
    ['robust', true],
    ['blink', true],
    ['Default', false],
    ['vlmevalkit ', false],
    ['', false],
    ['judge', false],
  ] as const)('pipelineNamed(%j) finds one: %s', (name, expected) => {
    expect(pipelineNamed(name) !== undefined).toBe(expected);
  });

  it('exposes the step order of each pipeline', () => {
    expect(named('vlmevalkit').narrowers).toEqual([]);
    expect(named('vlmevalkit').steps.map((s) => s.name)).toEqual(['vlmevalkit-option', 'vlmevalkit-text']);
    expect(named('robust').narrowers.map((n) => n.name)).toEqual(['answer-tag', 'think', 'doubt']);
    expect(named('robust').steps.map((s) => s.name)).toEqual([
      'boxed', 'bare-letter', 'letter-and-text', 'answer-is', 'backticks', 'conclusion-label', 'leading-letter',
      'last-line-letter', 'sole-letter', 'option-text',
    ]);
    expect(named('strict').steps.map((s) => s.name)).toEqual([
      'bare-letter', 'letter-and-text', 'boxed', 'backticks', 'answer-is', 'last-line-letter',
    ]);
    expect(named('blink').steps.map((s) => s.name)).toEqual(['blink-exact', 'blink-last-paragraph', 'blink-paren']);
    expect(named('vlmevalkit-spatial').steps.map((s) => s.name)).toEqual([
      'spatial-answer-block', 'spatial-tail-tag', 'spatial-last-lines', 'spatial-window-lines', 'spatial-phrase',
      'spatial-unique-letter',
    ]);
    expect(named('numeric').steps.map((s) => s.name)).toEqual(['boxed-number', 'number']);
    expect(named('yes-no').steps.map((s) => s.name)).toEqual(['boxed-yes-no', 'yes-no']);
  });

  it('states the kind of answer each pipeline gives', () => {
    expect([...PIPELINE_REGISTRY.values()].map((p) => [p.name, answerKindOf(p)])).toEqual([
      ['vlmevalkit', 'letter'], ['robust', 'letter'], ['strict', 'letter'], ['vlmevalkit-spatial', 'letter'],
      ['numeric', 'number'], ['yes-no', 'yes-no'], ['vlmevalkit@6708e8fb', 'letter'], ['lmms-first-letter', 'letter'], ['blink', 'letter'],
      ['lmms-3dsr', 'letter'], ['mmsi', 'letter'], ['lmms-mmsi', 'letter'],
      ['omni3d-ans', 'text'], ['sat-reply', 'text'], ['lmms-sat-clean', 'text'],
      ['spatialeval', 'text'], ['spatialeval@claude', 'text'], ['spatialeval@geminiv', 'text'], ['spatialeval@gpt4o', 'text'],
      ['vsibench', 'text'], ['vsibench-vlmevalkit', 'text'], ['vsibench-lmms-eval', 'text'],
      ['sparbench', 'text'], ['sparbench-vlmevalkit', 'text'], ['viewspatial', 'letter'],
      ['mindcube', 'letter'], ['mindcube-lmms', 'letter'], ['site', 'letter'],
      ['lmms-mmvp', 'letter'], ['mmvp-gpt-grader', 'letter'], ['lmms-realworldqa', 'text'], ['spatial457', 'text'], ['vlmevalkit-yorn', 'yes-no'], ['vlmevalkit-qspatial', 'text'], ['qspatial', 'text'], ['stare-fast-extract', 'text'],
      ['omnispatial', 'letter'], ['lmms-omni-spatial', 'letter'],
      ['sharegpt', 'text'], ['actial-reward', 'text'],
    ]);
  });

  it('gives every step a distinct name, since the name is the recorded method', () => {
    const byName = new Map<string, unknown>();
    for (const p of PIPELINE_REGISTRY.values()) {
      for (const step of p.steps) {
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
    expect(runPipeline({ name: 'empty', narrowers: [], steps: [] }, 'B', ANIMALS)).toEqual({ answer: null, method: 'none' });
    expect(extractAnswer('robust', '<answer>maybe</answer>', ANIMALS)).toEqual({ answer: null, method: 'none' });
  });

  it('passes the narrowed text, not the original, to the steps', () => {
    const seen: string[] = [];
    const spy = { name: 'spy', run: (text: string) => (seen.push(text), 'A') };
    const result = runPipeline({ name: 'spy', narrowers: named('robust').narrowers, steps: [spy] }, '<think>x</think> y ', ANIMALS);
    expect(result).toEqual({ answer: 'A', method: 'think>spy' });
    expect(seen).toEqual(['y']);
  });
});
