import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readLockOwner, WorkDirLock } from '../../src/workdir/lock.js';
import { lockPath } from '../../src/workdir/paths.js';
import { isProcessAlive, isZombie } from '../../src/core/process.js';

let dir: string;
const children: ChildProcess[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'actial-lock-'));
});
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await rm(dir, { recursive: true, force: true });
});

/**
 * A real zombie: a shell starts a child in the background, prints its pid, then execs `sleep`,
 * which never waits for children. The child exits once its parent is `sleep` (so the shell cannot
 * have reaped it) and stays a zombie until `sleep` ends.
 */
const ZOMBIE_SCRIPT = '( while [ "$(cat /proc/$$/comm)" != sleep ]; do sleep 0.01; done ) & echo $!; exec sleep 30';

async function zombie(): Promise<number> {
  const parent = spawn('sh', ['-c', ZOMBIE_SCRIPT], { stdio: ['ignore', 'pipe', 'ignore'] });
  children.push(parent);
  const pid = await new Promise<number>((resolve, reject) => {
    parent.stdout?.setEncoding('utf8').once('data', (text: string) => resolve(Number.parseInt(text, 10)));
    parent.once('error', reject);
  });
  for (let i = 0; i < 1000 && !isZombie(pid); i++) await new Promise((r) => setTimeout(r, 10));
  return pid;
}

describe('WorkDirLock', () => {
  it.runIf(existsSync('/proc/self/stat'))('takes over a lock held by a zombie (killed, never reaped)', async () => {
    const pid = await zombie();
    expect(isZombie(pid)).toBe(true);
    // Signal 0 still reaches a zombie: that alone would keep the lock forever.
    expect(() => process.kill(pid, 0)).not.toThrow();
    expect(isProcessAlive(pid)).toBe(false);
    await writeFile(lockPath(dir), `${pid}\n`);
    const lock = await WorkDirLock.acquire(dir);
    expect(await readFile(lockPath(dir), 'utf8')).toBe(`${process.pid}\n`);
    await lock.release();
    expect(existsSync(lockPath(dir))).toBe(false);
  });

  it('refuses a lock held by a live process, and reads a lock that holds no pid as stale', async () => {
    const live = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    children.push(live);
    expect(isZombie(live.pid ?? 0)).toBe(false);
    await writeFile(lockPath(dir), `${live.pid}\n`);
    await expect(WorkDirLock.acquire(dir)).rejects.toThrow(/is in use by another actial-eval run \(pid \d+\)/);
    for (const text of ['', 'abc\n', '0\n', '12 34\n']) {
      await writeFile(lockPath(dir), text);
      expect(await readLockOwner(lockPath(dir)), JSON.stringify(text)).toBeUndefined();
    }
    await writeFile(lockPath(dir), ' 4242 \n');
    expect(await readLockOwner(lockPath(dir))).toBe(4242);
    expect(await readLockOwner(join(dir, 'none'))).toBeUndefined();
  });
});
