import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { gptModel, mockServer, paths, readJson, runCli, tempDir, writeConfig, writeMcqTsv } from './helpers.js';

const MODEL = 'ckpt';
const DATA = 'E2E_circular';

interface CiSummary {
  readonly metrics: Record<string, Record<string, number | null>>;
  readonly n: Record<string, Record<string, number>>;
  readonly ci: Record<string, Record<string, { lo: number; hi: number; method: string } | null>>;
  readonly ci_settings: { level: number; bootstrap: number; seed: number };
}

describe('confidence intervals end to end', () => {
  it('summary, _metrics.csv and the table carry them; _acc.csv does not; --mode eval rebuilds them byte for byte', async () => {
    const dir = await tempDir();
    const server = await mockServer({ seed: 4, style: 'letter' });
    const tsv = join(dir, `${DATA}.tsv`);
    // 30 questions, each in two rotations (index q and q + 1e6).
    await writeMcqTsv(tsv, 60, (row, i) => ({ ...row, index: String(i < 30 ? i : i - 30 + 1_000_000) }));
    const configFile = await writeConfig(join(dir, 'config.json'), {
      model: { [MODEL]: gptModel(`${server.url}/chat/completions`) },
      data: { [DATA]: { class: 'ImageMCQDataset', dataset: DATA, path: tsv } },
    });
    const work = join(dir, 'work');
    const p = paths(work, MODEL, DATA);
    const metricsFile = p.summary.replace(/_summary\.json$/, '_metrics.csv');
    const first = await runCli(['--config', configFile, '--work-dir', work]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('official [95% CI]');

    const summary = await readJson<CiSummary>(p.summary);
    expect(summary.ci_settings).toEqual({ level: 0.95, bootstrap: 2000, seed: 0 });
    expect(summary.ci['official']?.['Overall']?.method).toBe('wilson');
    expect(summary.ci['official']?.['Overall (vanilla)']?.method).toBe('cluster-bootstrap');
    expect((await readFile(p.acc, 'utf8')).split('\n')[0]).toBe('split,Overall,counting,spatial,count,depth,relation');

    const rows = parse(await readFile(metricsFile, 'utf8'), { columns: true }) as Record<string, string>[];
    for (const [protocol, metrics] of Object.entries(summary.metrics)) {
      for (const [metric, value] of Object.entries(metrics)) {
        const row = rows.find((r) => r['protocol'] === protocol && r['metric'] === metric);
        const ci = summary.ci[protocol]?.[metric] ?? null;
        expect(row, `${protocol} ${metric}`).toEqual({
          protocol, metric, value: value === null ? '' : String(value), ci_lo: ci === null ? '' : String(ci.lo), ci_hi: ci === null ? '' : String(ci.hi),
          n: String(summary.n[protocol]?.[metric] ?? ''), method: ci?.method ?? '',
        });
      }
    }

    const before = await Promise.all([p.summary, metricsFile].map((f) => readFile(f)));
    await server.close();
    for (const f of [p.summary, metricsFile]) await rm(f);
    const rescored = await runCli(['--config', configFile, '--work-dir', work, '--mode', 'eval']);
    expect(rescored.code).toBe(0);
    const after = await Promise.all([p.summary, metricsFile].map((f) => readFile(f)));
    after.forEach((b, i) => expect(b.equals(before[i] ?? Buffer.alloc(0))).toBe(true));
  });
});
