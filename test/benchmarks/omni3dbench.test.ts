/**
 * Omni3D-Bench end to end: a small omnidbench.tsv in VLMEvalKit's schema, asked through the CLI (the
 * embedded mock answers free text in every style it knows), and each of the four numbers the
 * summary reports checked against Omni3DBench_acc's formula applied here to the stored predictions:
 * the `<ans>` cut, Python int() equality for counts, the yes/no substring rule, lowercased equality
 * for other strings, and (1/10)·Σθ (fraction with |gt − pred| / gt < θ) over θ = 0.5 … 0.05.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expectDataError, expectMetrics, mean, outputs, runDataset, tempDir, writeTsv } from './helpers.js';
import { TINY_PNG_B64 } from '../e2e/helpers.js';


const ROWS = [
  ['How many chairs are there?', '4', 'int'], ['How many lamps?', '1', 'int'], ['How many windows?', '3', 'int'],
  ['Is the lamp taller than the table?', 'yes', 'str'], ['Is the bed closer than the sofa?', 'no', 'str'], ['Is the cup on the shelf?', 'yes', 'str'],
  ['Which side is the door on?', 'left', 'str'], ['What colour is the rug?', 'red', 'str'],
  ['How tall is the table in meters?', '0.75', 'float'], ['How far is the wall?', '3.2', 'float'], ['Ratio of heights?', '2.5', 'float'], ['Width of the desk?', '1.4', 'float'],
] as const;

const COLUMNS = ['index', 'image', 'question', 'answer', 'answer_type'];
const THRESHOLDS = [0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05];

/** extract_answer: after the first <ans> up to the next </ans>, else the whole reply. */
const cut = (p: string): string => (p.includes('<ans>') ? (p.split('<ans>')[1] ?? '').split('</ans>')[0] ?? '' : p);
/** Python int(): optional sign, digits, surrounding whitespace (ASCII is all these replies hold). */
const pyInt = (s: string): number | null => (/^\s*[+-]?\d+\s*$/.test(s) ? Number(s) : null);
const pyFloat = (s: string): number | null => (/^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(s) ? Number(s) : null);

function fourNumbers(records: readonly { prediction: string; answer: string; fields: Readonly<Record<string, string>> }[]): Record<string, number> {
  const yn: number[] = [];
  const mc: number[] = [];
  const ct: number[] = [];
  const floats: { pred: number | null; gt: number }[] = [];
  for (const r of records) {
    const pred = cut(r.prediction);
    const type = r.fields['answer_type'];
    if (type === 'int') ct.push(pyInt(pred) !== null && pyInt(pred) === Number(r.answer) ? 1 : 0);
    else if (type === 'float') floats.push({ pred: pyFloat(pred), gt: Number(r.answer) });
    else if (r.answer === 'yes' || r.answer === 'no') {
      const l = pred.toLowerCase();
      yn.push(l.includes(r.answer) || (r.answer === 'yes' && l.includes('true')) || (r.answer === 'no' && l.includes('false')) ? 1 : 0);
    } else mc.push(r.answer === pred.toLowerCase() ? 1 : 0);
  }
  const mra = THRESHOLDS.reduce((s, t) => s + floats.filter((f) => f.pred !== null && Math.abs(f.gt - f.pred) / f.gt < t).length / floats.length, 0) / THRESHOLDS.length;
  const four = { 'Yes/No Accuracy': mean(yn), 'Multiple Choice Accuracy': mean(mc), 'Numeric (count) Accuracy': mean(ct), 'Numeric (other) Mean Relative Accuracy': mra };
  return { ...four, 'Mean of the four (not official)': mean(Object.values(four)) };
}

async function omniTsv(dir: string, rows: readonly (readonly [string, string, string])[]): Promise<string> {
  const file = join(dir, 'Omni3DBench.tsv');
  await writeTsv(file, COLUMNS, rows.map(([question, answer, answer_type], i) => ({ index: String(i), image: TINY_PNG_B64, question, answer, answer_type })));
  return file;
}

describe('Omni3D-Bench (VLMEvalKit class Omni3DBench)', () => {
  it.each(['mixed', 'think', 'sentence'] as const)('reports the four numbers of Omni3DBench_acc and their mean (mock style %s)', async (style) => {
    const dir = await tempDir();
    const path = await omniTsv(dir, ROWS);
    const model = { class: 'GPT4V', model: 'sim', api_base: 'mock', temperature: 0, max_tokens: 64, img_size: -1, mock: { accuracy: 0.7, seed: 5, style } };
    const res = await runDataset(dir, 'Omni3DBench', { class: 'Omni3DBench', dataset: 'Omni3DBench', path }, [], model);
    expect(res.code, res.stderr).toBe(0);
    const { records, summary } = await outputs(res.work, 'Omni3DBench');
    expect(records).toHaveLength(ROWS.length);
    expect(summary.primary).toMatchObject({ metric: 'Mean of the four (not official)' });
    expectMetrics(summary.metrics['vlmevalkit'], fourNumbers(records));
  });

  it('refuses a gold answer the script cannot parse, naming the row', async () => {
    const dir = await tempDir();
    const path = await omniTsv(dir, [['How many?', '3.0', 'int']]);
    const res = await runDataset(dir, 'Omni3DBench', { class: 'Omni3DBench', dataset: 'Omni3DBench', path });
    expectDataError(res, [/Omni3DBench\.tsv \(row 1, column 'answer'\)/, /not an integer/]);
  });
});
