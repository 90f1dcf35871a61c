import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../core/errors.js';
import type { RunMeta } from '../run/evaluate-dataset.js';

/** One (model, dataset) store of a shard work dir, with its run header. */
export interface StoredPart {
  readonly dir: string;
  readonly model: string;
  /** Output name (the config key), as in the file names. */
  readonly dataset: string;
  readonly metaFile: string;
  readonly meta: Partial<RunMeta>;
}

/** Every store with a run header (`M/M_D.meta.json`) in a work dir. */
export async function storedParts(dir: string): Promise<StoredPart[]> {
  let models: string[];
  try {
    models = (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch {
    throw new InputError(`${dir}: not a work dir (cannot list it)`);
  }
  const out: StoredPart[] = [];
  for (const model of models) {
    // A work dir may hold other dirs (the default shard dirs live under results/): only M/M_*.meta.json count.
    const metas = (await readdir(join(dir, model))).filter((f) => f.startsWith(`${model}_`) && f.endsWith('.meta.json')).sort();
    for (const f of metas) {
      const metaFile = join(dir, model, f);
      let meta: Partial<RunMeta>;
      try {
        meta = JSON.parse(await readFile(metaFile, 'utf8')) as Partial<RunMeta>;
      } catch {
        throw new InputError(`${metaFile}: not a readable run header (JSON)`);
      }
      out.push({ dir, model, dataset: f.slice(model.length + 1, -'.meta.json'.length), metaFile, meta });
    }
  }
  return out;
}
