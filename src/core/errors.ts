/**
 * Errors that end a run with a known exit code. Anything else is unexpected (exit 1).
 * Messages are one line, name the file / row / field involved and say what was expected.
 */

export const EXIT = {
  ok: 0,
  unexpected: 1,
  usage: 2,
  failedRequests: 3,
  regression: 4,
  diskFull: 5,
} as const;

/** Bad config, bad CLI usage, or bad data: the user must change something. Exit 2. */
export class InputError extends Error {
  readonly exitCode = EXIT.usage;
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** The config file is wrong: bad JSON, an unknown key, a wrong type, an unset env reference. Exit 2. */
export class ConfigError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** No file of a dataset was found (and none could be downloaded). Exit 2. */
export class DataNotFoundError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'DataNotFoundError';
  }
}

/**
 * A dataset download failed for good: refused, not found, corrupt (checksum mismatch) or cut off
 * after every retry. Nothing half-downloaded is ever read. Exit 2.
 */
export class DownloadError extends InputError {
  constructor(message: string) {
    super(message);
    this.name = 'DownloadError';
  }
}

/** A data file problem, located precisely. Exit 2. */
export class DataError extends InputError {
  constructor(
    readonly file: string,
    readonly location: { readonly row?: number; readonly column?: string },
    readonly expected: string,
  ) {
    super(formatDataError(file, location, expected));
    this.name = 'DataError';
  }
}

function formatDataError(
  file: string,
  location: { readonly row?: number; readonly column?: string },
  expected: string,
): string {
  const where = [
    location.row !== undefined ? `row ${location.row}` : undefined,
    location.column !== undefined ? `column '${location.column}'` : undefined,
  ].filter((x): x is string => x !== undefined);
  return `${file}${where.length > 0 ? ` (${where.join(', ')})` : ''}: ${expected}`;
}

/**
 * The disk (or the user's quota) filled up while a file was written. Answers are appended in whole
 * lines and reports go to a temp file first, so everything saved before is intact and a rerun
 * resumes once there is space. Not an InputError: nothing in the config or data is wrong. Exit 5.
 */
export class DiskFullError extends Error {
  readonly exitCode = EXIT.diskFull;
  constructor(readonly file: string | undefined, readonly code: string) {
    super(
      `no space left on device (${code}) while writing ${file ?? 'a file'}; the answers saved before it are intact: ` +
        'free some space, then run the same command again to resume',
    );
    this.name = 'DiskFullError';
  }
}

const DISK_FULL_CODES: readonly string[] = ['ENOSPC', 'EDQUOT'];

/** The write failed because the disk or the quota is full (the system's error, not ours). */
export function isDiskFull(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return err instanceof Error && 'code' in err && typeof err.code === 'string' && DISK_FULL_CODES.includes(err.code);
}

/**
 * A write error with the file it was writing: write(2) errors name no path, so the code that knows
 * the file says it. Any other error is returned unchanged.
 */
export function diskFullAt(file: string, err: unknown): unknown {
  return isDiskFull(err) ? new DiskFullError(file, err.code) : err;
}
