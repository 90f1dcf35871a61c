/**
 * lmms-eval's answer rules, as each benchmark's `lmms-eval` protocols run them, against the original
 * functions' outputs on the same strings (lmms-eval-cases.ts says how they were produced).
 */
import { describe, expect, it } from 'vitest';
import { BENCHMARKS } from '../../benchmarks/index.js';
import type { Protocol } from '../../src/benchmark/types.js';
import type { Choice } from '../../src/core/types.js';
import { runPipeline } from '../../src/extract/pipelines.js';
import { unitKey } from '../../src/score/grouping.js';
import { FIRST_LETTER, MMSI, QID_KEYS, SR3D } from './lmms-eval-cases.js';

const protocol = (benchmark: string, name: string): Protocol => {
  const found = BENCHMARKS.find((b) => b.id === benchmark)?.protocols.find((p) => p.name === name);
  if (found === undefined) throw new Error(`${benchmark} has no protocol ${name}`);
  return found;
};

const FOUR: Choice[] = ['left', 'right', 'front', 'behind'].map((text, i) => ({ letter: 'ABCD'[i] as string, text }));

/** The protocol's letter for a reply and whether it earns credit against gold B (exact match, as it declares no scorer). */
function verdict(p: Protocol, reply: string): { letter: string | null; hit: boolean } {
  expect(p.scorer).toBeUndefined();
  const { answer } = runPipeline(p.extract, reply, FOUR);
  return { letter: answer, hit: answer === 'B' };
}

describe.each([
  ['cv-bench', 'lmms-eval'], ['cv-bench-2d', 'lmms-eval'], ['cv-bench-3d', 'lmms-eval'], ['blink', 'lmms-eval'],
] as const)("%s %s: _extract_answer_letter and process_results' is_correct", (benchmark, name) => {
  it.each(FIRST_LETTER.map((c) => [JSON.stringify(c[0]), c] as const))('%s', (_label, [reply, letter, hitB]) => {
    expect(verdict(protocol(benchmark, name), reply)).toEqual({ letter, hit: hitB });
  });
});

describe.each(['lmms-eval', 'lmms-eval-flip', 'lmms-eval-circular', 'lmms-eval-flip_circular'])("3dsrbench %s: extract_answer and process_results' score", (name) => {
  it.each(SR3D.map((c) => [JSON.stringify(c[0]), c] as const))('%s', (_label, [reply, letter, scoreB]) => {
    expect(verdict(protocol('3dsrbench', name), reply)).toEqual({ letter, hit: scoreB === 1 });
  });
});

describe("3dsrbench lmms-eval settings: the originals' group keys", () => {
  const settings = { 'lmms-eval-flip': 1, 'lmms-eval-circular': 2, 'lmms-eval-flip_circular': 3 } as const;
  it.each(QID_KEYS.map((k) => [k[0], k] as const))('%s', (qid, keys) => {
    for (const [name, at] of Object.entries(settings)) {
      // Two qids share a unit exactly when the original gives them one key: compare against each case's key.
      for (const other of QID_KEYS) {
        const same = unitKey(protocol('3dsrbench', name).grouping, '1', { qid }) === unitKey(protocol('3dsrbench', name).grouping, '2', { qid: other[0] });
        expect(same, `${name}: ${qid} vs ${other[0]}`).toBe(keys[at] === other[at]);
      }
    }
  });
});

describe("mmsi-bench lmms-eval: lmms-eval's extract_single_choice_with_word_boundary", () => {
  it.each(MMSI.map((c) => [JSON.stringify(c[0]), c] as const))('%s', (_label, [reply, letter]) => {
    expect(verdict(protocol('mmsi-bench', 'lmms-eval'), reply).letter).toBe(letter);
  });
});
