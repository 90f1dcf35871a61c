#!/usr/bin/env node
// The ffmpeg and ffprobe that video benchmarks (VSI-Bench) and their tests run: found on PATH, or
// installed from Debian's ffmpeg package, and said so.
//
//   node scripts/ffmpeg.mjs             find them, else install them (npm runs this before `npm test`)
//   node scripts/ffmpeg.mjs --dry-run   the same, but print the install commands instead of running them
//
// Installed when missing and apt-get can run (root, or password-less sudo). Setting up never fails
// `npm test` by itself: when it cannot install, it says how, and the video tests fail with the
// harness's own line naming ffmpeg.
import { spawnSync } from 'node:child_process';
import { aptAccess, onPath } from './system-setup.mjs';

const SAY = (line) => process.stderr.write(`test setup: ${line}\n`);
const PROGRAMS = ['ffmpeg', 'ffprobe'];

function installPlan(env) {
  const access = aptAccess(env);
  if (access.apt === undefined) return { why: access.why };
  return { commands: [[...access.apt, 'update', '-qq'], [...access.apt, 'install', '-y', '-qq', '--no-install-recommends', 'ffmpeg']] };
}

function main(argv, env) {
  const missing = PROGRAMS.filter((p) => onPath(p, env) === undefined);
  if (missing.length === 0) {
    SAY(`ffmpeg for the video tests: ${onPath('ffmpeg', env)}`);
    return;
  }
  const what = `${missing.join(' and ')} not found on PATH`;
  const plan = installPlan(env);
  if (plan.commands === undefined) {
    SAY(`${what}, and it cannot be installed here (${plan.why}): the video tests will fail; install Debian's ffmpeg package (apt-get install ffmpeg, as root)`);
    return;
  }
  const shown = plan.commands.map((c) => c.join(' ')).join(' && ');
  if (argv.includes('--dry-run')) {
    SAY(`${what}; would install Debian's ffmpeg package: ${shown}`);
    return;
  }
  SAY(`${what}; installing Debian's ffmpeg package for the video tests: ${shown}`);
  const ok = plan.commands.every((c) => spawnSync(c[0], c.slice(1), { env, stdio: 'inherit' }).status === 0);
  if (ok && PROGRAMS.every((p) => onPath(p, env) !== undefined)) SAY(`installed; ffmpeg for the video tests: ${onPath('ffmpeg', env)}`);
  else SAY("installing failed: the video tests will fail; install Debian's ffmpeg package (apt-get install ffmpeg, as root)");
}

main(process.argv.slice(2), process.env);
