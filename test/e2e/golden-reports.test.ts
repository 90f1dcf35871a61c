/**
 * Reports are byte-identical across refactors: the demo's prediction stores, frozen in
 * test/fixtures/golden-demo/work (written by the demo at 8f9ec48), are re-scored by the CLI and every
 * report is compared with the one that commit wrote (test/fixtures/golden-demo/expected).
 *
 * Compared byte for byte: `_acc.csv`, `_metrics.csv`, `leaderboard.csv`, the compare CSV and
 * Markdown, the paper view and the Markdown/CI leaderboards. Compared after a documented
 * normalisation: `_summary.json` (the harness version and git sha in its provenance name the build,
 * not the scores; fields added since are dropped) and `_score.jsonl` (read through `scoreLineView`, which maps whatever shape the
 * score lines have now to the fields every line had then).
 */
import { cp, readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, runCli, tempDir } from './helpers.js';

const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'golden-demo');
const EXPECTED = join(FIXTURE, 'expected');
const MODELS = ['qwen2.5-vl-7b-sim', 'actial-7b-sim'] as const;

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(relative(dir, join(entry.parentPath, entry.name)));
  }
  return out.sort();
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

type JsonObject = { [key: string]: Json };

/** Summaries as summary@1 held them: `provenance.dataset_file` a ', '-joined string. */
function summaryView(text: string): Json {
  const s = JSON.parse(text) as JsonObject;
  const provenance = s['provenance'] as JsonObject;
  delete provenance['git_sha'];
  delete provenance['harness_version'];
  // Added since: each protocol's declared roles (primary, judge, twin:vlmevalkit).
  // And who decided a judged protocol's answers (rules, judge), its judge model and prompt version.
  for (const info of Object.values(s['protocols'] as { [name: string]: { [key: string]: Json } })) {
    delete info['roles'];
    delete info['judge'];
  }
  if (s['schema'] === 'actial-eval/summary@2') {
    s['schema'] = 'actial-eval/summary@1';
    const files = provenance['dataset_file'];
    if (Array.isArray(files)) provenance['dataset_file'] = files.join(', ');
  }
  return s;
}

/**
 * One score line as the golden files hold it: index, answer, primary and VLMEvalKit extraction,
 * fields. Since scores@2 every protocol sits under `protocols` and the fields under `fields`.
 */
function scoreLineView(line: string): Json {
  const parsed = JSON.parse(line) as JsonObject;
  if (!('protocols' in parsed)) return parsed;
  const { protocols, fields, truncated, ...primary } = parsed;
  const twin = (protocols as { [name: string]: JsonObject })['vlmevalkit'];
  return {
    ...primary,
    extracted_vlmevalkit: twin?.['extracted'] ?? null,
    hit_vlmevalkit: twin?.['hit'] ?? false,
    ...(truncated === true ? { truncated } : {}),
    ...(fields as JsonObject),
  };
}

function scoreView(text: string): Json[] {
  return text.split('\n').filter((l) => l !== '').map(scoreLineView);
}

async function workDirWithStores(): Promise<string> {
  const dir = await tempDir('actial-golden-');
  await cp(join(FIXTURE, 'work'), dir, { recursive: true });
  return dir;
}

describe('reports of frozen prediction stores stay byte-identical', () => {
  it('score, compare, paper and leaderboard write what 8f9ec48 wrote', async () => {
    const work = await workDirWithStores();
    const scored = await runCli(['score', '--work-dir', work], { env: { CI: '1' } });
    expect(scored.stderr).not.toMatch(/error/i);
    expect(scored.code).toBe(0);

    const compareOut = join(work, 'cmp');
    const compared = await runCli(['compare', MODELS[0], MODELS[1], '--work-dir', work, '--out', compareOut, '--markdown']);
    expect(compared.code).toBe(0);
    const paper = await runCli(['paper', '--work-dir', work]);
    const boardMd = await runCli(['leaderboard', '--work-dir', work, '--markdown']);
    const boardCi = await runCli(['leaderboard', '--work-dir', work, '--ci']);
    const outputs: Record<string, string> = {
      'compare.md': compared.stdout,
      'paper.txt': paper.stdout,
      'leaderboard.md': boardMd.stdout,
      'leaderboard-ci.csv': boardCi.stdout,
      'compare.csv': await readFile(join(compareOut, 'compare.csv'), 'utf8'),
    };

    const expectedFiles = await filesUnder(EXPECTED);
    expect(expectedFiles.length).toBeGreaterThan(40);
    for (const rel of expectedFiles) {
      const want = await readFile(join(EXPECTED, rel), 'utf8');
      const got = outputs[rel] ?? (await readFile(join(work, rel), 'utf8'));
      if (rel.endsWith('_summary.json')) expect(summaryView(got), rel).toEqual(summaryView(want));
      else if (rel.endsWith('_score.jsonl')) expect(scoreView(got), rel).toEqual(scoreView(want));
      else expect(got, rel).toBe(want);
    }
  });
});
