/**
 * Content-addressed copies of images for the file transport (`"image_transport": "file"`): each
 * distinct image is written once as `<dir>/<sha256 of its bytes>.<extension of its sniffed type>`,
 * bytes unchanged, and the server reads it through a `file://` URL instead of base64 in the body.
 *
 * A copy is written under a temporary name and renamed into place, so neither a run killed in the
 * middle (kill -9) nor two runs writing the same image at once ever leave a partial file under a
 * final name: a file found there was complete when it was renamed, and is trusted when its size
 * matches (its bytes are not hashed again; that would cost as much as sending them). Temporary
 * files a killed run left (`.<name>.<pid>.<random>.tmp`) are never read, and may be deleted.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { mkdir, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diskFullAt, InputError, isDiskFull } from '../core/errors.js';

/** How many copies known to be in place are remembered, so a reused image costs no stat. */
const REMEMBERED = 4096;

export class MediaCache {
  /** Names known to be in place, oldest first (a bounded memory: the folder is the real record). */
  private readonly present = new Set<string>();
  /** Writes under way, so concurrent puts of one image write it once. */
  private readonly writing = new Map<string, Promise<void>>();
  /**
   * The last check found no copy, so copies are being written: checks go through the thread pool
   * until one finds its copy. A synchronous stat of a missing name waits on the folder behind those
   * writes (0.6 ms each on this VM's ext4, measured in figure 8's first run), on the one thread
   * that also sends and answers the requests.
   */
  private writingLately = false;

  private constructor(
    /** The folder, as its real path (symlinks resolved): what the server compares with its allowed path. */
    readonly dir: string,
    private readonly urlPrefix: string,
  ) {}

  /** Creates the folder if needed; `dir` must be absolute. */
  static async open(dir: string): Promise<MediaCache> {
    try {
      await mkdir(dir, { recursive: true });
      const real = await realpath(dir);
      return new MediaCache(real, `${pathToFileURL(real).href.replace(/\/$/, '')}/`);
    } catch (err) {
      throw new InputError(`media_dir ${dir}: cannot create or open the image folder (${errorCode(err)}); set "media_dir" to a writable folder`);
    }
  }

  /** `<sha256>.<ext>`: hex and a short extension, so the name needs no URL escaping. */
  fileName(sha256: string, mime: string): string {
    return `${sha256}.${extensionOf(mime)}`;
  }

  pathOf(sha256: string, mime: string): string {
    return join(this.dir, this.fileName(sha256, mime));
  }

  /** The `file:///…` URL of the copy (written or not yet: it depends only on the bytes). */
  urlOf(sha256: string, mime: string): string {
    return this.urlPrefix + this.fileName(sha256, mime);
  }

  /**
   * Makes sure the copy is in place: found complete, or written once, atomically. The check is one
   * synchronous stat (a few microseconds on a local disk; a promise round trip through the thread
   * pool costs several times that in CPU, on every request of a run whose copies exist), except
   * while copies are being written (see `writingLately`).
   */
  async put(data: Buffer, sha256: string, mime: string): Promise<void> {
    const name = this.fileName(sha256, mime);
    if (this.present.has(name)) return;
    let pending = this.writing.get(name);
    if (pending === undefined) {
      if (!this.writingLately && this.isComplete(name, data.length)) return this.remember(name);
      pending = this.ensure(name, data).finally(() => this.writing.delete(name));
      this.writing.set(name, pending);
    }
    await pending;
    this.remember(name);
  }

  /** Writes the copy unless (while copies are being written) a check in the thread pool finds it. */
  private async ensure(name: string, data: Buffer): Promise<void> {
    if (this.writingLately && (await this.isCompleteLater(name, data.length))) {
      this.writingLately = false;
      return;
    }
    this.writingLately = true;
    await this.write(name, data);
  }

  /** Another size under a content name is not a copy this cache wrote: it is replaced. */
  private isComplete(name: string, size: number): boolean {
    try {
      const found = statSync(join(this.dir, name), { throwIfNoEntry: false });
      return found?.isFile() === true && found.size === size;
    } catch {
      return false;
    }
  }

  private async isCompleteLater(name: string, size: number): Promise<boolean> {
    try {
      const found = await stat(join(this.dir, name));
      return found.isFile() && found.size === size;
    } catch {
      return false;
    }
  }

  private async write(name: string, data: Buffer): Promise<void> {
    const path = join(this.dir, name);
    const temp = join(this.dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      await writeFile(temp, data, { flag: 'wx', mode: 0o644 });
      await rename(temp, path);
    } catch (err) {
      await rm(temp, { force: true }).catch(() => undefined);
      if (isDiskFull(err)) throw diskFullAt(path, err);
      throw new InputError(`media_dir ${this.dir}: cannot write the image copy ${name} (${errorCode(err)}); set "media_dir" to a writable folder`);
    }
  }

  private remember(name: string): void {
    this.present.add(name);
    if (this.present.size > REMEMBERED) {
      const oldest = this.present.values().next().value;
      if (oldest !== undefined) this.present.delete(oldest);
    }
  }
}

/** `image/jpeg` → `jpg`, otherwise the MIME subtype (png, gif, webp, bmp, tiff). */
export function extensionOf(mime: string): string {
  const subtype = mime.slice(mime.indexOf('/') + 1).toLowerCase();
  if (subtype === 'jpeg') return 'jpg';
  return /^[a-z0-9]{1,8}$/.test(subtype) ? subtype : 'img';
}

function errorCode(err: unknown): string {
  const code = err instanceof Error && 'code' in err ? err.code : undefined;
  return typeof code === 'string' ? code : String(err);
}
