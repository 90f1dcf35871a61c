import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanWorkDir } from '../../src/workdir/scan.js';
import { readMergeMarker, writeMergeMarker } from '../../src/workdir/marker.js';
import { mergeMarkerPath } from '../../src/workdir/paths.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-scan-'));
});
afterEach(async () => rm(dir, { recursive: true, force: true }));

async function touch(...parts: string[]): Promise<void> {
  await mkdir(join(dir, ...parts.slice(0, -1)), { recursive: true });
  await writeFile(join(dir, ...parts), '{}');
}

describe('scanWorkDir', () => {
  it('lists the pairs with a header or a summary, by model then file name, ignoring what is not named after its folder', async () => {
    await touch('b', 'b_X.meta.json');
    await touch('a', 'a_Y.meta.json');
    await touch('a', 'a_X_y.meta.json');
    await touch('a', 'a_X_summary.json');
    await touch('a', 'other_Z.meta.json');
    await touch('shard-1-of-2', 'a', 'a_X.meta.json');
    await writeFile(join(dir, 'leaderboard.csv'), '');
    const headers = await scanWorkDir(dir, 'header');
    expect(headers.map((p) => `${p.model}/${p.dataset}`)).toEqual(['a/X_y', 'a/Y', 'b/X']);
    expect(headers[0]?.paths.header).toBe(join(dir, 'a', 'a_X_y.meta.json'));
    expect((await scanWorkDir(dir, 'summary')).map((p) => p.dataset)).toEqual(['X']);
    expect((await scanWorkDir(dir, 'header', { models: ['b'] })).map((p) => p.model)).toEqual(['b']);
    await expect(scanWorkDir(join(dir, 'missing'), 'header')).rejects.toThrow(/missing: not a work dir \(cannot list it\)/);
    expect(await scanWorkDir(join(dir, 'missing'), 'summary', { missingIsEmpty: true })).toEqual([]);
  });
});

describe('merge marker', () => {
  it('round-trips sorted, reads a marker written before it had a version, refuses a bad one', async () => {
    expect(await readMergeMarker(dir)).toEqual(new Set());
    await writeMergeMarker(dir, new Set(['m/m_b.jsonl', 'm/m_a.jsonl']));
    expect(JSON.parse(await readFile(mergeMarkerPath(dir), 'utf8'))).toEqual({ schema: 'actial-eval/merge-marker@1', stores: ['m/m_a.jsonl', 'm/m_b.jsonl'] });
    expect(await readMergeMarker(dir)).toEqual(new Set(['m/m_a.jsonl', 'm/m_b.jsonl']));
    await writeFile(mergeMarkerPath(dir), '{"stores": ["m/m_a.jsonl"]}\n');
    expect(await readMergeMarker(dir)).toEqual(new Set(['m/m_a.jsonl']));
    await writeFile(mergeMarkerPath(dir), '{"stores": "m/m_a.jsonl"}\n');
    await expect(readMergeMarker(dir)).rejects.toThrow(/\.actial-eval-merge\.json: field 'stores': expected array, received string/);
  });
});
