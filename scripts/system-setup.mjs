// What the test set-up scripts (chromium.mjs, ffmpeg.mjs) share: finding programs on PATH, and
// whether apt-get may run here (as root, or through password-less sudo).
import { spawnSync } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export function isExecutableFile(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

export function onPath(name, env) {
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    const file = join(dir, name);
    if (isExecutableFile(file)) return file;
  }
  return undefined;
}

/** `{ apt }`: the apt-get command prefix to run (sudo and a non-interactive front end), or `{ why }` none can. */
export function aptAccess(env) {
  if (onPath('apt-get', env) === undefined) return { why: 'apt-get is not available' };
  let sudo = [];
  if (process.getuid?.() !== 0) {
    const probe = onPath('sudo', env) === undefined ? undefined : spawnSync('sudo', ['-n', 'true'], { env, stdio: 'ignore' });
    if (probe?.status !== 0) return { why: 'not root, and sudo needs a password (or is missing)' };
    sudo = ['sudo'];
  }
  return { apt: [...sudo, 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'] };
}
