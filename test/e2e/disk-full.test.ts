/**
 * A full disk is one line naming the file, saying the saved answers are intact and what to do, with
 * exit 5 (EXIT.diskFull); the next run, once there is space, resumes. The disks are real: /dev/full
 * (every write fails with ENOSPC) and a tiny tmpfs mounted in a private mount namespace
 * (`unshare --mount --map-root-user`), which vanishes with its last process, so nothing is left
 * mounted whatever happens to the test.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../../src/core/errors.js';
import { childEnv, CLI, nonProgressLines, readJsonl, REPO_ROOT, runCli, tempDir, writeConfig, writeMcqTsv } from './helpers.js';

const ROWS = 40;
const DISK_FULL_LINE = /^actial-eval: error: no space left on device \(ENOSPC\) while writing (\S+); the answers saved before it are intact: free some space, then run the same command again to resume \[DiskFullError\]$/;

/** The one line a full disk gives; the file it names. */
function diskFullFile(stderr: string): string | undefined {
  const lines = nonProgressLines(stderr);
  expect(lines, stderr).toHaveLength(1);
  expect(stderr).not.toMatch(/unexpected|\n\s+at /);
  return DISK_FULL_LINE.exec(lines[0] ?? '')?.[1];
}

/** One model on the in-process mock, one MCQ TSV of ROWS rows; the work dir's model folder. */
async function setUp(): Promise<{ dir: string; config: string; work: string; modelDir: string; store: string }> {
  const dir = await tempDir('actial-disk-full-');
  await writeMcqTsv(join(dir, 'D.tsv'), ROWS);
  const config = await writeConfig(join(dir, 'config.json'), {
    model: { m: { class: 'OpenAIWrapper', model: 'm', api_base: 'mock', temperature: 0, max_tokens: 64, img_size: -1 } },
    data: { D: { class: 'ImageMCQDataset', dataset: 'D', path: join(dir, 'D.tsv') } },
  });
  const work = join(dir, 'work');
  const modelDir = join(work, 'm');
  await mkdir(modelDir, { recursive: true });
  return { dir, config, work, modelDir, store: join(modelDir, 'm_D.jsonl') };
}

describe('a full disk (/dev/full)', () => {
  it('while appending answers: one line naming the store, exit 5, the work dir released', async () => {
    const { config, work, store } = await setUp();
    await symlink('/dev/full', store);
    const run = await runCli(['--config', config, '--work-dir', work]);
    expect(run.code).toBe(EXIT.diskFull);
    expect(diskFullFile(run.stderr)).toBe(store);
    expect(await readdir(work)).toEqual(['m']);
  });

  it('while appending a Markdown report (compare --markdown-out)', async () => {
    const { config, work } = await setUp();
    const first = await runCli(['--config', config, '--work-dir', work]);
    expect(first.code).toBe(0);
    const compare = await runCli(['compare', 'm', 'm', '--work-dir', work, '--markdown-out', '/dev/full']);
    expect(compare.code).toBe(EXIT.diskFull);
    expect(diskFullFile(compare.stderr)).toBe('/dev/full');
  });
});

/** Can this machine mount a tmpfs in a private namespace (root, or unprivileged user namespaces)? */
function canMountTmpfs(): boolean {
  const probe = spawnSync('unshare', ['--mount', '--map-root-user', 'sh', '-c', 'd=$(mktemp -d) && mount -t tmpfs -o size=4k tmpfs "$d" && umount "$d" && rmdir "$d"'], { stdio: 'ignore' });
  return probe.status === 0;
}

const TMPFS = canMountTmpfs();
if (!TMPFS) process.stderr.write('disk-full.test.ts: tmpfs cases skipped: `unshare --mount --map-root-user` cannot mount here (run as root, or allow unprivileged user namespaces)\n');

/**
 * Runs a shell script with `$MNT` (the model's folder of the work dir) a tmpfs of `size`, in a mount
 * namespace of its own. `cli NAME ARGS…` runs the CLI and keeps its stdout, stderr and exit code in
 * `$OUT/NAME.{out,err,rc}`; `resize SIZE` remounts the tmpfs (`full` = no free page left).
 */
async function inTmpfs(mnt: string, out: string, size: string, script: string): Promise<void> {
  const prelude = [
    `mount -t tmpfs -o size=${size} tmpfs "$MNT"`,
    'cli() { name=$1; shift; set +e; node "$CLI" "$@" >"$OUT/$name.out" 2>"$OUT/$name.err"; echo $? >"$OUT/$name.rc"; set -e; }',
    'resize() { if [ "$1" = full ]; then s="$(df -k --output=used "$MNT" | tail -n 1 | tr -d " ")k"; else s=$1; fi; mount -o remount,size="$s" "$MNT"; }',
  ].join('\n');
  const child = spawn('unshare', ['--mount', '--map-root-user', 'sh', '-euc', `${prelude}\n${script}`], {
    cwd: REPO_ROOT,
    env: childEnv({ MNT: mnt, OUT: out, CLI }),
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  expect(code, stderr).toBe(0);
}

async function cliResult(out: string, name: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return {
    code: Number((await readFile(join(out, `${name}.rc`), 'utf8')).trim()),
    stdout: await readFile(join(out, `${name}.out`), 'utf8'),
    stderr: await readFile(join(out, `${name}.err`), 'utf8'),
  };
}

describe.skipIf(!TMPFS)('a full disk (a tiny tmpfs)', () => {
  it('fills while answers arrive: the saved ones are kept, and the rerun with space resumes from them', async () => {
    const { dir, config, work, modelDir, store } = await setUp();
    const out = join(dir, 'out');
    await mkdir(out);
    // 8 KiB: one page for the run header, one for the answers (a few records), then ENOSPC.
    await inTmpfs(modelDir, out, '8k', [
      `cli full --config "${config}" --work-dir "${work}"`,
      `cp "$MNT/m_D.jsonl" "$OUT/store-when-full.jsonl"`,
      'resize 1m',
      `cli rerun --config "${config}" --work-dir "${work}"`,
      `cp -r "$MNT" "$OUT/after"`,
    ].join('\n'));

    const full = await cliResult(out, 'full');
    expect(full.code).toBe(EXIT.diskFull);
    expect(diskFullFile(full.stderr)).toBe(store);
    const saved = await readJsonl<{ index: string }>(join(out, 'store-when-full.jsonl'));
    expect(saved.length).toBeGreaterThan(0);
    expect(saved.length).toBeLessThan(ROWS);

    const rerun = await cliResult(out, 'rerun');
    expect(rerun.code, rerun.stderr).toBe(0);
    expect(rerun.stderr).toContain(`${ROWS}/${ROWS} answered`);
    expect(rerun.stderr).toContain(`resumed ${saved.length}`);
    const text = await readFile(join(out, 'after', 'm_D.jsonl'), 'utf8');
    const records = await readJsonl<{ index: string }>(join(out, 'after', 'm_D.jsonl'));
    expect(text.endsWith('\n')).toBe(true);
    // The answers saved before the disk filled are the store's first lines, unchanged.
    expect(records.slice(0, saved.length)).toEqual(saved);
    expect(new Set(records.map((r) => r.index)).size).toBe(ROWS);
    expect(records).toHaveLength(ROWS);
    expect(existsSync(join(out, 'after', 'm_D_summary.json'))).toBe(true);
  });

  it('fills while reports are written (--mode eval): answers and earlier reports untouched, no temp file left', async () => {
    const { dir, config, work, modelDir } = await setUp();
    const out = join(dir, 'out');
    await mkdir(out);
    await inTmpfs(modelDir, out, '1m', [
      `cli first --config "${config}" --work-dir "${work}"`,
      `cp -r "$MNT" "$OUT/before"`,
      'resize full',
      `cli full --config "${config}" --work-dir "${work}" --mode eval`,
      `cp -r "$MNT" "$OUT/when-full"`,
      'resize 1m',
      `cli eval --config "${config}" --work-dir "${work}" --mode eval`,
    ].join('\n'));

    expect((await cliResult(out, 'first')).code).toBe(0);
    const full = await cliResult(out, 'full');
    expect(full.code).toBe(EXIT.diskFull);
    expect(diskFullFile(full.stderr)).toBe(join(modelDir, 'm_D_score.jsonl'));
    const before = (await readdir(join(out, 'before'))).sort();
    expect((await readdir(join(out, 'when-full'))).sort()).toEqual(before);
    for (const name of before) {
      expect(await readFile(join(out, 'when-full', name), 'utf8'), name).toBe(await readFile(join(out, 'before', name), 'utf8'));
    }
    expect((await cliResult(out, 'eval')).code).toBe(0);
  });

  it('fills while merge writes the merged store: no store cut short is left behind', async () => {
    const { dir, config } = await setUp();
    const shard = join(dir, 'shard-1');
    expect((await runCli(['--config', config, '--shard', '1/2', '--work-dir', shard])).code).toBe(0);
    const out = join(dir, 'out');
    const merged = join(dir, 'merged');
    await mkdir(join(merged, 'm'), { recursive: true });
    await mkdir(out);
    // One shard: its records go out in one write, the one a full disk could cut short unnoticed.
    // The merge's model folder is the full disk, with room for fewer records than the shard holds.
    await inTmpfs(join(merged, 'm'), out, '8k', [
      `cli merge merge --allow-missing --out "${merged}" "${shard}"`,
      `ls -A "$MNT" > "$OUT/left.txt"`,
    ].join('\n'));
    const merge = await cliResult(out, 'merge');
    expect(merge.code).toBe(EXIT.diskFull);
    expect(diskFullFile(merge.stderr)).toBe(join(merged, 'm', 'm_D.jsonl'));
    expect(await readFile(join(out, 'left.txt'), 'utf8')).toBe('');
  });

  it('a write cut short by a full disk is the last thing in the store, even when space comes back', async () => {
    const { dir, modelDir } = await setUp();
    const out = join(dir, 'out');
    await mkdir(out);
    const script = join(dir, 'append.mjs');
    // Appends until the disk is full, frees space, appends again: that append must be refused, or
    // the torn line the full disk left would end up in the middle of the store.
    await writeFile(script, `
      import { writeFileSync, rmSync } from 'node:fs';
      import { PredictionStore } from ${JSON.stringify(join(REPO_ROOT, 'dist', 'src', 'store', 'predictions.js'))};
      const dir = process.env.MNT;
      writeFileSync(dir + '/filler', Buffer.alloc(4096));
      const store = await PredictionStore.open(dir + '/s.jsonl');
      const record = (i) => ({ index: String(i), prompt_hash: 'h', status: 'ok', prediction: 'x'.repeat(300) });
      let failed = '';
      for (let i = 0; i < 100 && failed === ''; i++) await store.append(record(i)).catch((e) => { failed = e.name; });
      rmSync(dir + '/filler');
      let after = 'written';
      await store.append(record(100)).catch((e) => { after = e.name; });
      await store.close();
      console.log(JSON.stringify({ failed, after }));
    `);
    await inTmpfs(modelDir, out, '8k', `node "${script}" > "$OUT/result.json"\ncp "$MNT/s.jsonl" "$OUT/s.jsonl"`);
    expect(JSON.parse(await readFile(join(out, 'result.json'), 'utf8'))).toEqual({ failed: 'DiskFullError', after: 'DiskFullError' });
    const text = await readFile(join(out, 's.jsonl'), 'utf8');
    const lines = text.split('\n');
    // Whole lines, then the torn start of the one the disk cut short (the next open cuts it away).
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(0, -1)) expect(() => JSON.parse(line)).not.toThrow();
    expect(lines.at(-1)).toMatch(/^\{"index":"\d+","prompt_hash"/);
  });
});
