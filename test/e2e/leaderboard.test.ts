/** `actial-eval leaderboard` over the demo's work dirs: columns, mean, intervals, Markdown with the paper view, refusals. */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJson, runCli, tempDir } from './helpers.js';

const QWEN = 'qwen2.5-vl-7b-sim';
const ACTIAL = 'actial-7b-sim';
const ALL = ['3DSRBench', 'BLINK', 'CV-Bench', 'DemoSpatial', 'DemoSpatial_circular', 'MMSIBench_circular', 'Omni3DBench', 'SAT'];

describe('actial-eval leaderboard', () => {
  // Two work dirs as two checkpoints' runs would leave them (the second covers two datasets), made
  // once for all tests, which only read them.
  let root = '';
  let a = '';
  let b = '';
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'actial-leaderboard-'));
    a = join(root, 'a');
    b = join(root, 'b');
    expect((await runCli(['--config', 'actial_test.json', '--work-dir', a, '--model', QWEN])).code).toBe(0);
    expect((await runCli(['--config', 'actial_test.json', '--work-dir', b, '--model', ACTIAL, '--data', 'DemoSpatial', 'BLINK'])).code).toBe(0);
  });
  afterAll(async () => {
    if (root !== '') await rm(root, { recursive: true, force: true });
  });

  it('gathers several work dirs into one CSV and Markdown, with intervals when the summaries have them', async () => {
    const out = join(root, 'board.csv');
    const md = join(root, 'board.md');
    const res = await runCli(['leaderboard', '--work-dir', a, b, '--out', out, '--markdown', md, '--ci']);
    expect(res.stderr).toContain(`wrote ${out}`);
    expect(res.code).toBe(0);

    const rows = (await readFile(out, 'utf8')).trim().split('\n').map((l) => l.split(','));
    const head = rows[0] ?? [];
    expect(head[0]).toBe('model');
    expect(head.slice(-2)).toEqual(['mean', 'mean_of']);
    expect(head.filter((h) => h.endsWith(')')).map((h) => h.split(' (')[0])).toEqual(ALL);
    expect(head).toContain('BLINK (official Total)');
    expect(head[head.indexOf('BLINK (official Total)') + 1]).toBe('BLINK ci_lo');
    expect(rows.map((r) => r[0])).toEqual(['model', ACTIAL, QWEN]);

    const actial = Object.fromEntries(head.map((h, i) => [h, rows[1]?.[i] ?? '']));
    const qwen = Object.fromEntries(head.map((h, i) => [h, rows[2]?.[i] ?? '']));
    expect(actial['mean_of']).toBe('2');
    expect(qwen['mean_of']).toBe(String(ALL.length));
    expect(actial['3DSRBench (official Overall)']).toBe('');
    const primaries = ALL.map((d) => Number(qwen[head.find((h) => h.startsWith(`${d} (`)) ?? '']));
    expect(Number(qwen['mean'])).toBeCloseTo(primaries.reduce((x, y) => x + y, 0) / ALL.length, 1);

    // Intervals come from the summaries; a summary without them leaves the cells empty.
    const summary = await readJson<{ ci?: { official?: Record<string, { lo: number; hi: number } | null> } }>(join(b, ACTIAL, `${ACTIAL}_BLINK_summary.json`));
    const ci = summary.ci?.official?.['Total'];
    if (ci !== undefined && ci !== null) {
      expect(Number(actial['BLINK ci_lo'])).toBeCloseTo(ci.lo * 100, 1);
      expect(Number(actial['BLINK ci_hi'])).toBeCloseTo(ci.hi * 100, 1);
    } else {
      expect(actial['BLINK ci_lo']).toBe('');
    }

    const markdown = await readFile(md, 'utf8');
    expect(markdown).toContain('## Leaderboard');
    expect(markdown).toMatch(new RegExp(`\\| ${ACTIAL} \\|.*\\d\\*? \\|$`, 'm'));
    expect(markdown).toContain('not comparable with complete rows');
    expect(markdown).toContain('## Paper view');
    expect(markdown).toContain('CV-Bench Overall');

    // The run-time leaderboard.csv keeps its own columns (no mean).
    const runTime = (await readFile(join(a, 'leaderboard.csv'), 'utf8')).split('\n')[0] ?? '';
    expect(runTime.startsWith('model,3DSRBench (official Overall)')).toBe(true);
    // (SAT's primary protocol is called mean-over-orders: look at whole column names.)
    expect(runTime.split(',')).not.toContain('mean');
    expect(runTime.split(',')).not.toContain('mean_of');
  });

  it('prints CSV to stdout by default and Markdown with --markdown alone', async () => {
    const csv = await runCli(['leaderboard', '--work-dir', a]);
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toMatch(/^model,3DSRBench \(official Overall\),.*,mean,mean_of$/);
    const md = await runCli(['leaderboard', '--work-dir', a, '--markdown']);
    expect(md.stdout).toMatch(/^## Leaderboard/);
    expect(md.stdout).not.toContain('mean_of');
  });

  it('refuses the same model and dataset from two work dirs, and a dir without summaries (exit 2)', async () => {
    const copy = join(await tempDir(), 'copy');
    await cp(a, copy, { recursive: true });
    const dup = await runCli(['leaderboard', '--work-dir', a, copy]);
    expect(dup.code).toBe(2);
    expect(dup.stderr).toContain(`${QWEN} × 3DSRBench is in both`);
    const empty = await runCli(['leaderboard', '--work-dir', await tempDir()]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/no summaries/);
  });
});
