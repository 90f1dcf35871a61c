/**
 * `file://` image URLs, checked as vLLM's MediaConnector does (vllm/multimodal/utils.py,
 * `_load_file_url`): refused without `--allowed-local-media-path`; the path (netloc + path,
 * percent-decoded) has its symlinks resolved and must lie strictly below the allowed folder, which is
 * compared as given (not resolved); then the file is read and must be an image. The messages are
 * vLLM's; its status for a missing or unreadable file is not pinned down, the mock answers 400.
 * Requests are checked with synchronous calls: a local stat and read take microseconds, less CPU
 * than the promise round trips (the bench runs the mock beside the harness on two cores).
 */
import { readFileSync, realpathSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { sniffImageMime } from '../data/mime.js';
import { MockHttpError } from './error-body.js';

/** Checks the folder at start-up like vLLM (it must exist and be a directory); '' means none. */
export async function checkAllowedMediaPath(path: string | undefined): Promise<string | undefined> {
  if (path === undefined || path === '') return undefined;
  const found = await stat(path).catch(() => undefined);
  if (found === undefined) throw new InputError(`Invalid \`--allowed-local-media-path\`: The path ${path} does not exist.`);
  if (!found.isDirectory()) throw new InputError(`Invalid \`--allowed-local-media-path\`: The path ${path} must be a directory.`);
  return purePath(path);
}

/** Throws MockHttpError for what vLLM would refuse; returns once the file was read as an image (or, for a video, read at all). */
export function checkFileUrl(url: string, allowed: string | undefined, media: 'image' | 'video' = 'image'): void {
  if (allowed === undefined) throw new MockHttpError(400, 'Cannot load local files without `--allowed-local-media-path`.');
  const filepath = purePath(filePathOf(url));
  if (!isStrictlyBelow(resolveExisting(filepath), allowed)) {
    throw new MockHttpError(400, `The file path ${filepath} must be a subpath of \`--allowed-local-media-path ${allowed}\`.`);
  }
  let data: Buffer;
  try {
    data = readFileSync(filepath);
  } catch (err) {
    throw new MockHttpError(400, osErrorText(err, filepath));
  }
  if (media === 'image' && sniffImageMime(data) === undefined) {
    throw new MockHttpError(400, `Failed to identify image: cannot identify image file '${filepath}'`);
  }
}

/**
 * `url2pathname(netloc + path)`: `file:///a%20b/c.png` → `/a b/c.png`; a host becomes the first part
 * of a relative path. No dot-segment removal (`..` stays, as urllib3 and urlparse leave it for file URLs).
 */
function filePathOf(url: string): string {
  let rest = url.slice('file:'.length).split('#', 1)[0]?.split('?', 1)[0] ?? '';
  let netloc = '';
  if (rest.startsWith('//')) {
    const slash = rest.indexOf('/', 2);
    netloc = slash < 0 ? rest.slice(2) : rest.slice(2, slash);
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  try {
    return decodeURIComponent(netloc + rest);
  } catch {
    return netloc + rest;
  }
}

/** Python's PurePosixPath text: repeated and trailing slashes and `.` parts dropped, `..` kept. */
function purePath(path: string): string {
  const absolute = path.startsWith('/');
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  const joined = parts.join('/');
  return absolute ? `/${joined}` : joined || '.';
}

/** Python's `Path.resolve()` (not strict): symlinks resolved as far as the path exists. */
function resolveExisting(path: string): string {
  try {
    // The path as written first: `..` after a symlink climbs from the link's target, as in Python.
    return realpathSync.native(path);
  } catch {
    const absolute = resolve(path);
    const parent = dirname(absolute);
    return parent === absolute ? absolute : join(resolveExisting(parent), basename(absolute));
  }
}

/** `allowed in path.parents`: a relative allowed folder never matches a resolved path. */
function isStrictlyBelow(path: string, allowed: string): boolean {
  const prefix = allowed.endsWith('/') ? allowed : `${allowed}/`;
  return path.startsWith(prefix) && path.length > prefix.length;
}

/** Python's OSError text: `[Errno 2] No such file or directory: '<path>'`. */
function osErrorText(err: unknown, path: string): string {
  const code = err instanceof Error && 'code' in err ? err.code : undefined;
  const known: Readonly<Record<string, string>> = {
    ENOENT: '[Errno 2] No such file or directory',
    EACCES: '[Errno 13] Permission denied',
    EISDIR: '[Errno 21] Is a directory',
  };
  const head = typeof code === 'string' ? (known[code] ?? code) : String(err);
  return `${head}: '${path}'`;
}
