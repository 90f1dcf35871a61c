/** `actial-eval report`: one self-contained, bounded, deterministic HTML file whose data is escaped. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers.js';
import { HOSTILE_ANSWER, MODELS, writeReportWorkDir } from '../report/html-fixtures.js';

const DATASETS = ['3DSRBench', 'BLINK', 'CV-Bench', 'DemoSpatial', 'DemoSpatial_circular', 'MMSIBench_circular', 'Omni3DBench', 'SAT'];

describe('actial-eval report', () => {
  it('writes one self-contained file from the demo run, the same bytes every time', async () => {
    const work = await tempDir('actial-report-');
    expect((await runCli(['--config', 'actial_test.json', '--work-dir', work])).code).toBe(0);
    const res = await runCli(['report', '--work-dir', work, '--model', 'qwen2.5-vl-7b-sim', 'actial-7b-sim']);
    expect(res.code).toBe(0);
    const file = join(work, 'report.html');
    expect(res.stderr).toContain(`wrote ${file}`);
    const html = await readFile(file, 'utf8');

    // Nothing from outside: no external references of any kind, and a CSP that forbids loading.
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?(https?:|\/\/)/i);
    expect(html).not.toMatch(/<link\b|@import|url\(/i);
    expect(html).toContain(`content="default-src 'none'; img-src data:;`);
    expect(html.match(/<script\b/g)).toHaveLength(2); // the filter script and the images JSON
    expect(html).toContain('<script type="application/json" id="report-images">');

    for (const id of ['benchmarks', 'paper', 'categories', 'compare', 'reasoning', 'items', 'provenance']) expect(html).toContain(`<section id="${id}">`);
    for (const d of DATASETS) expect(html).toContain(`${d} — per category`);
    expect(html.match(/<svg class="chart"/g)?.length).toBeGreaterThanOrEqual(DATASETS.length + 4);
    expect(html).toMatch(/data:image\/png;base64,/);
    expect(html).toContain('Baseline: <span class="swatch" style="background:#4e79a7"></span>qwen2.5-vl-7b-sim');

    // The comparison shows what `actial-eval compare` computes for the same pair.
    expect((await runCli(['compare', 'qwen2.5-vl-7b-sim', 'actial-7b-sim', '--work-dir', work, '--out', work])).code).toBe(0);
    const csv = (await readFile(join(work, 'compare.csv'), 'utf8')).trim().split('\n').map((l) => l.split(','));
    const col = (name: string): number => (csv[0] ?? []).indexOf(name);
    const signed = (v: string): string => { const t = (Number(v) * 100).toFixed(1); return Number(t) === 0 ? '0.0' : Number(t) > 0 ? `+${t}` : t; };
    const primaries = csv.slice(1).filter((r) => r[col('primary')] === 'true');
    expect(primaries).toHaveLength(DATASETS.length);
    for (const r of primaries) {
      expect(html).toContain(`<td>${signed(r[col('diff')] ?? '')}</td><td>[${signed(r[col('ci_low')] ?? '')}, ${signed(r[col('ci_high')] ?? '')}]</td>`);
    }

    const again = await runCli(['report', '--work-dir', work, '--out', join(work, 'again.html'), '--model', 'qwen2.5-vl-7b-sim', 'actial-7b-sim']);
    expect(again.code).toBe(0);
    expect(await readFile(join(work, 'again.html'), 'utf8')).toBe(html);
  });

  it('caps items and thumbnails with a note, and shows data markup as text', async () => {
    const root = await tempDir('actial-report-caps-');
    const { work } = await writeReportWorkDir(root);
    await runCli(['score', '--work-dir', work]);
    const out = join(root, 'r.html');
    const res = await runCli(['report', '--work-dir', work, '--out', out, '--max-items', '10', '--thumbnails', '3']);
    expect(res.code).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('Shapes: the first 10 of 24 items are listed');
    expect(html).toContain('Shapes: thumbnails for the first 3 items only');
    expect(html).toContain('Gone: data file');
    expect(html.match(/<article class="item"/g)).toHaveLength(10 + 5);
    expect(html.match(/<img data-img=/g)).toHaveLength(3);

    expect(html).not.toContain(HOSTILE_ANSWER);
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('<b>exploded</b>');
    expect(html).toContain('HTTP 500: upstream &lt;b&gt;exploded&lt;/b&gt;');
  });

  it('orders models as given (the first is the baseline) and refuses what it cannot show (exit 2)', async () => {
    const root = await tempDir('actial-report-order-');
    const { work } = await writeReportWorkDir(root);
    await runCli(['score', '--work-dir', work]);
    const out = join(root, 'r.html');
    expect((await runCli(['report', '--work-dir', work, '--out', out, '--model', MODELS[1], MODELS[0], '--data', 'Shapes'])).code).toBe(0);
    const html = await readFile(out, 'utf8');
    expect(html).toContain(`Baseline: <span class="swatch" style="background:#4e79a7"></span>${MODELS[1]}`);
    expect(html).not.toContain('Gone — per category');

    const none = await runCli(['report', '--work-dir', work, '--out', out, '--model', 'nobody']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/no summaries match/);
    const empty = await runCli(['report', '--work-dir', await tempDir(), '--out', out]);
    expect(empty.code).toBe(2);
    const bad = await runCli(['report', '--work-dir', work, '--max-items', '0']);
    expect(bad.code).toBe(2);
  });
});
