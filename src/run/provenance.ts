import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

let cached: { version: string; sha: string | null } | undefined;

/** Harness version (package.json) and git commit of the harness checkout, if it is one. */
export function harnessIdentity(): { version: string; sha: string | null } {
  if (cached !== undefined) return cached;
  let version = 'unknown';
  try {
    version = (JSON.parse(readFileSync(`${ROOT}package.json`, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    // running from an unusual layout: the version stays unknown
  }
  let sha: string | null = null;
  try {
    sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).toString().trim() || null;
  } catch {
    sha = null;
  }
  cached = { version, sha };
  return cached;
}
