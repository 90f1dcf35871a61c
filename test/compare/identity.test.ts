import { describe, expect, it } from 'vitest';
import { checkPrompts, samePrompt } from '../../src/compare/identity.js';
import { pairUnits } from '../../src/compare/compare.js';
import { buildRequest } from '../../src/request/build.js';
import type { GenerationSettings, Sample } from '../../src/core/types.js';
import type { PredictionRecord } from '../../src/workdir/records.js';
import { InputError } from '../../src/core/errors.js';
import { TINY_PNG } from '../../bench/synthetic.js';

const sample: Sample = {
  index: '1',
  parts: [{ kind: 'image', image: { data: TINY_PNG, mime: 'image/png' } }, { kind: 'text', text: 'Which is closer?' }],
  choices: [{ letter: 'A', text: 'cup' }, { letter: 'B', text: 'box' }],
  answer: 'A',
  fields: {},
};
const settings: GenerationSettings = { model: 'base', temperature: 0, max_tokens: 16, extra: {} };

function record(index: string, over: Partial<PredictionRecord> = {}): PredictionRecord {
  return {
    index, prompt_hash: 'p', settings_hash: 's', status: 'ok', prediction: 'A', finish_reason: 'stop', usage: null, latency_ms: 1, attempts: 1, time: '',
    question: 'Which is closer?', answer: 'A', choices: sample.choices, fields: {}, question_hash: 'q', ...over,
  };
}

describe('question hash', () => {
  it('ignores settings (another checkpoint, system prompt, temperature) but not the prompt', () => {
    const base = buildRequest(sample, settings);
    const other = buildRequest(sample, { ...settings, model: 'candidate', temperature: 0.7, system_prompt: 'Think first.' });
    expect(other.promptHash).not.toBe(base.promptHash);
    expect(other.questionHash).toBe(base.questionHash);
    const otherImage: Sample = { ...sample, parts: [{ kind: 'image', image: { data: Buffer.from(TINY_PNG).fill(1, 40, 41), mime: 'image/png' } }, sample.parts[1]!] };
    expect(buildRequest(otherImage, settings).questionHash).not.toBe(base.questionHash);
  });
});

describe('prompt check', () => {
  it('compares question hashes, else question text and options, and always the gold answer', () => {
    expect(samePrompt(record('1'), record('1', { prompt_hash: 'other' }))).toBe('same');
    expect(samePrompt(record('1'), record('1', { question_hash: 'r' }))).toBe('different');
    expect(samePrompt(record('1'), record('1', { answer: 'B' }))).toBe('different');
    expect(samePrompt(record('1', { question_hash: undefined }), record('1'))).toBe('same-text');
    expect(samePrompt(record('1', { question_hash: undefined }), record('1', { question: 'Which is farther?' }))).toBe('different');
    expect(samePrompt(record('1', { question_hash: undefined }), record('1', { choices: [] }))).toBe('different');
    expect(samePrompt(record('1', { question_hash: undefined, question: undefined }), record('1'))).toBe('unverified');
  });

  it('refuses a store pair with any differing row, naming it; counts what it could only match by text', () => {
    const a = new Map([['1', record('1')], ['2', record('2')], ['3', record('3')]]);
    const b = new Map([['1', record('1', { question_hash: undefined })], ['2', record('2')]]);
    expect(checkPrompts('Set', a, b)).toEqual({ rows: 2, byText: 1, unverified: 0 });
    const bad = new Map([...b, ['2', record('2', { question_hash: 'x', question: 'Another question' })]]);
    expect(() => checkPrompts('Set', a, bad)).toThrow(InputError);
    expect(() => checkPrompts('Set', a, bad)).toThrow(/Set: 1 of 2 rows .*index 2: A "Which is closer\?" \(answer A\) vs B "Another question"/);
  });
});

describe('pairing units', () => {
  it('pairs by key; a group with another number of rows on the other side stays unpaired', () => {
    const unit = (index: string, hit: boolean, members?: number) => ({ index, hit, answer: 'A', extracted: 'A', method: 'm', fields: {}, ...(members === undefined ? {} : { members }) });
    const { paired, onlyA, onlyB } = pairUnits([unit('1', true, 4), unit('2', false, 4), unit('3', true, 4)], [unit('2', true, 4), unit('1', false, 3), unit('9', true, 4)]);
    expect(paired).toEqual([{ key: '2', hitA: false, hitB: true, fields: {} }]);
    expect([onlyA, onlyB]).toEqual([2, 2]);
  });
});
