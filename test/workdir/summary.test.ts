import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSummaries, readSummary, SUMMARY_SCHEMA, summaryJson, writeSummary } from '../../src/workdir/summary.js';

const GOLDEN = join(import.meta.dirname, '..', 'fixtures', 'golden-demo', 'expected', 'actial-7b-sim');
const V1_FILE = join(GOLDEN, 'actial-7b-sim_3DSRBench_summary.json');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-summary-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function edited(edit: (s: Record<string, unknown>) => void): Promise<string> {
  const s = JSON.parse(await readFile(V1_FILE, 'utf8')) as Record<string, unknown>;
  edit(s);
  const file = join(dir, 'm_d_summary.json');
  await writeFile(file, `${JSON.stringify(s, null, 2)}\n`);
  return file;
}

describe('summary', () => {
  it('reads a version-1 summary (the demo\'s, as 8f9ec48 wrote it) as version 2, and round-trips', async () => {
    const summary = await readSummary(V1_FILE);
    expect(summary.schema).toBe(SUMMARY_SCHEMA);
    expect(summary.provenance.dataset_file).toEqual(['benchmarks/demo/3DSRBench.tsv']);
    expect(summary.primary).toEqual({ protocol: 'official', metric: 'Overall', value: 0.6666666666666666 });
    const file = join(dir, 'm_d_summary.json');
    await writeSummary(file, summary);
    expect(await readFile(file, 'utf8')).toBe(summaryJson(summary));
    expect(await readSummary(file)).toEqual(summary);
  });

  it('refuses a summary that does not match, naming the field', async () => {
    const cases: [(s: Record<string, unknown>) => void, RegExp][] = [
      [(s) => delete (s['counts'] as Record<string, unknown>)['failed'], /field 'counts\.failed' is missing \(expected number\)/],
      [(s) => ((s['primary'] as Record<string, unknown>)['value'] = '66%'), /field 'primary\.value': expected number, received string/],
      [(s) => ((s['metrics'] as Record<string, Record<string, unknown>>)['official'] = { Overall: 'x' }), /field 'metrics\.official\.Overall': expected number/],
      [(s) => (s['schema'] = 'actial-eval/summary@9'), /field 'schema' "actial-eval\/summary@9" is not a summary this actial-eval reads/],
      [(s) => delete s['schema'], /field 'schema' is missing/],
    ];
    for (const [edit, message] of cases) await expect(readSummary(await edited(edit)), String(message)).rejects.toThrow(message);
  });

  it('reads every summary of a work dir, refusing one whose file name says another pair', async () => {
    await cp(GOLDEN, join(dir, 'actial-7b-sim'), { recursive: true });
    const all = await readSummaries(dir);
    // In file-name order ('DemoSpatial_circular_summary.json' < 'DemoSpatial_summary.json'), as always.
    expect(all.map((s) => s.dataset)).toEqual(['3DSRBench', 'BLINK', 'CV-Bench', 'DemoSpatial_circular', 'DemoSpatial', 'MMSIBench_circular']);
    await mkdir(join(dir, 'other'));
    await cp(V1_FILE, join(dir, 'other', 'other_3DSRBench_summary.json'));
    await expect(readSummaries(dir)).rejects.toThrow(/other_3DSRBench_summary\.json: field 'model': "actial-7b-sim", but the file name says "other"/);
    expect(await readSummaries(join(dir, 'no-such-dir'))).toEqual([]);
  });
});
