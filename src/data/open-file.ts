import { type FileHandle, open } from 'node:fs/promises';
import { InputError } from '../core/errors.js';

/** Opens a data file for reading; a missing file or a folder is one clear line saying what was expected. */
export async function openDataFile(file: string, expected: string): Promise<FileHandle> {
  let fh: FileHandle;
  try {
    fh = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'file not found' : `cannot open (${code ?? String(err)})`;
    throw new InputError(`${file}: ${why}; expected ${expected}`);
  }
  if (!(await fh.stat()).isFile()) {
    await fh.close();
    throw new InputError(`${file}: not a regular file; expected ${expected}`);
  }
  return fh;
}
