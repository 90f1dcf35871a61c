/**
 * BLINK's official extraction, table-driven against the original code (zeyofu/BLINK_Benchmark
 * eval/test_benchmark.py `analyze_answer` and eval/multiple_choice.py `build_prompt`, run in Python
 * outside the repo: /work/xcheck/official14/blink/chatty.py and mc.py). Expected values are the
 * original's outputs; null = the script asks GPT-3.5.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { blink } from '../../benchmarks/blink.js';
import { primaryProtocol } from '../../src/benchmark/protocols.js';
import { runPipeline } from '../../src/extract/pipelines.js';
import { BLINK_JUDGE } from '../../src/extract/blink-judge.js';
import { judgeAnswer } from '../../src/mock/judge.js';
import { blinkOracle } from './blink-oracle.js';

const official = primaryProtocol(blink.protocols);
const choices = (n: number) => Array.from({ length: n }, (_, k) => ({ letter: 'ABCDE'[k] ?? '', text: `option ${k + 1}` }));

/** Long, chatty replies in the shapes real models write; analyze_answer's output beside each. */
const CASES: readonly { readonly reply: string; readonly options: number; readonly analyzeAnswer: string | null }[] = [
  { reply: 'Let me look at each option.\n\n(A) The first image shows the car on the left, which does not match.\n(B) The second image shows it on the right, as in the reference.\n\nSo the answer is (B)', options: 2, analyzeAnswer: '(B)' },
  { reply: 'Looking at the scene, the mug (A) is in front of the lamp (B).\n\nTherefore (A) is closer to the camera and (B) is further away.', options: 2, analyzeAnswer: null },
  { reply: 'Point (A) lies on the table, point (B) on the far wall, and point (C) on the floor.\n\nThe one closest to the camera is point (C).', options: 3, analyzeAnswer: null },
  { reply: 'The reflectance of (A) is darker.\n\nThe final answer is (B).', options: 2, analyzeAnswer: '(A)' },
  { reply: '**(A)** is my choice, since the jigsaw piece fits the gap.', options: 2, analyzeAnswer: null },
  { reply: 'I think the answer is (a) because the piece fits.', options: 2, analyzeAnswer: null },
  { reply: '(E) none of the above, since no point corresponds.', options: 4, analyzeAnswer: null },
  { reply: 'B', options: 4, analyzeAnswer: '(B)' },
  { reply: ' B', options: 4, analyzeAnswer: null },
  { reply: '(C)', options: 4, analyzeAnswer: '(C)' },
  { reply: 'The second image, because the brush strokes match the reference painting.', options: 2, analyzeAnswer: null },
  { reply: "I'm sorry, but I can't help with identifying people in images.", options: 4, analyzeAnswer: null },
  { reply: 'Counting carefully, I see three apples: (C) 3\n\n', options: 4, analyzeAnswer: '(C)' },
  { reply: 'Option (D) would be right if the shadow fell the other way, but it does not.\n\nOn balance (B) fits best, not (D).', options: 4, analyzeAnswer: '(B)' },
  { reply: 'The answer: (B)\n\nThough one could argue for (A).', options: 2, analyzeAnswer: '(B)' },
  { reply: '\u00a0(B)\u00a0is correct.', options: 2, analyzeAnswer: '(B)' },
];

describe("BLINK official: the authors' rule", () => {
  it.each(CASES)('$reply', ({ reply, options, analyzeAnswer }) => {
    const got = runPipeline(official.extract, reply, choices(options)).answer;
    expect(got === null ? null : `(${got})`).toBe(analyzeAnswer);
    expect(blinkOracle(reply, options)).toBe(analyzeAnswer);
  });
});

describe("BLINK official: the authors' GPT-3.5 prompt", () => {
  const sha = (text: string) => createHash('sha256').update(text).digest('hex');
  // The stored prompt of a Parquet row: the disclaimer (three subtasks), question, "Select from…", options.
  const stored = (question: string, opts: readonly string[], disclaimer = '') =>
    `${disclaimer}${question}\nSelect from the following choices.\n${opts.map((o, k) => `(${'ABCD'[k] ?? ''}) ${o}`).join('\n')}`;

  it("is build_prompt's text byte for byte, the question taken from the stored prompt", () => {
    const a = BLINK_JUDGE.build({
      question: stored('Which point is closer to the camera?', ['A is closer', 'B is closer']),
      choices: [{ letter: 'A', text: 'A is closer' }, { letter: 'B', text: 'B is closer' }],
      prediction: 'Looking at both points, (A) sits on the table while (B) is on the wall.\n\nThe table is nearer.',
    });
    expect([a.length, sha(a)]).toEqual([2019, '2b67e6c39c1f011b7f3be009ca5ea4e9c57884a0564d646a97f4acfa03174115']);
    const b = BLINK_JUDGE.build({
      question: stored('Which image is the most similar to the reference image?', ['the second image', 'the third image'], "Disclaimer: This is not to make unfair assumptions.\n\n"),
      choices: [{ letter: 'A', text: 'the second image' }, { letter: 'B', text: 'the third image' }],
      prediction: 'The second one.',
    });
    expect([b.length, sha(b)]).toEqual([1969, 'b45adc5d2554687f4cf24242a3663eac5bfe3799340943b9978e8262d052912f']);
  });

  it('reads a reply as the script scores it: only an exact "(X)" of the options names one', () => {
    const two = choices(2);
    expect(BLINK_JUDGE.parse('(B)', two)).toEqual({ kind: 'option', letter: 'B' });
    for (const reply of ['(Z)', '(C) Point C', 'B', '(B) ', '(C)', 'The answer is (A).']) expect(BLINK_JUDGE.parse(reply, two), reply).toEqual({ kind: 'none' });
    expect(BLINK_JUDGE.asks).toBe(1);
  });

  it('the mock recognises it and answers as it answers ours, in its "(X)" form', () => {
    const ask = (prediction: string) => BLINK_JUDGE.build({ question: stored('Where is the lamp?', ['on the desk', 'under the bed']), choices: [{ letter: 'A', text: 'on the desk' }, { letter: 'B', text: 'under the bed' }], prediction });
    expect(BLINK_JUDGE.read(ask('x\n(Z) Failed\nAnswer: y'))?.reply).toBe('x\n(Z) Failed\nAnswer: y');
    expect(judgeAnswer([ask('I would look under the bed first.')])?.content).toBe('(B)');
    expect(judgeAnswer([ask('Either on the desk or under the bed.')])?.content).toBe('(Z)');
  });
});
