#!/usr/bin/env node
// The Chromium that test/e2e/report-browser.test.ts drives: found, or installed, and said so.
//
//   node scripts/chromium.mjs               find it, else install it (npm runs this before `npm test`)
//   node scripts/chromium.mjs --dry-run     the same, but print the install commands instead of running them
//   node scripts/chromium.mjs --print-path  find only: its path on stdout, else one line on stderr and exit 1
//   --os-release FILE                       plan for the distribution FILE describes (default /etc/os-release)
//
// Looked for, in order: $CHROME_PATH; chromium, chromium-browser, google-chrome, google-chrome-stable on
// PATH; the Chromium Playwright downloads (`npx playwright-core install chromium`). Installed when
// missing and apt-get can run (root, or password-less sudo): Debian's `chromium` package; on Ubuntu,
// whose `chromium` package is a snap wrapper (no headless start in containers, no access to /tmp),
// Playwright's own build with its system libraries. Setting up never fails `npm test` by itself: when
// it cannot install, it says how, and the browser test fails with that line.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { aptAccess, isExecutableFile, onPath } from './system-setup.mjs';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const SAY = (line) => process.stderr.write(`test setup: ${line}\n`);
const PLAYWRIGHT_CLI = fileURLToPath(new URL('../node_modules/playwright-core/cli.js', import.meta.url));

/** Ubuntu's transitional package: a shell script that starts the snap, which cannot read /tmp. */
function isSnapWrapper(file) {
  const head = readFileSync(file).subarray(0, 4096).toString('latin1');
  return head.startsWith('#!') && head.includes('/snap/');
}

async function playwrightChromium() {
  try {
    const { chromium } = await import('playwright-core');
    const file = chromium.executablePath();
    return isExecutableFile(file) ? file : undefined;
  } catch {
    return undefined;
  }
}

/** `{ path }`, or `{ problem }`: one sentence on what was looked at. */
async function findChromium(env) {
  const explicit = env.CHROME_PATH;
  if (explicit !== undefined && explicit !== '') {
    return isExecutableFile(explicit) ? { path: explicit } : { problem: `CHROME_PATH=${explicit} is not an executable file` };
  }
  for (const name of NAMES) {
    const file = onPath(name, env);
    if (file !== undefined && !isSnapWrapper(file)) return { path: file };
  }
  const downloaded = await playwrightChromium();
  if (downloaded !== undefined) return { path: downloaded };
  return { problem: `no Chromium found ($CHROME_PATH unset; no ${NAMES.join(', ')} on PATH, snap wrappers aside; no Playwright download)` };
}

function distribution(osReleaseFile) {
  const text = existsSync(osReleaseFile) ? readFileSync(osReleaseFile, 'utf8') : '';
  const field = (key) => (new RegExp(`^${key}="?([^"\\n]*)"?$`, 'm').exec(text)?.[1] ?? '').toLowerCase();
  return { id: field('ID'), like: field('ID_LIKE').split(/\s+/) };
}

function isUbuntu(distro) {
  return distro.id === 'ubuntu' || distro.like.includes('ubuntu');
}

/** How a user installs it by hand, for the line a failure prints. */
function howToInstall(distro) {
  const how = isUbuntu(distro) ? 'npx playwright-core install --with-deps chromium' : 'apt-get install -y chromium (as root)';
  return `install it with: ${how}, or set CHROME_PATH to a Chromium or Chrome binary`;
}

/** Commands that install it here, or why none can. Root runs them; otherwise password-less sudo. */
function installPlan(env, distro) {
  const access = aptAccess(env);
  if (access.apt === undefined) return { why: access.why };
  if (isUbuntu(distro)) {
    // Playwright asks sudo itself for the system libraries; the browser goes to the user's cache.
    return { what: "Playwright's Chromium and its system libraries", commands: [[process.execPath, PLAYWRIGHT_CLI, 'install', '--with-deps', 'chromium']] };
  }
  return { what: "Debian's chromium package", commands: [[...access.apt, 'update', '-qq'], [...access.apt, 'install', '-y', '-qq', 'chromium']] };
}

function run(command, env) {
  const [program, ...args] = command;
  const result = spawnSync(program, args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  return result.status === 0;
}

async function main(argv, env) {
  const flag = (name) => argv.includes(name);
  const osReleaseAt = argv.indexOf('--os-release');
  const distro = distribution(osReleaseAt >= 0 ? argv[osReleaseAt + 1] ?? '' : '/etc/os-release');
  const found = await findChromium(env);
  if (flag('--print-path')) {
    if (found.path !== undefined) process.stdout.write(`${found.path}\n`);
    else process.stderr.write(`${found.problem}: the HTML report test needs one; ${howToInstall(distro)}\n`);
    return found.path !== undefined ? 0 : 1;
  }
  if (found.path !== undefined) {
    SAY(`Chromium for the HTML report test: ${found.path}`);
    return 0;
  }
  if (env.CHROME_PATH) {
    SAY(`${found.problem}: the HTML report test will fail; point it at a Chromium or Chrome binary, or unset it`);
    return 0;
  }
  const plan = installPlan(env, distro);
  if (plan.commands === undefined) {
    SAY(`${found.problem}, and it cannot be installed here (${plan.why}): the HTML report test will fail; ${howToInstall(distro)}`);
    return 0;
  }
  const shown = plan.commands.map((c) => c.join(' ')).join(' && ');
  if (flag('--dry-run')) {
    SAY(`${found.problem}; would install ${plan.what}: ${shown}`);
    return 0;
  }
  SAY(`${found.problem}; installing ${plan.what} for the HTML report test: ${shown}`);
  const installed = plan.commands.every((c) => run(c, env));
  const after = await findChromium(env);
  if (installed && after.path !== undefined) SAY(`installed; Chromium for the HTML report test: ${after.path}`);
  else SAY(`installing failed: the HTML report test will fail; ${howToInstall(distro)}`);
  return 0;
}

process.exitCode = await main(process.argv.slice(2), process.env);
