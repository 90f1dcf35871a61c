/**
 * `actial-eval compare` against simulated checkpoints: the embedded mock answers each question
 * right with a set probability (per question and seed), so the true accuracies are known.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { gptModel, mcqData, paths, readJson, runCli, writeConfig, writeMcqTsv, type SummaryJson } from './helpers.js';

const ROWS = 400;
let dir = '';
let work = '';

type CsvRow = Record<string, string>;

async function compareCsv(file: string): Promise<CsvRow[]> {
  return parse(await readFile(file, 'utf8'), { columns: true }) as CsvRow[];
}

const primaryRow = (rows: readonly CsvRow[]): CsvRow => rows.find((r) => r['primary'] === 'true') ?? {};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-compare-'));
  work = join(dir, 'work');
  const tsv = join(dir, 'set.tsv');
  await writeMcqTsv(tsv, ROWS);
  const sim = (accuracy: number, seed: number, extra: Record<string, unknown> = {}) => gptModel('mock', { mock: { accuracy, seed }, ...extra });
  const config = await writeConfig(join(dir, 'c.json'), {
    model: {
      // Settings may differ between checkpoints (here the temperature): only the prompt must match.
      sim60: sim(0.6, 1),
      sim75: sim(0.75, 2, { temperature: 0.3 }),
      sim70: sim(0.7, 3),
      sim71: sim(0.71, 4),
    },
    data: { Set: mcqData(tsv) },
  });
  const run = await runCli(['--config', config, '--work-dir', work]);
  expect(run.code, run.stderr).toBe(0);
});

afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('actial-eval compare', () => {
  it('0.60 → 0.75: a significant gain, scores as the summaries, and the gate passes', async () => {
    const res = await runCli(['compare', 'sim60', 'sim75', '--work-dir', work, '--fail-if-worse', '1']);
    expect(res.code, res.stderr).toBe(0);
    expect(res.stdout).toMatch(/\* Overall .*McNemar .*better/);
    expect(res.stdout).toContain('Gate passed');
    const row = primaryRow(await compareCsv(join(work, 'compare.csv')));
    const a = await readJson<SummaryJson>(paths(work, 'sim60', 'Set').summary);
    const b = await readJson<SummaryJson>(paths(work, 'sim75', 'Set').summary);
    expect(Number(row['score_a'])).toBeCloseTo(a.primary.value ?? Number.NaN, 6);
    expect(Number(row['score_b'])).toBeCloseTo(b.primary.value ?? Number.NaN, 6);
    expect(row).toMatchObject({ dataset: 'Set', metric: 'Overall', test: 'mcnemar', n: String(ROWS), significant: 'true' });
    expect(Number(row['diff'])).toBeGreaterThan(0.08);
    expect(Number(row['p_value'])).toBeLessThan(0.001);
    expect(Number(row['ci_low'])).toBeGreaterThan(0);
    // Flips add up to the units, and their difference is the score difference.
    const [gained, lost, both, neither] = ['gained', 'lost', 'both_right', 'both_wrong'].map((k) => Number(row[k]));
    expect((gained ?? 0) + (lost ?? 0) + (both ?? 0) + (neither ?? 0)).toBe(ROWS);
    expect(((gained ?? 0) - (lost ?? 0)) / ROWS).toBeCloseTo(Number(row['diff']), 6);
  });

  it('0.75 → 0.60 with --fail-if-worse 1: exit 4, naming the dataset', async () => {
    const res = await runCli(['compare', 'sim75', 'sim60', '--work-dir', work, '--fail-if-worse', '1']);
    expect(res.code).toBe(4);
    expect(res.stdout).toMatch(/Gate FAILED: .* on Set Overall -\d+\.\d pts/);
    // Without a gate the same regression is reported, not fatal.
    const report = await runCli(['compare', 'sim75', 'sim60', '--work-dir', work]);
    expect(report.code).toBe(0);
    expect(report.stdout).toMatch(/\* Overall .*worse/);
    // A threshold larger than the loss lets it pass.
    expect((await runCli(['compare', 'sim75', 'sim60', '--work-dir', work, '--fail-if-worse', '40'])).code).toBe(0);
  });

  it('0.70 → 0.71: no significant change, and the gate passes both ways', async () => {
    const up = await runCli(['compare', 'sim70', 'sim71', '--work-dir', work, '--fail-if-worse', '1']);
    expect(up.code, up.stderr).toBe(0);
    const row = primaryRow(await compareCsv(join(work, 'compare.csv')));
    expect(row['significant']).toBe('false');
    expect(Number(row['p_value'])).toBeGreaterThan(0.05);
    expect(Number(row['ci_low'])).toBeLessThan(0);
    expect(Number(row['ci_high'])).toBeGreaterThan(0);
    expect(up.stdout).toMatch(/\* Overall .*no sig\. change/);
    expect((await runCli(['compare', 'sim71', 'sim70', '--work-dir', work, '--fail-if-worse', '1'])).code).toBe(0);
  });

  it('--markdown prints only Markdown on stdout; --markdown-out appends it; --out places compare.csv', async () => {
    const out = join(dir, 'out');
    const summary = join(dir, 'step-summary.md');
    const res = await runCli(['compare', 'sim75', 'sim60', '--work-dir', work, '--fail-if-worse', '1', '--markdown', '--markdown-out', summary, '--out', out]);
    expect(res.code).toBe(4);
    expect(res.stdout.startsWith('## actial-eval compare: `sim75` → `sim60`')).toBe(true);
    expect(res.stdout).toContain('❌ Gate FAILED');
    expect(res.stdout).toMatch(/\| Set \| Overall \| [\d.]+ \| [\d.]+ \| -[\d.]+ \|/);
    expect(res.stdout).toContain('<details><summary>Set: every official metric');
    expect(res.stdout).not.toContain('┌');
    expect(res.stderr).toContain('Gate FAILED');
    await runCli(['compare', 'sim60', 'sim75', '--work-dir', work, '--markdown-out', summary, '--out', out]);
    const md = await readFile(summary, 'utf8');
    expect(md.startsWith(res.stdout)).toBe(true);
    expect(md.split('## actial-eval compare').length).toBe(3);
    expect((await compareCsv(join(out, 'compare.csv'))).length).toBeGreaterThan(3);
  });

  it('same stores, same bytes', async () => {
    const first = await runCli(['compare', 'sim70', 'sim75', '--work-dir', work, '--out', join(dir, 'r1')]);
    const second = await runCli(['compare', 'sim70', 'sim75', '--work-dir', work, '--out', join(dir, 'r2')]);
    expect(await readFile(join(dir, 'r1', 'compare.csv'), 'utf8')).toBe(await readFile(join(dir, 'r2', 'compare.csv'), 'utf8'));
    expect(first.stdout.replace(/Wrote .*/, '')).toBe(second.stdout.replace(/Wrote .*/, ''));
  });

  it('bad usage exits 2 with one line', async () => {
    const missing = await runCli(['compare', 'sim60', 'nosuch', '--work-dir', work]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/B 'nosuch': no such folder/);
    const alpha = await runCli(['compare', 'sim60', 'sim75', '--work-dir', work, '--alpha', '2']);
    expect(alpha.code).toBe(2);
    expect(alpha.stderr).toMatch(/--alpha 2: expected a number between 0 and 1/);
  });
});
