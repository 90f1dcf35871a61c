/**
 * Frames of videos, extracted once per (video content, frame indices, encoding) into a
 * content-addressed folder and read back from there by every later question on the same video,
 * every rerun and every other model:
 *
 *   <dir>/frames/<sha256 of content · indices · encoding>/<k>.jpg   k = 1… over the distinct indices, ascending
 *   <dir>/videos/<sha256 of path · size · mtime · inode>.json        a video's content sha256 and shape
 *
 * The video's identity is the sha256 of its bytes, streamed through the hash once (a second run finds
 * it under the file's path, size and mtime and does not read the video again). A frame folder is
 * written under a temporary name and renamed into place, so a killed run or two runs at once never
 * leave a partial folder under a final name: a folder found there is complete.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { InputError } from '../../core/errors.js';
import { sha256 } from '../../core/hash.js';
import { encodingKey, extractFrames, probeVideo, VideoReadError, type FrameEncoding, type VideoTools } from './ffmpeg.js';
import { frameIndices, type FrameSampling, type VideoShape } from './indices.js';

/** The frames one question sends, in order (an index repeated when the formula repeats it). */
export interface VideoFrames {
  readonly indices: readonly number[];
  /** One path per index, in the same order. */
  readonly files: readonly string[];
  readonly shape: VideoShape;
  /** The video's content sha256. */
  readonly contentSha: string;
}

export interface FrameCacheStats {
  /** Frame sets found in the folder. */
  hits: number;
  /** Frame sets ffmpeg extracted. */
  misses: number;
  /** Videos whose bytes were hashed (not found in the identity index). */
  hashed: number;
}

const identitySchema = z.strictObject({ sha256: z.string().regex(/^[0-9a-f]{64}$/), frames: z.number().int().min(1), fps: z.number() });
type Identity = z.infer<typeof identitySchema>;

export class FrameCache {
  readonly stats: FrameCacheStats = { hits: 0, misses: 0, hashed: 0 };
  /** Identities known this run, by the file's stat key (bounded by the number of videos a dataset names). */
  private readonly identities = new Map<string, Identity>();
  /** Extractions under way, so concurrent questions on one video extract it once. */
  private readonly extracting = new Map<string, Promise<void>>();

  private constructor(
    readonly dir: string,
    private readonly tools: VideoTools,
    private readonly encoding: FrameEncoding,
  ) {}

  static async open(dir: string, tools: VideoTools, encoding: FrameEncoding): Promise<FrameCache> {
    try {
      await mkdir(join(dir, 'frames'), { recursive: true });
      await mkdir(join(dir, 'videos'), { recursive: true });
    } catch (err) {
      throw new InputError(`video frame cache ${dir}: cannot create it (${codeOf(err)}); set "video": {"cache_dir": …} to a writable folder`);
    }
    return new FrameCache(dir, tools, encoding);
  }

  /** The frames `sampling` picks from `file`, extracted unless already in the folder. */
  async framesOf(file: string, sampling: FrameSampling): Promise<VideoFrames> {
    const identity = await this.identify(file);
    let indices: number[];
    try {
      indices = frameIndices(sampling, identity);
    } catch (err) {
      throw new VideoReadError(file, err instanceof Error ? err.message : String(err));
    }
    const distinct = [...new Set(indices)].sort((a, b) => a - b);
    const key = sha256(`frames-v1\0${identity.sha256}\0${distinct.join(',')}\0${encodingKey(this.encoding)}`);
    const folder = join(this.dir, 'frames', key);
    if (existsSync(folder)) this.stats.hits++;
    else await this.extractOnce(key, file, distinct, folder, identity.frames);
    const position = new Map(distinct.map((index, k) => [index, k + 1]));
    const files = indices.map((index) => join(folder, `${position.get(index) ?? 0}.jpg`));
    return { indices, files, shape: { frames: identity.frames, fps: identity.fps }, contentSha: identity.sha256 };
  }

  private async extractOnce(key: string, file: string, distinct: readonly number[], folder: string, frames: number): Promise<void> {
    let pending = this.extracting.get(key);
    if (pending === undefined) {
      this.stats.misses++;
      pending = this.extract(file, distinct, folder, frames).finally(() => this.extracting.delete(key));
      this.extracting.set(key, pending);
    }
    await pending;
  }

  private async extract(file: string, distinct: readonly number[], folder: string, frames: number): Promise<void> {
    const temp = `${folder}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await mkdir(temp, { recursive: true });
    try {
      await extractFrames(this.tools, file, distinct, temp, this.encoding);
      for (let k = 1; k <= distinct.length; k++) {
        if (!existsSync(join(temp, `${k}.jpg`))) {
          throw new VideoReadError(file, `ffmpeg decoded ${k - 1} of the ${distinct.length} frames asked (frame ${distinct[k - 1] ?? 0} missing; the container promises ${frames}): the file is damaged or truncated`);
        }
      }
      await writeFile(join(temp, 'indices.json'), `${JSON.stringify(distinct)}\n`);
      await rename(temp, folder).catch((err: unknown) => {
        // Another run put the same frames in place first: theirs are as good.
        if (!existsSync(folder)) throw err;
      });
    } finally {
      await rm(temp, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Content sha256 and shape: from the index when the file is unchanged, else hashed and probed. */
  async identify(file: string): Promise<Identity> {
    const found = await stat(file).catch((err: unknown) => {
      throw new VideoReadError(file, codeOf(err) === 'ENOENT' ? 'not found' : `cannot be read (${codeOf(err)})`);
    });
    if (!found.isFile()) throw new VideoReadError(file, 'is not a file');
    const statKey = sha256(`${await realpath(file)}\0${found.size}\0${found.mtimeMs}\0${found.ino}`);
    const known = this.identities.get(statKey) ?? (await this.readIdentity(statKey));
    if (known !== undefined) {
      this.identities.set(statKey, known);
      return known;
    }
    const shape = await probeVideo(this.tools, file);
    const identity: Identity = { sha256: await hashFile(file), frames: shape.frames, fps: shape.fps };
    this.stats.hashed++;
    this.identities.set(statKey, identity);
    const path = join(this.dir, 'videos', `${statKey}.json`);
    const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    await writeFile(temp, `${JSON.stringify(identity)}\n`);
    await rename(temp, path);
    return identity;
  }

  private async readIdentity(statKey: string): Promise<Identity | undefined> {
    const text = await readFile(join(this.dir, 'videos', `${statKey}.json`), 'utf8').catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      const parsed = identitySchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }
}

/** sha256 of a file's bytes, streamed (1 MiB at a time, whatever the file's size). */
async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function codeOf(err: unknown): string {
  const code = err instanceof Error && 'code' in err ? err.code : undefined;
  return typeof code === 'string' ? code : String(err);
}
