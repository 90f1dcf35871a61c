/** `merge` refuses what it cannot combine faithfully, and `--shard` refuses what it cannot split by. */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { appendFile, cp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, childEnv, gptModel, listFiles, mcqData, paths, readJson, runCli, tempDir, writeConfig, writeMcqTsv, type CliResult } from './helpers.js';

/**
 * A 24-row MCQ set on the embedded mock; `fail_rate` makes some items fail on every attempt. With a
 * 4xx, not a 5xx: the endpoint pool takes an endpoint out after a streak of 5xx, and when that
 * happens depends on timing, so which other requests fail would too.
 */
async function setup(dir: string, extra: Record<string, unknown> = {}, name = 'c.json'): Promise<string> {
  const tsv = join(dir, 'set.tsv');
  if (!existsSync(tsv)) await writeMcqTsv(tsv, 24);
  return writeConfig(join(dir, name), {
    model: { sim: gptModel('mock', { retry: 1, mock: { accuracy: 0.7, seed: 3, fail_rate: 0.15, fail_status: 400 }, ...extra }) },
    data: { Set: mcqData(tsv) },
  });
}

async function shardRun(config: string, shard: string, workDir: string): Promise<CliResult> {
  const res = await runCli(['--config', config, '--shard', shard, '--work-dir', workDir]);
  // 3: finished with failed requests (the mock's simulated failures).
  expect([0, 3], res.stderr).toContain(res.code);
  return res;
}

describe('merge', () => {
  it('carries failed rows over: the merge reports them as the unsharded run does, and exits 3 as it does', async () => {
    const dir = await tempDir();
    const config = await setup(dir);
    const whole = await runCli(['--config', config, '--work-dir', join(dir, 'W0')]);
    expect(whole.code).toBe(3);
    await shardRun(config, '1/2', join(dir, 'W1'));
    await shardRun(config, '2/2', join(dir, 'W2'));
    const res = await runCli(['merge', '--out', join(dir, 'W4'), join(dir, 'W1'), join(dir, 'W2')]);
    expect(res.code, res.stderr).toBe(3);
    const [a, b] = [paths(join(dir, 'W0'), 'sim', 'Set'), paths(join(dir, 'W4'), 'sim', 'Set')];
    const failed = (await readJson<{ counts: { failed: number } }>(a.summary)).counts.failed;
    expect(failed).toBeGreaterThan(0);
    for (const k of ['summary', 'scores', 'acc', 'leaderboard'] as const) expect((await readFile(b[k])).equals(await readFile(a[k])), k).toBe(true);
  });

  it('refuses overlapping shards: a shard given twice, or an index stored by two shards', async () => {
    const dir = await tempDir();
    const config = await setup(dir);
    const [w1, w2] = [join(dir, 'W1'), join(dir, 'W2')];
    await shardRun(config, '1/2', w1);
    await shardRun(config, '2/2', w2);
    await cp(w1, join(dir, 'W1copy'), { recursive: true });
    const twice = await runCli(['merge', '--out', join(dir, 'out'), w1, join(dir, 'W1copy'), w2]);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/shard 1\/2 is in both .*W1 and .*W1copy \(overlap\)/);

    // A row of shard 1 copied into shard 2's store.
    const line = (await readFile(paths(w1, 'sim', 'Set').predictions, 'utf8')).split('\n')[0] as string;
    await cp(w2, join(dir, 'W2bad'), { recursive: true });
    await appendFile(paths(join(dir, 'W2bad'), 'sim', 'Set').predictions, `${line}\n`);
    const index = (JSON.parse(line) as { index: string }).index;
    const stored = await runCli(['merge', '--out', join(dir, 'out'), w1, join(dir, 'W2bad')]);
    expect(stored.code).toBe(2);
    expect(stored.stderr).toContain(`index '${index}' is stored by both`);
    expect(existsSync(join(dir, 'out', 'sim'))).toBe(false); // nothing written before every check passed

    // A shard dir still locked by a run (here or on another machine) is not read.
    await writeFile(join(w2, '.actial-eval.lock'), '4242\n');
    const busy = await runCli(['merge', '--out', join(dir, 'out'), w1, w2]);
    expect(busy.code).toBe(2);
    expect(busy.stderr).toMatch(/W2 is in use by a run \(lock file .*, pid 4242\)/);
  });

  it('refuses shards run with other settings', async () => {
    const dir = await tempDir();
    const config = await setup(dir);
    const hot = await setup(dir, { temperature: 0.7 }, 'hot.json');
    const [w1, w2hot] = [join(dir, 'W1'), join(dir, 'W2hot')];
    await shardRun(config, '1/2', w1);
    await shardRun(hot, '2/2', w2hot);
    const mixed = await runCli(['merge', '--out', join(dir, 'out'), w1, w2hot]);
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/sim × Set: mismatched settings between shards: shard 1\/2 .*"temperature":0\b.*shard 2\/2 .*"temperature":0\.7/);
  });

  it('refuses missing shards unless --allow-missing, then says the result is partial; a later merge rewrites it', async () => {
    const dir = await tempDir();
    const config = await setup(dir);
    const [w1, w2] = [join(dir, 'W1'), join(dir, 'W2')];
    await shardRun(config, '1/2', w1);
    await shardRun(config, '2/2', w2);
    const alone = await runCli(['merge', '--out', join(dir, 'out'), w1]);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/shard\(s\) 2 of 2 missing \(have 1\).*--allow-missing/);
    const partial = await runCli(['merge', '--out', join(dir, 'out'), '--allow-missing', w1]);
    expect(partial.code, partial.stderr).not.toBe(2);
    expect(partial.stderr).toMatch(/shard\(s\) 2 missing: the result is partial/);
    const summary = await readJson<{ partial?: unknown; counts: { dataset_rows: number } }>(paths(join(dir, 'out'), 'sim', 'Set').summary);
    expect(summary.partial).toEqual({ shards: [1], of: 2 });

    // Merging again into the same dir rewrites what the last merge wrote.
    const again = await runCli(['merge', '--out', join(dir, 'out'), w1, w2]);
    expect(again.code, again.stderr).not.toBe(2);
    expect((await readJson<{ partial?: unknown; counts: { dataset_rows: number } }>(paths(join(dir, 'out'), 'sim', 'Set').summary)).counts.dataset_rows).toBe(24);
  });

  it("never overwrites an unsharded run's store, nor merges one as a shard", async () => {
    const dir = await tempDir();
    const config = await setup(dir);
    const [w1, w2] = [join(dir, 'W1'), join(dir, 'W2')];
    await shardRun(config, '1/2', w1);
    await shardRun(config, '2/2', w2);
    const wholeDir = join(dir, 'W0');
    expect((await runCli(['--config', config, '--work-dir', wholeDir])).code).toBe(3);
    const before = await listFiles(wholeDir);
    const over = await runCli(['merge', '--out', wholeDir, w1, w2]);
    expect(over.code).toBe(2);
    expect(over.stderr).toMatch(/already holds sim\/sim_Set\.jsonl, which no merge wrote/);
    expect(await listFiles(wholeDir)).toEqual(before);
    const notShard = await runCli(['merge', '--out', join(dir, 'out2'), wholeDir]);
    expect(notShard.code).toBe(2);
    expect(notShard.stderr).toMatch(/not a shard/);
  });
});

describe('--shard', () => {
  it.each(['0/3', '4/3', 'a/b', '3'])('refuses --shard %s with exit 2 before anything runs', async (value) => {
    const dir = await tempDir();
    const config = await setup(dir);
    const res = await runCli(['--config', config, '--shard', value, '--work-dir', join(dir, 'W')]);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain(`--shard ${value}: expected i/N`);
    expect(existsSync(join(dir, 'W'))).toBe(false);
  });

  it('refuses to add a shard to a work dir holding another part of the dataset', async () => {
    const dir = await tempDir();
    const config = await setup(dir);
    const w = join(dir, 'W');
    await shardRun(config, '1/2', w);
    const other = await runCli(['--config', config, '--shard', '2/2', '--work-dir', w]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/holds shard 1\/2; a --shard 2\/2 run needs its own --work-dir/);
    const whole = await runCli(['--config', config, '--work-dir', w]);
    expect(whole.code).toBe(2);
    expect(whole.stderr).toMatch(/holds shard 1\/2; an unsharded run needs its own --work-dir/);
    // The same shard again resumes: nothing is asked twice.
    const same = await runCli(['--config', config, '--shard', '1/2', '--work-dir', w]);
    expect([0, 3]).toContain(same.code);
  });

  it('defaults the work dir to results/shard-i-of-N', async () => {
    const dir = await tempDir();
    const config = await setup(dir);
    const child = spawn(process.execPath, [CLI, '--config', config, '--shard', '2/3'], { cwd: dir, env: childEnv(), stdio: 'ignore' });
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    expect([0, 3]).toContain(code);
    expect(existsSync(paths(join(dir, 'results', 'shard-2-of-3'), 'sim', 'Set').summary)).toBe(true);
  });
});
