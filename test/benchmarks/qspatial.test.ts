/**
 * Q-Spatial-Bench QSpatial_plus through the CLI on a Parquet file in the HF schema (question,
 * answer_value, answer_unit, question_type, image_path, image): the image and VLMEvalKit's one text
 * (system prompt, newline, user prompt) are sent; the stored predictions are then rewritten with
 * replies the originals decided (qspatial-cases.ts: the authors' evaluator and VLMEvalKit's regex
 * branch, run in Python) and `actial-eval score` must report delta_2, delta_1_point_5 and the
 * authors' success rate, overall and per question type, computed here from those decisions.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { field, writeParquetGroups } from '../../bench/synthetic-parquet.js';
import { TINY_PNG } from '../../bench/synthetic.js';
import { QSPATIAL_CASES } from './qspatial-cases.js';
import { errorLines, expectMetrics, MODEL, outputs, runCli, runDataset, tempDir } from './helpers.js';

const FIELDS = [field.string('question'), field.double('answer_value'), field.string('answer_unit'), field.string('question_type'), field.string('image_path'), field.image('image')];
const TYPES = ['distance', 'size'];
const SYSTEM =
  'You will be provided with a question and a 2D image. The question involves measuring the precise distance in 3D space through a 2D image. You will answer the question by providing a numeric answer consisting of a scalar and a distance unit in the format of """\\scalar{scalar} \\distance_unit{distance unit}""" at the end of your response.';

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;
function byType(hits: readonly boolean[], overall: string): Record<string, number> {
  const out: Record<string, number> = { [overall]: mean(hits.map(Number)) };
  TYPES.forEach((t, k) => (out[t] = mean(hits.filter((_, i) => i % 2 === k).map(Number))));
  return out;
}

describe('Q-Spatial-Bench QSpatial_plus, as VLMEvalKit asks it', () => {
  it('sends the image and one text, and scores delta_2, delta_1_point_5 and the authors\' rule', async () => {
    const dir = await tempDir();
    const path = join(dir, 'QSpatial_plus-00000-of-00001.parquet');
    const rows = QSPATIAL_CASES.map((c, i) => ({ question: `What is the distance between the mug and the kettle (${i})?`, answer_value: c.value, answer_unit: c.unit, question_type: TYPES[i % 2], image_path: `${i}.jpg`, image: { bytes: TINY_PNG, path: `${i}.jpg` } }));
    await writeParquetGroups(path, { fields: FIELDS }, [rows]);
    const run = await runDataset(dir, 'QSpatial_plus', { class: 'QSpatial', dataset: 'QSpatial_plus', path });
    expect(run.code, run.stderr).toBe(0);
    const store = join(run.work, MODEL, `${MODEL}_QSpatial_plus.jsonl`);
    const recs = (await readFile(store, 'utf8')).split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(recs.find((r) => r['index'] === '0')?.['question']).toBe(`${SYSTEM}\nQuestion: ${rows[0]?.question ?? ''}\nLet's thinkg step by step and start by finding good reference objects or object parts in the image.`);

    await writeFile(store, `${recs.map((r) => JSON.stringify({ ...r, prediction: QSPATIAL_CASES[Number(r['index'])]?.reply })).join('\n')}\n`);
    const rescored = await runCli(['score', '--work-dir', run.work]);
    expect(errorLines(rescored.stderr)).toEqual([]);

    const { summary } = await outputs(run.work, 'QSpatial_plus');
    expectMetrics(summary.metrics['vlmevalkit'], byType(QSPATIAL_CASES.map((c) => c.delta2), 'delta_2'));
    expectMetrics(summary.metrics['vlmevalkit-delta-1.5'], byType(QSPATIAL_CASES.map((c) => c.delta15), 'delta_1_point_5'));
    expectMetrics(summary.metrics['authors-rule'], byType(QSPATIAL_CASES.map((c) => c.authors?.[0] === true), 'success_rate'));
    expect(summary.primary).toMatchObject({ metric: 'delta_2' });
  });
});
