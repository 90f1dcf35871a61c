/**
 * The file transport during a run: every image is sent as a `file://` URL to its content-addressed
 * copy (src/store/media-cache.ts), written before the request that names it goes out. A server that
 * may not read those files (vLLM without `--allowed-local-media-path`, or with a folder that does not
 * hold them, or one that sees another file system) refuses every request alike: that is a
 * configuration error, so one small request is sent first and its refusal ends the run with one
 * line saying what to set (exit 2), before any item is asked or recorded as failed.
 */
import type { Sample } from '../core/types.js';
import { InputError } from '../core/errors.js';
import type { ImageFiles } from '../config/images.js';
import type { EndpointPool, PoolOutcome } from '../endpoint/pool/pool.js';
import type { ChatBody } from '../request/body.js';
import { imageDigest, type ImageUrlOf } from '../request/build.js';
import { MediaCache } from '../store/media-cache.js';

export interface FileImageSender {
  /** The URL buildRequest puts in a request instead of a data URL. */
  readonly urlOf: ImageUrlOf;
  /** Writes the sample's image copies (each once); before the first, checks the server may read them. */
  prepare(sample: Sample): Promise<void>;
}

/** A 64×64 grey PNG: big enough for every vision processor's minimum size, 98 bytes. */
const PROBE_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAEAAAABACAAAAACPAi4CAAAAKUlEQVR42u3MQREAAAwCIKMb3RD77SAA6VEEAoFAIBAIBAKBQCAQfA8G320AeXC6efoAAAAASUVORK5CYII=',
  'base64',
);

/** vLLM's two refusals name the flag: "Cannot load local files without `--allowed-local-media-path`." and "… must be a subpath of `--allowed-local-media-path …". */
const REFUSED = /--allowed-local-media-path/;
/** The file was allowed but not there (another file system, a container without the folder) or not readable as an image. */
const UNREADABLE = /No such file or directory|Failed to identify image|cannot identify image file|Permission denied/i;

export async function openFileImages(files: ImageFiles, pool: EndpointPool, modelName: string, modelId: string): Promise<FileImageSender> {
  const cache = await MediaCache.open(files.dir);
  let checked: Promise<void> | undefined;
  const check = (): Promise<void> => (checked ??= checkServerReads(cache, pool, modelName, modelId));
  return {
    urlOf: (image, sha256) => cache.urlOf(sha256, image.mime),
    prepare: async (sample) => {
      // Only the bytes are kept while the check is under way, not the sample's base64 text.
      const images = sample.parts.flatMap((part) => (part.kind === 'image' ? [{ data: part.image.data, mime: part.image.mime }] : []));
      await check();
      await Promise.all(images.map((image) => cache.put(image.data, imageDigest(image.data), image.mime)));
    },
  };
}

/** Sends one 1-token request with an image copy; a refusal of the file becomes an InputError. */
async function checkServerReads(cache: MediaCache, pool: EndpointPool, modelName: string, modelId: string): Promise<void> {
  const sha256 = imageDigest(PROBE_PNG);
  await cache.put(PROBE_PNG, sha256, 'image/png');
  const body: ChatBody = {
    model: modelId,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image_url', image_url: { url: cache.urlOf(sha256, 'image/png') } },
          { type: 'text', text: 'What colour is this image? One word.' },
        ],
      },
    ],
    temperature: 0,
    max_tokens: 1,
    n: 1,
  };
  const refusal = refusalLine(await pool.complete(body), cache, modelName);
  if (refusal !== undefined) throw new InputError(refusal);
}

/** The one line for an outcome that says the server may not read the copies; undefined otherwise. */
export function refusalLine(outcome: PoolOutcome, cache: Pick<MediaCache, 'dir'>, modelName: string): string | undefined {
  if (outcome.status !== 'failed') return undefined;
  // The pool's error ends with why it was not retried: noise beside the server's own words.
  const server = `the server refused a file:// image under ${cache.dir} (${outcome.error.replace(/ \[[^\]]*\]$/, '')})`;
  const fallback = `or set "image_transport": "base64" for model '${modelName}'`;
  if (REFUSED.test(outcome.error)) {
    return `model '${modelName}': ${server}: start vLLM with --allowed-local-media-path ${cache.dir} (or a folder above it, written without symlinks), ${fallback}`;
  }
  if (UNREADABLE.test(outcome.error)) {
    return `model '${modelName}': ${server}: the server must see this machine's ${cache.dir} at the same path (run it here, or mount that folder there), ${fallback}`;
  }
  return undefined;
}
