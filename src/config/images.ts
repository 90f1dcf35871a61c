import { isAbsolute, join, relative, resolve } from 'node:path';
import { InputError } from '../core/errors.js';
import { lmuDataRoot } from '../data/locate.js';
import type { ModelEntry } from './schema.js';

/**
 * `"image_transport": "file"`: images travel as `file://` URLs to content-addressed copies in `dir`
 * (src/store/media-cache.ts) instead of base64 in the body, as Actial's vLLM set-up does. The server
 * must run on this machine (or see `dir` at the same path) and be started with
 * `--allowed-local-media-path` at or above `dir`.
 */
export interface ImageFiles {
  /** Absolute; created at the first image. */
  readonly dir: string;
}

/** Beside VLMEvalKit's own image folders ($LMUData/images/<dataset>), so `--allowed-local-media-path $LMUData` covers it. */
export const DEFAULT_MEDIA_SUBDIR = join('images', 'actial-eval-cache');

type Env = Readonly<Record<string, string | undefined>>;

/** Undefined for base64 (the default). A relative `media_dir` is taken from the config file's folder. */
export function resolveImageFiles(name: string, entry: ModelEntry, env: Env, configDir: string): ImageFiles | undefined {
  if (entry.image_transport !== 'file') {
    if (entry.media_dir !== undefined) {
      throw new InputError(`model '${name}': "media_dir" is where "image_transport": "file" writes image copies; set "image_transport": "file" too, or remove "media_dir"`);
    }
    return undefined;
  }
  const given = entry.media_dir ?? join(lmuDataRoot(env), DEFAULT_MEDIA_SUBDIR);
  const dir = isAbsolute(given) ? given : resolve(configDir, given);
  checkServeCommand(name, entry.serve?.command, dir);
  return { dir };
}

const FLAG = '--allowed-local-media-path';

/**
 * A `"serve"` command that starts vLLM without the flag, or with it at a folder that does not hold
 * `dir`, would load the model only to refuse every image: said now, in one line. A value hidden in
 * a shell string (`["sh", "-c", "…"]`) is left to the check the run makes at its first image.
 */
function checkServeCommand(name: string, command: readonly string[] | undefined, dir: string): void {
  if (command === undefined) return;
  const fix = `add "${FLAG}", "${dir}" (or a folder above it) to "serve"."command", or set "image_transport": "base64"`;
  if (!command.some((arg) => arg.includes(FLAG))) {
    throw new InputError(`model '${name}': "image_transport": "file" needs vLLM started with ${FLAG} at or above ${dir}; ${fix}`);
  }
  const at = command.indexOf(FLAG);
  const value = at >= 0 ? command[at + 1] : command.find((arg) => arg.startsWith(`${FLAG}=`))?.slice(FLAG.length + 1);
  if (value === undefined || !isAbsolute(value)) return;
  const below = relative(value, dir);
  if (below.startsWith('..') || isAbsolute(below)) {
    throw new InputError(`model '${name}': "serve" starts vLLM with ${FLAG} ${value}, which does not hold media_dir ${dir} (vLLM reads only files below it); ${fix}`);
  }
}
