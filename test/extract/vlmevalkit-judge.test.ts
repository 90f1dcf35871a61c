/**
 * VLMEvalKit's judge prompt (3DSRBench's official LLM step), against the original: `build_prompt`
 * and `build_option_str` (VLMEvalKit @ e8e78f05) run in Python outside the repo
 * (/work/xcheck/official14/vlmevalkit/vk.py) give these lengths and hashes.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { vlmevalkitMcqPrompt } from '../../src/benchmark/mcq.js';
import { VLMEVALKIT_JUDGE } from '../../src/extract/vlmevalkit-judge.js';
import { judgeAnswer } from '../../src/mock/judge.js';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const lettered = (texts: readonly string[]) => texts.map((text, k) => ({ letter: 'ABCD'[k] ?? '', text }));

describe("VLMEvalKit's judge prompt", () => {
  it('is build_prompt byte for byte, the question taken out of the stored MCQ prompt', () => {
    const two = lettered(['yes', 'no']);
    const a = VLMEVALKIT_JUDGE.build({ question: vlmevalkitMcqPrompt('Is the lamp higher than the chair?', two, undefined), choices: two, prediction: 'Looking from the camera, the lamp sits on the shelf, so I would say yes.' });
    expect([a.length, sha(a)]).toEqual([905, '3ac26134a915f4e1015d71cc27f0dc8fea910c38bd1a692670ea1ed45fb30a69']);
    const four = lettered(['cup', 'book', 'same', 'cannot tell']);
    const b = VLMEVALKIT_JUDGE.build({ question: vlmevalkitMcqPrompt('Which object is closer to the camera, the cup or the book?', four, 'Look at the table.'), choices: four, prediction: '<think>The cup is in front.</think>The cup.' });
    expect([b.length, sha(b)]).toEqual([925, '7acb02d26c240aad43d1766ce1ec6bd22208610740e0af763219af8d8ae903e0']);
  });

  it('reads the reply with can_infer: a letter, Z for none, anything else asked again (3 times)', () => {
    const two = lettered(['yes', 'no']);
    expect(VLMEVALKIT_JUDGE.parse('A', two)).toEqual({ kind: 'option', letter: 'A' });
    expect(VLMEVALKIT_JUDGE.parse('Your output: B', two)).toEqual({ kind: 'option', letter: 'B' });
    expect(VLMEVALKIT_JUDGE.parse('Z', two)).toEqual({ kind: 'none' });
    expect(VLMEVALKIT_JUDGE.parse('I am not sure what to say here.', two)).toEqual({ kind: 'invalid' });
    expect(VLMEVALKIT_JUDGE.asks).toBe(3);
  });

  it('the mock recognises it and answers with the one option the reply names, else Z', () => {
    const three = lettered(['on the desk', 'under the bed', 'by the door']);
    const ask = (prediction: string) => VLMEVALKIT_JUDGE.build({ question: vlmevalkitMcqPrompt('Where is the lamp?', three, undefined), choices: three, prediction });
    expect(VLMEVALKIT_JUDGE.read(ask('It is\n\nAnswer: odd'))).toEqual({ choices: three, reply: 'It is\n\nAnswer: odd' });
    expect(judgeAnswer([ask('I would look under the bed first.')])?.content).toBe('B');
    expect(judgeAnswer([ask('Either on the desk or by the door.')])?.content).toBe('Z');
  });
});
