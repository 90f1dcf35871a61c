import { readRunHeader, type RunHeader } from '../workdir/header.js';
import { scanWorkDir } from '../workdir/scan.js';

/** One (model, dataset) store of a shard work dir, with its run header. */
export interface StoredPart {
  readonly dir: string;
  readonly model: string;
  /** Output name (the config key), as in the file names. */
  readonly dataset: string;
  readonly metaFile: string;
  readonly meta: RunHeader;
}

/** Every store with a run header (`M/M_D.meta.json`) in a work dir. */
export async function storedParts(dir: string): Promise<StoredPart[]> {
  const out: StoredPart[] = [];
  for (const pair of await scanWorkDir(dir, 'header')) {
    out.push({ dir, model: pair.model, dataset: pair.dataset, metaFile: pair.paths.header, meta: await readRunHeader(pair.paths.header) });
  }
  return out;
}
