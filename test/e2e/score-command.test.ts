import { describe, expect, it } from 'vitest';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { gptModel, mcqData, paths, readJson, runCli, tempDir, writeConfig, writeMcqTsv } from './helpers.js';

describe('actial-eval score', () => {
  it('re-scores a work dir from stored predictions alone, byte-identical, and reports a user-named pipeline beside', async () => {
    const dir = await tempDir();
    const tsv = join(dir, 'set.tsv');
    await writeMcqTsv(tsv, 20);
    const config = await writeConfig(join(dir, 'c.json'), {
      model: { sim: gptModel('mock', { mock: { accuracy: 0.7, seed: 4, style: 'mixed' } }) },
      data: { Set: { ...mcqData(tsv), extract: 'vlmevalkit' } },
    });
    const work = join(dir, 'work');
    const first = await runCli(['--config', config, '--work-dir', work]);
    expect(first.code).toBe(0);
    const p = paths(work, 'sim', 'Set');
    const before = await readFile(p.summary);
    const summary = await readJson<{ metrics: Record<string, unknown> }>(p.summary);
    // "vlmevalkit" differs from the official "robust" pipeline, so it is reported as an extra protocol.
    expect(Object.keys(summary.metrics)).toEqual(['official', 'vlmevalkit', 'robust', 'official:vlmevalkit']);

    await rm(p.summary);
    await rm(p.scores);
    await rm(tsv); // no data and no config needed
    const again = await runCli(['score', '--work-dir', work]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('sim × Set');
    expect((await readFile(p.summary)).equals(before)).toBe(true);
  });

  it('says so when the work dir holds nothing to score', async () => {
    const dir = await tempDir();
    const res = await runCli(['score', '--work-dir', dir]);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/no stored predictions with a run header/);
  });
});
