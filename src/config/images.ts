import { isAbsolute, join, resolve } from 'node:path';
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
  const dir = entry.media_dir ?? join(lmuDataRoot(env), DEFAULT_MEDIA_SUBDIR);
  return { dir: isAbsolute(dir) ? dir : resolve(configDir, dir) };
}
