import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join } from 'node:path';
import type { ImageBytes } from '../core/types.js';
import { DataError } from '../core/errors.js';
import { sniffImageMime } from './mime.js';

/**
 * Where VLMEvalKit keeps a dataset's image files: `$LMUData/images/<dataset>/` (image_base.py
 * `img_root`; LMUData defaults to ~/LMUData). The dataset name is the TSV's base name; its
 * `_local.tsv` copy (written by `LOCALIZE` for files over 1 GB) shares the original's folder.
 */
export function defaultImageDir(tsvFile: string, env: NodeJS.ProcessEnv = process.env): string {
  const root = env['LMUData'] !== undefined && env['LMUData'] !== '' ? env['LMUData'] : join(homedir(), 'LMUData');
  const dataset = basename(tsvFile).replace(/\.tsv$/i, '').replace(/_local$/, '');
  return join(root, 'images', dataset);
}

/**
 * Reads each path's bytes as they are. An absolute path is used as is; a relative one is looked
 * up next to the TSV, then in each of `imageDirs`. `column` names where the path came from in
 * messages (null: a path the module builds from the row number, named by the row alone).
 */
export async function imagesFromPaths(
  file: string,
  row: number,
  paths: readonly string[],
  imageDirs: readonly string[],
  column: string | null = 'image_path',
): Promise<ImageBytes[]> {
  const out: ImageBytes[] = [];
  for (const path of paths) {
    const candidates = isAbsolute(path) ? [path] : [join(dirname(file), path), ...imageDirs.map((d) => join(d, path))];
    out.push(await readFirst({ file, row, column: column ?? undefined }, path, candidates));
  }
  return out;
}

/** The row and column an image path came from, for messages. */
interface PathSite {
  readonly file: string;
  readonly row: number;
  readonly column: string | undefined;
}

async function readFirst(site: PathSite, path: string, candidates: readonly string[]): Promise<ImageBytes> {
  for (const candidate of candidates) {
    const data = await readIfExists(site, candidate);
    if (data === undefined) continue;
    const mime = sniffImageMime(data);
    if (mime === undefined) {
      throw pathError(site, `expected an image file, but '${candidate}' is not a JPEG, PNG, GIF, WebP, BMP or TIFF image`);
    }
    return { data, mime };
  }
  throw pathError(site, `image file '${path}' not found; looked at: ${candidates.join(', ')}`);
}

async function readIfExists(site: PathSite, candidate: string): Promise<Buffer | undefined> {
  try {
    return await readFile(candidate);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw pathError(site, `expected a readable image file at '${candidate}' (${code ?? String(err)})`);
  }
}

function pathError(site: PathSite, expected: string): DataError {
  return new DataError(site.file, site.column === undefined ? { row: site.row } : { row: site.row, column: site.column }, expected);
}
