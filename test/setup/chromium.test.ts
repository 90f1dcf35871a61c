/**
 * scripts/chromium.mjs, the step `npm test` runs first: it finds the Chromium the HTML report test
 * drives, or installs one, and says which. Run as a child process with a PATH (and CHROME_PATH,
 * Playwright download folder) that hides this machine's browser; installs only as dry runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT, tempDir } from '../e2e/helpers.js';

const SCRIPT = join(REPO_ROOT, 'scripts', 'chromium.mjs');

interface Setup {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A folder for PATH holding executables of these names (never run: the script only looks). */
async function binDir(names: readonly string[], body = '#!/bin/sh\nexit 0\n'): Promise<string> {
  const dir = join(await tempDir('actial-chromium-'), 'bin');
  await mkdir(dir);
  for (const name of names) {
    await writeFile(join(dir, name), body);
    await chmod(join(dir, name), 0o755);
  }
  return dir;
}

async function setup(args: readonly string[], env: Record<string, string>): Promise<Setup> {
  // Nothing of the parent's PATH or browser settings leaks in; an empty Playwright download folder.
  const downloads = await tempDir('actial-pw-');
  const result = spawnSync(process.execPath, [SCRIPT, ...args], {
    env: { HOME: downloads, PLAYWRIGHT_BROWSERS_PATH: downloads, PATH: '', ...env },
    encoding: 'utf8',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const NONE_FOUND = 'no Chromium found ($CHROME_PATH unset; no chromium, chromium-browser, google-chrome, google-chrome-stable on PATH, snap wrappers aside; no Playwright download)';

describe('finding Chromium (--print-path)', () => {
  it('takes CHROME_PATH first', async () => {
    const bin = await binDir(['my-chrome', 'chromium']);
    const run = await setup(['--print-path'], { CHROME_PATH: join(bin, 'my-chrome'), PATH: bin });
    expect(run).toEqual({ code: 0, stdout: `${join(bin, 'my-chrome')}\n`, stderr: '' });
  });

  it('refuses a CHROME_PATH that is not an executable, in one line', async () => {
    const run = await setup(['--print-path'], { CHROME_PATH: '/nonexistent/chrome' });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('CHROME_PATH=/nonexistent/chrome is not an executable file: the HTML report test needs one; install it with: apt-get install -y chromium (as root), or set CHROME_PATH to a Chromium or Chrome binary\n');
  });

  it('looks on PATH for the usual names, in order', async () => {
    const first = await binDir(['google-chrome']);
    const second = await binDir(['chromium-browser']);
    const run = await setup(['--print-path'], { PATH: `${first}:${second}` });
    expect(run.stdout).toBe(`${join(second, 'chromium-browser')}\n`);
  });

  it("passes over Ubuntu's snap wrapper, which cannot open files in /tmp", async () => {
    const bin = await binDir(['chromium-browser'], '#!/bin/sh\nexec /snap/bin/chromium "$@"\n');
    const run = await setup(['--print-path'], { PATH: bin });
    expect(run.code).toBe(1);
  });

  it('says in one line what it looked for and how to install one', async () => {
    const run = await setup(['--print-path'], { PATH: await binDir([]) });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe(`${NONE_FOUND}: the HTML report test needs one; install it with: apt-get install -y chromium (as root), or set CHROME_PATH to a Chromium or Chrome binary\n`);
  });

  it("finds this machine's Chromium with the real PATH", () => {
    const run = spawnSync(process.execPath, [SCRIPT, '--print-path'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expect(existsSync(run.stdout.trim())).toBe(true);
  });
});

describe('setting up (what `npm test` runs first)', () => {
  it('says which Chromium the test will use', async () => {
    const bin = await binDir(['chromium']);
    const run = await setup([], { PATH: bin });
    expect(run).toEqual({ code: 0, stdout: '', stderr: `test setup: Chromium for the HTML report test: ${join(bin, 'chromium')}\n` });
  });

  it('without apt-get: says the browser test will fail and how to install, without failing the run itself', async () => {
    const run = await setup([], { PATH: await binDir([]) });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(`test setup: ${NONE_FOUND}, and it cannot be installed here (apt-get is not available): the HTML report test will fail; install it with: apt-get install -y chromium (as root), or set CHROME_PATH to a Chromium or Chrome binary\n`);
  });

  /** What the script may use here to install: root, password-less sudo (the machine's own), or neither. */
  async function aptBin(): Promise<{ bin: string; privilege: 'root' | 'sudo' | undefined }> {
    const bin = await binDir(['apt-get']);
    const hasSudo = existsSync('/usr/bin/sudo');
    if (hasSudo) await symlink('/usr/bin/sudo', join(bin, 'sudo'));
    if (process.getuid?.() === 0) return { bin, privilege: 'root' };
    const sudo = hasSudo && spawnSync('/usr/bin/sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
    return { bin, privilege: sudo ? 'sudo' : undefined };
  }
  const CANNOT = (how: string) =>
    `test setup: ${NONE_FOUND}, and it cannot be installed here (not root, and sudo needs a password (or is missing)): the HTML report test will fail; install it with: ${how}, or set CHROME_PATH to a Chromium or Chrome binary\n`;

  it("with apt-get: plans Debian's chromium package, as root or through password-less sudo (dry run)", async () => {
    const { bin, privilege } = await aptBin();
    const run = await setup(['--dry-run'], { PATH: bin });
    const apt = `${privilege === 'sudo' ? 'sudo ' : ''}env DEBIAN_FRONTEND=noninteractive apt-get`;
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(privilege !== undefined
      ? `test setup: ${NONE_FOUND}; would install Debian's chromium package: ${apt} update -qq && ${apt} install -y -qq chromium\n`
      : CANNOT('apt-get install -y chromium (as root)'));
  });

  it("on Ubuntu plans Playwright's Chromium instead of the snap wrapper (dry run)", async () => {
    const { bin, privilege } = await aptBin();
    const osRelease = join(bin, '..', 'os-release');
    await writeFile(osRelease, 'NAME="Ubuntu"\nID=ubuntu\nID_LIKE=debian\n');
    const run = await setup(['--dry-run', '--os-release', osRelease], { PATH: bin });
    const playwright = `${process.execPath} ${join(REPO_ROOT, 'node_modules', 'playwright-core', 'cli.js')} install --with-deps chromium`;
    expect(run.stderr).toBe(privilege !== undefined
      ? `test setup: ${NONE_FOUND}; would install Playwright's Chromium and its system libraries: ${playwright}\n`
      : CANNOT('npx playwright-core install --with-deps chromium'));
  });
});
